/**
 * Rankings benchmark: a synthetic campaign of 10 thousand, 100 thousand and 1 million
 * recommendations over 5 thousand 基层单位, and the time of the weekly ranking query on each
 * database at each size (median of 5 after a warm-up), generated inside the database; and what
 * 排行 pays for this week's and the whole campaign's: afresh after a change, and cached when unchanged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { currentRankingRows, ranking, weekAndCampaignRanking } from '../../src/domain/ranking.js';
import { createLogger } from '../../src/logger.js';
import { addDays, weekKey } from '../../src/time.js';

export const SIZES = [10_000, 100_000, 1_000_000] as const;
const GRASSROOTS = 5_000;
const WEEKS = 30;

export interface RankingResult {
  kind: 'sqlite' | 'postgresql';
  ms: Record<number, number>;
  /** The whole campaign as 排行 reads it: through the app's cache, with nothing changed since. */
  campaignMs: Record<number, number>;
  /** The whole campaign computed afresh: what the first 排行 after a change pays (with this week's, in one statement). */
  campaignColdMs: Record<number, number>;
}

async function median(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Adds `n` recommendations numbered from `from`, spread over the units, 200k people and 30 weeks. */
async function addRecommendations(db: Db, campaignId: number, firstUnit: number, weeks: string[], from: number, n: number): Promise<void> {
  const weekValues = weeks.map((w, i) => `(${i}, '${w}')`).join(',');
  await db.$executeRawUnsafe(`
    WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s WHERE i < ${from + n - 1}),
    wk(idx, w) AS (VALUES ${weekValues})
    INSERT INTO "Recommendation" ("campaignId", "unitId", "personName", "bookTitle", "platform", "link", "week", "recommendedAt")
    SELECT ${campaignId}, ${firstUnit} + (s.i % ${GRASSROOTS}), 'p' || (s.i % 200000), 'b' || (s.i % 5000), 'WEIBO', '', wk.w, CURRENT_TIMESTAMP
      FROM s JOIN wk ON wk.idx = s.i % ${WEEKS}`);
}

export async function rankingBench(kind: 'sqlite' | 'postgresql', log: (s: string) => void): Promise<RankingResult> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-rank-'));
    url = `file:${join(dir, 'bench.db')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const base = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
    const schema = `bench_${process.pid}`;
    url = `${base}?schema=${schema}`;
    drop = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    };
  }
  const app = await startApp(loadConfig({ DATABASE_URL: url, CAMPAIGN_START: '2020-05-01', CAMPAIGN_END: '2020-12-31', CAMPAIGN_RANKING_START: '2020-06-08' }), createLogger('silent'));
  try {
    const db = app.database.prisma;
    const tops = await db.unit.findMany({ where: { kind: { in: ['CITY', 'INDUSTRY', 'ORGAN', 'DIRECT'] } }, orderBy: { id: 'asc' } });
    const rows = Array.from({ length: GRASSROOTS }, (_, i) => ({ name: `基层单位${i}`, kind: 'GRASSROOTS' as const, parentId: tops[i % tops.length].id }));
    for (let i = 0; i < rows.length; i += 1000) await db.unit.createMany({ data: rows.slice(i, i + 1000) });
    const firstUnit = (await db.unit.findFirstOrThrow({ where: { name: '基层单位0' } })).id;
    const monday = new Date('2020-06-08T00:00:00+08:00');
    const weeks = Array.from({ length: WEEKS }, (_, i) => weekKey(addDays(monday, 7 * i)));
    const ms: Record<number, number> = {};
    const campaignMs: Record<number, number> = {};
    const campaignColdMs: Record<number, number> = {};
    // A day of the fourth week: 排行 reads that week and the whole campaign.
    const asked = addDays(monday, 7 * 3 + 2);
    let have = 0;
    for (const size of SIZES) {
      const t = Date.now();
      await addRecommendations(db, app.campaign.id, firstUnit, weeks, have, size - have);
      have = size;
      await db.$executeRawUnsafe(kind === 'sqlite' ? 'ANALYZE' : 'ANALYZE "Recommendation"');
      const loadS = ((Date.now() - t) / 1000).toFixed(1);
      ms[size] = await median(() => ranking(db, app.campaign.id, weeks[3]));
      // The 排行 command also shows the whole campaign: the query alone, both in one statement as
      // 排行 reads them after a change, and through the cache while nothing changed.
      const total = await median(() => ranking(db, app.campaign.id), 3);
      campaignColdMs[size] = await median(() => weekAndCampaignRanking(db, app.campaign.id, weeks[3]), 3);
      campaignMs[size] = await median(() => currentRankingRows(db, app.campaign, asked));
      log(
        `ranking ${kind} ${size.toLocaleString('en')} rows: weekly ${ms[size].toFixed(1)} ms, whole campaign ${total.toFixed(1)} ms; ` +
          `排行 (week + campaign) ${campaignColdMs[size].toFixed(1)} ms after a change, ${campaignMs[size].toFixed(2)} ms unchanged (data loaded in ${loadS} s)`,
      );
    }
    return { kind, ms, campaignMs, campaignColdMs };
  } finally {
    await app.close();
    await drop();
  }
}
