/**
 * npm run bench [-- --json FILE] [-- --only ranking,http,broadcast]
 * Benchmarks, never part of npm test. Each prints its figures and its ratio to a baseline
 * measured in the same run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { broadcastBench } from './bench/broadcast.js';
import { httpBench, queryFloor } from './bench/http.js';
import { rankingBench, SIZES } from './bench/ranking.js';

const { values } = parseArgs({ options: { json: { type: 'string' }, only: { type: 'string' } } });
const only = new Set((values.only ?? 'ranking,http,broadcast').split(','));
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

/** Runs `fn` on a PostgreSQL schema of its own, dropped afterwards. */
async function withPgSchema<T>(prefix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const base = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const schema = `${prefix}_${process.pid}`;
  try {
    return await fn(`${base}?schema=${schema}`);
  } finally {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
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

if (only.has('http')) {
  const sqlite = await httpBench(undefined, log);
  out['http.write_ratio'] = Math.round((sqlite.write.rps / sqlite.baseline.rps) * 1000) / 1000;
  out['http.read_ratio'] = Math.round((sqlite.read.rps / sqlite.baseline.rps) * 1000) / 1000;
  out['memory.peak_rss_mb'] = sqlite.rss;
  out['http.platform_layer_ratio'] = Math.round((sqlite.crypto.rps / sqlite.baseline.rps) * 1000) / 1000;
  const floor = await queryFloor();
  log(`http floor: one Prisma lookup ${floor.prismaUs.toFixed(0)} µs, the same prepared statement on better-sqlite3 ${floor.rawUs.toFixed(0)} µs (${(floor.prismaUs / floor.rawUs).toFixed(1)}×)`);
  out['http.prisma_query_us'] = Math.round(floor.prismaUs);
  if (await pgUp()) {
    const p = await withPgSchema('bench_http', (url) => httpBench(url, log));
    out['http.postgres_write_ratio'] = Math.round((p.write.rps / p.baseline.rps) * 1000) / 1000;
    out['http.postgres_read_ratio'] = Math.round((p.read.rps / p.baseline.rps) * 1000) / 1000;
  }
}

if (only.has('broadcast')) {
  const b = await broadcastBench(undefined, log);
  out['broadcast.max_rate_ratio'] = Math.round((b.maxPerWindow / 20) * 1000) / 1000;
  out['broadcast.time_ratio'] = Math.round((b.totalMs / b.idealMs) * 1000) / 1000;
  if (await pgUp()) {
    const p = await withPgSchema('bench_broadcast', (url) => broadcastBench(url, log));
    out['broadcast.postgres_max_rate_ratio'] = Math.round((p.maxPerWindow / 20) * 1000) / 1000;
    out['broadcast.postgres_time_ratio'] = Math.round((p.totalMs / p.idealMs) * 1000) / 1000;
  }
}

if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out));
