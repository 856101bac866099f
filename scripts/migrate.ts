/** `npm run migrate`: applies pending migrations to DATABASE_URL (SQLite ./data/bot.db by default). */
import { loadConfig } from '../src/config.js';
import { applyMigrations } from '../src/db/migrate.js';

const config = loadConfig();
const applied = await applyMigrations(config.DATABASE_URL);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
