/**
 * npm run export -- --table 1|2 [--unit 长沙市总工会] [--from 2020-06-01] [--to 2020-06-30] --out file.xlsx|file.csv
 * Writes one of the notice's tables from the database in DATABASE_URL.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { exportTable, type TableNo } from '../src/domain/exports.js';
import { topUnitNamed } from '../src/domain/units.js';
import { createLogger } from '../src/logger.js';
import { t } from '../src/texts.js';
import { addDays, parseYmd } from '../src/time.js';

const USAGE = t('tables.scriptUsage');
const { values } = parseArgs({ options: { table: { type: 'string' }, unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
const fail = (why: string) => {
  console.error(`${why}\n${USAGE}`);
  process.exit(2);
};
if (values.table !== '1' && values.table !== '2') fail('--table must be 1 or 2');
const out = values.out ?? '';
const format = out.endsWith('.xlsx') ? 'xlsx' : out.endsWith('.csv') ? 'csv' : undefined;
if (!format) fail('--out must end in .xlsx or .csv');
const from = values.from ? parseYmd(values.from) : undefined;
const to = values.to ? parseYmd(values.to) : undefined;
if ((values.from && !from) || (values.to && !to)) fail('--from and --to are dates like 2020-06-01');

const app = await startApp(loadConfig(), createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as any));
try {
  const unit = values.unit ? await topUnitNamed(app.database.prisma, values.unit) : undefined;
  if (values.unit && !unit) fail(`no unit "${values.unit}"`);
  const unitId = unit?.id;
  const { body } = await exportTable(app.database.prisma, app.campaign.id, { table: Number(values.table) as TableNo, unitId, from, to: to && addDays(to, 1) }, format!);
  writeFileSync(out, body);
  console.log(`wrote ${out}`);
} finally {
  await app.close();
}
