/** `npm run seed [file]`: imports the unit list (prisma/seed/units.csv) idempotently. */
import { isAbsolute, join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations, root } from '../src/db/migrate.js';
import { importUnits, readUnitsFile } from '../src/domain/units.js';

const config = loadConfig();
const file = process.argv[2] ?? config.UNITS_FILE;
await applyMigrations(config.DATABASE_URL);
const db = openDatabase(config.DATABASE_URL);
try {
  const r = await importUnits(db.prisma, readUnitsFile(isAbsolute(file) ? file : join(root, file)));
  console.log(`units: ${r.created} created, ${r.updated} updated`);
} finally {
  await db.close();
}
