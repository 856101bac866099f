/**
 * npm run bench [-- --json FILE] [-- --only ranking,http,broadcast]
 * Benchmarks, never part of npm test. Each prints its figures and its ratio to a baseline
 * measured in the same run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { rankingBench, SIZES } from './bench/ranking.js';

const { values } = parseArgs({ options: { json: { type: 'string' }, only: { type: 'string' } } });
const only = new Set((values.only ?? 'ranking').split(','));
const log = (s: string) => console.log(s);
const out: Record<string, number> = {};

async function pgUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test', connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

if (only.has('ranking')) {
  const kinds: Array<'sqlite' | 'postgresql'> = (await pgUp()) ? ['sqlite', 'postgresql'] : ['sqlite'];
  for (const kind of kinds) {
    const r = await rankingBench(kind, log);
    out[`ranking.${kind === 'sqlite' ? 'sqlite' : 'postgres'}_ms_1m`] = Math.round(r.ms[1_000_000] * 10) / 10;
    log(`ranking ${kind}: growth 10k→1m ${(r.ms[SIZES[2]] / r.ms[SIZES[0]]).toFixed(1)}× for 100× the rows; goal < 200 ms at 1m: ${r.ms[SIZES[2]] < 200 ? 'met' : 'MISSED'}`);
  }
}

if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out));
