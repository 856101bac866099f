import { startApp, startPlatforms } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { applyMigrationsApart } from './db/migrate-apart.js';
import { createLogger } from './logger.js';
import { startBackground } from './jobs/index.js';
import { createServer, listen } from './server.js';

/** How long a graceful stop may take before the process exits anyway (exit code 1). */
const STOP_DEADLINE_MS = 10_000;
/** How long requests under way may take to finish once we stop taking new ones. */
const REQUEST_GRACE_MS = 5_000;

/**
 * `npm start`: SQLite under ./data unless DATABASE_URL says otherwise, HTTP on PORT (3000).
 * Assembled here: configuration → the app (database, campaign, dispatcher, senders) → the
 * platforms' receivers → the background jobs → the HTTP server. SIGTERM and SIGINT stop it
 * gracefully, and so does the end of the `npm start` that launched it (see whenLauncherGone).
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await startApp(config, logger, undefined, { migrate: applyMigrationsApart });
  const receivers = await startPlatforms(app);
  startBackground(app);
  const server = await listen(createServer(app, receivers), config.PORT, config.HOST);
  const address = server.address();
  const platforms = receivers.flatMap((receiver) => receiver.enabled);
  logger.info({ address, database: app.database.provider, campaign: app.campaign.name, platforms }, 'bot started');

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    setTimeout(() => {
      logger.error({ reason, ms: STOP_DEADLINE_MS }, 'stopping took too long: exiting now');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    // Stop taking requests (idle keep-alive connections close now), let those under way finish
    // for a while; then the platforms, the scheduler and the outbox worker stop, the replies still
    // being worked on are drained, and the database is disconnected.
    const closed = new Promise((resolve) => server.close(resolve));
    const grace = setTimeout(() => server.closeAllConnections(), REQUEST_GRACE_MS);
    await closed;
    clearTimeout(grace);
    await app.close();
    logger.info({ reason }, 'stopped');
    process.exit(0);
  };
  const stopOrExit = (reason: string) =>
    stop(reason).catch((err) => {
      logger.error({ err, reason }, 'stopping failed');
      process.exit(1);
    });
  process.once('SIGINT', () => void stopOrExit('SIGINT'));
  process.once('SIGTERM', () => void stopOrExit('SIGTERM'));
  whenLauncherGone(() => void stopOrExit('npm start ended'));
}

/**
 * Under `npm start` we are not npm's child but its shell's (`sh -c "node dist/src/main.js"`),
 * and npm (10 and 11: @npmcli/run-script's signal-manager) passes SIGTERM and SIGINT on to that
 * shell only. dash, Debian's and Ubuntu's sh, dies of it without passing it on, so a `kill` of
 * `npm start` (or `docker stop` of a container that runs it) would leave us running on our own.
 * So when npm started us we watch our parent, and stop as if signalled once it is gone. (Started
 * directly — `node dist/src/main.js &` — we keep running when the shell that started us exits.)
 */
function whenLauncherGone(onGone: () => void): void {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, 250);
  timer.unref();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
