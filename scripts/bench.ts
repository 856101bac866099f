/**
 * npm run bench [-- --json FILE] [-- --only ranking,http,broadcast]
 * Benchmarks, never part of npm test. Each prints its figures and its ratio to a baseline
 * measured in the same run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { broadcastBenchIsolated } from './bench/broadcast.js';
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
    const db = kind === 'sqlite' ? 'sqlite' : 'postgres';
    out[`ranking.${db}_ms_1m`] = Math.round(r.ms[1_000_000] * 10) / 10;
    // The whole campaign as 排行 reads it (its cache checked, a hit), and computed afresh (the first 排行 after a change).
    out[`ranking.${db}_campaign_ms_1m`] = Math.round(r.campaignMs[1_000_000] * 10) / 10;
    out[`ranking.${db}_campaign_cold_ms_1m`] = Math.round(r.campaignColdMs[1_000_000] * 10) / 10;
    log(`ranking ${kind}: whole campaign at 1m ${r.campaignMs[1_000_000].toFixed(1)} ms as 排行 reads it (goal < 100 ms: ${r.campaignMs[1_000_000] < 100 ? 'met' : 'MISSED'}), ${r.campaignColdMs[1_000_000].toFixed(1)} ms computed after a change`);
    log(`ranking ${kind}: growth 10k→1m ${(r.ms[SIZES[2]] / r.ms[SIZES[0]]).toFixed(1)}× for 100× the rows; goal < 200 ms at 1m: ${r.ms[SIZES[2]] < 200 ? 'met' : 'MISSED'}`);
  }
}

if (only.has('http')) {
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  const sqlite = await httpBench(undefined, log);
  // Against the platform layer alone (the same signed, encrypted request and reply, no database), measured in the same run.
  out['http.write_ratio'] = ratio(sqlite.write.rps, sqlite.crypto.rps);
  out['http.read_ratio'] = ratio(sqlite.read.rps, sqlite.crypto.rps);
  out['http.write_p99_ms'] = sqlite.write.p99;
  out['http.read_p99_ms'] = sqlite.read.p99;
  out['http.write_rps'] = Math.round(sqlite.write.rps);
  out['http.read_rps'] = Math.round(sqlite.read.rps);
  out['http.platform_layer_rps'] = Math.round(sqlite.crypto.rps);
  // Against bare Koa (the second reference; these were http.write_ratio / http.read_ratio before issue 16).
  out['http.write_ratio_koa'] = ratio(sqlite.write.rps, sqlite.baseline.rps);
  out['http.read_ratio_koa'] = ratio(sqlite.read.rps, sqlite.baseline.rps);
  // The server as `npm start` runs it: its peak under the load above with ranking pictures drawn meanwhile, and its RSS once started.
  out['memory.peak_rss_mb'] = sqlite.rss;
  out['memory.idle_rss_mb'] = sqlite.idleRss;
  out['http.platform_layer_ratio'] = ratio(sqlite.crypto.rps, sqlite.baseline.rps);
  const floor = await queryFloor();
  log(`http floor: one Prisma lookup ${floor.prismaUs.toFixed(0)} µs, the same prepared statement on better-sqlite3 ${floor.rawUs.toFixed(0)} µs (${(floor.prismaUs / floor.rawUs).toFixed(1)}×)`);
  out['http.prisma_query_us'] = Math.round(floor.prismaUs);
  if (await pgUp()) {
    const p = await withPgSchema('bench_http', (url) => httpBench(url, log));
    out['http.postgres_write_ratio'] = ratio(p.write.rps, p.crypto.rps);
    out['http.postgres_read_ratio'] = ratio(p.read.rps, p.crypto.rps);
    out['http.postgres_write_p99_ms'] = p.write.p99;
    out['http.postgres_read_p99_ms'] = p.read.p99;
    out['http.postgres_write_rps'] = Math.round(p.write.rps);
    out['http.postgres_read_rps'] = Math.round(p.read.rps);
    out['http.postgres_write_ratio_koa'] = ratio(p.write.rps, p.baseline.rps);
    out['http.postgres_read_ratio_koa'] = ratio(p.read.rps, p.baseline.rps);
    out['memory.postgres_peak_rss_mb'] = p.rss;
    out['memory.postgres_idle_rss_mb'] = p.idleRss;
  }
}

if (only.has('broadcast')) {
  // With the weekly ranking's charts (as it runs) for the ratios; without, for the memory they cost.
  const b = await broadcastBenchIsolated(undefined, log, { pictures: true });
  out['broadcast.max_rate_ratio'] = Math.round((b.maxPerWindow / 20) * 1000) / 1000;
  out['broadcast.time_ratio'] = Math.round((b.totalMs / b.idealMs) * 1000) / 1000;
  out['broadcast.peak_rss_mb_pictures'] = b.peakRssMb;
  const text = await broadcastBenchIsolated(undefined, log, { pictures: false });
  out['broadcast.peak_rss_mb_text'] = text.peakRssMb;
  out['broadcast.text_time_ratio'] = Math.round((text.totalMs / text.idealMs) * 1000) / 1000;
  if (await pgUp()) {
    const p = await withPgSchema('bench_broadcast', (url) => broadcastBenchIsolated(url, log, { pictures: true }));
    out['broadcast.postgres_max_rate_ratio'] = Math.round((p.maxPerWindow / 20) * 1000) / 1000;
    out['broadcast.postgres_time_ratio'] = Math.round((p.totalMs / p.idealMs) * 1000) / 1000;
  }
}

if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out));
