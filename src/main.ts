import { startApp, startPlatforms } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { applyMigrationsApart } from './db/migrate-apart.js';
import { createLogger } from './logger.js';
import { startBackground } from './jobs/index.js';
import { createServer, listen } from './server.js';

/**
 * `npm start`: SQLite under ./data unless DATABASE_URL says otherwise, HTTP on PORT (3000).
 * Assembled here: configuration → the app (database, campaign, dispatcher, senders) → the
 * platforms' receivers → the background jobs → the HTTP server.
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
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    // Stop taking requests, let those under way finish, then the replies still being worked on.
    await new Promise((resolve) => server.close(resolve));
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
