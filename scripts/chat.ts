/**
 * `npm run chat`: talk to the bot locally, as any person in any group or in their private chat
 * with the bot, on the same database the server uses (DATABASE_URL). Reads a transcript from
 * standard input when it is not a terminal.
 *
 * `:time` moves the console's clock; moving it forward runs every scheduled window on the way,
 * in order, as a running server would have. What the bot sends — to console groups, and to
 * console people (an admin's approval card, a notice) — is printed as `push @<群名>> …` and
 * `push @私聊:<名字>> …` lines after the line that caused it: after the `:time` line (which says
 * how many were sent), after a message's reply. Only console groups and people get pushes from
 * here: the console never sends to WeCom or DingTalk.
 */
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { configuredJobs } from '../src/jobs/index.js';
import { Scheduler, type RunReport } from '../src/jobs/scheduler.js';
import { createLogger } from '../src/logger.js';
import { OutboxWorker } from '../src/outbox/worker.js';
import { ConsoleClock, runsByJob, windowsBetween } from '../src/platforms/console/clock.js';
import { runConsole } from '../src/platforms/console/console.js';
import { ConsoleSender } from '../src/platforms/console/sender.js';
import { t } from '../src/texts.js';
import { formatDateTime } from '../src/time.js';

const config = loadConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as any);
const clock = new ConsoleClock();
const sender = new ConsoleSender();
// The console's sender joins the platforms' ones, so that what a command has the bot tell others
// (an admin's card about a new 申报承办, a group's decision) reaches console people and groups.
const app = await startApp(config, logger, clock.now, { extraSenders: [sender] });
const dispatcher = app.dispatcher;
// Jobs and the outbox over the console's sender only. Each job has its own scheduler, so that
// stepping through a jump runs, at each window, just the jobs due then; the worker sends one
// message at a time, so pushes print in the order they were queued.
const consoleOnly = new Map([[sender.platform, sender]]);
const background = { database: app.database, senders: consoleOnly, logger, clock: clock.now };
const jobs = configuredJobs(app);
const schedulerOf = new Map(
  jobs.map((job) => [job.name, new Scheduler({ ...background, campaign: app.campaign, jobs: [job], eveHour: config.ACTIVITY_EVE_HOUR })]),
);
const worker = new OutboxWorker({ ...background, claimMs: config.OUTBOX_CLAIM_MS, batch: 1 });
/** Runs the named jobs' windows due at `at`, in the configured order. */
async function runJobs(names: readonly string[], at: Date): Promise<RunReport[]> {
  const runs: RunReport[] = [];
  for (const name of names) runs.push(...(await schedulerOf.get(name)!.tick(at)));
  return runs;
}
try {
  await runConsole(dispatcher, process.stdin, process.stdout, Boolean(process.stdin.isTTY), {
    async setTime(target) {
      const from = clock.now();
      const to = 'at' in target ? target.at : new Date(from.getTime() + target.plusMs);
      const runs: RunReport[] = [];
      // Forward: each window on the way at its own time, what it queued sent before the next.
      for (const step of to > from ? windowsBetween(jobs, app.campaign, from, to) : []) {
        clock.set(step.at);
        const ran = await runJobs(step.jobs, step.at);
        runs.push(...ran);
        if (ran.some((run) => run.enqueued > 0)) await worker.drain();
      }
      // Then at `to` (back: only this): what is due there, and whatever else waits to be sent.
      clock.set(to);
      runs.push(...(await runJobs([...schedulerOf.keys()], to)));
      await worker.drain();
      const sent = sender.take();
      return [t('console.timeSet', { time: formatDateTime(clock.now()), jobs: runsByJob(runs), pushes: sent.messages }), ...sent.lines];
    },
    async afterMessage() {
      await worker.drain();
      return sender.take().lines;
    },
  });
} finally {
  await app.close();
}
