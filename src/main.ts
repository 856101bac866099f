import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { applyMigrationsApart } from './db/migrate-apart.js';
import { createLogger } from './logger.js';
import { startBackground } from './jobs/index.js';
import { startPlatforms } from './platforms/index.js';
import { createServer, listen } from './server.js';

/** `npm start`: SQLite under ./data unless DATABASE_URL says otherwise, HTTP on PORT (3000). */
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
  const { routes, enabled } = await startPlatforms(app);
  startBackground(app);
  const server = await listen(createServer(app, routes), config.PORT, config.HOST);
  const address = server.address();
  logger.info({ address, database: app.database.provider, campaign: app.campaign.name, platforms: enabled }, 'bot started');
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
