/**
 * `npm run chat`: talk to the bot locally, as any person in any group, on the same database the
 * server uses (DATABASE_URL). Reads a transcript from standard input when it is not a terminal.
 */
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { runConsole } from '../src/platforms/console/console.js';

const config = loadConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as any);
const app = await startApp(config, logger);
try {
  await runConsole(app.dispatcher, process.stdin, process.stdout, Boolean(process.stdin.isTTY));
} finally {
  await app.close();
}
