/**
 * `npm run chat`: talk to the bot locally, as any person in any group, on the same database the
 * server uses (DATABASE_URL). Reads a transcript from standard input when it is not a terminal.
 * `:time` moves the console's clock and runs the scheduled jobs that are then due; what they
 * push to console groups is printed as `push @<群名>> …`. Only console groups get pushes from
 * here: the console never sends to WeCom or DingTalk.
 */
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createBackground } from '../src/jobs/index.js';
import { createLogger } from '../src/logger.js';
import { runConsole } from '../src/platforms/console/console.js';
import { ConsoleSender } from '../src/platforms/console/sender.js';
import { t } from '../src/texts.js';
import { formatDateTime } from '../src/time.js';

const config = loadConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as any);
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const app = await startApp(config, logger, clock);
const print = (line: string) => process.stdout.write(`${line}\n`);
const { scheduler, worker } = createBackground(app, new Map([['console', new ConsoleSender(print)]]));
try {
  await runConsole(app.dispatcher, process.stdin, process.stdout, Boolean(process.stdin.isTTY), {
    async setTime(at) {
      offsetMs = at.getTime() - Date.now();
      const ran = await scheduler.tick();
      await worker.drain();
      const jobs = ran.filter((run) => run.enqueued > 0).map((run) => `${run.job} ${run.window}`);
      return [t('console.timeSet', { time: formatDateTime(clock()), jobs })];
    },
    afterMessage: async () => {
      await worker.drain();
    },
  });
} finally {
  await app.close();
}
