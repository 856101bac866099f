import { Prisma, type Campaign, type Unit } from '../generated/sqlite/client.js';
import type { Tx } from '../db/client.js';
import { rankingVersion } from '../db/hot.js';
import { addDays, parseYmd, weekKey, weekStart, ymd } from '../time.js';
import { RANKED_KINDS, REPORTING_KINDS } from './campaign.js';
import { topUnitOf } from './units.js';

export type Board = 'CITY' | 'INDUSTRY';
/** The boards, in the order 排行 and the weekly push show them. */
export const BOARDS: readonly Board[] = ['CITY', 'INDUSTRY'];
/** How many places a board shows; the own unit is shown as well when it is further down. */
export const TOP_PLACES = 10;
/** The metric a 上报 of 好书荐读 participants is stored under. */
export const RECOMMEND_METRIC = 'recommend';
/**
 * The name of the weekly-ranking job in JobRun: a week is closed to 上报 once a run of it has
 * started after the week ended (src/jobs/jobs.ts names its job with this).
 */
export const WEEKLY_RANKING_JOB = 'weekly-ranking';

/** The board a ranked unit is shown on: 市州, or 产业工会 with 省直. */
export const boardOf = (unit: Pick<Unit, 'kind'>): Board => (unit.kind === 'CITY' ? 'CITY' : 'INDUSTRY');

export interface RankRow {
  unitId: number;
  name: string;
  board: Board;
  participants: number;
  rank: number;
}

/** Unit kinds as SQL literals (from the code's own table, never from input). */
const kindList = (kinds: readonly string[]) => Prisma.raw(kinds.map((kind) => `'${kind.replace(/[^A-Z]/g, '')}'`).join(', '));

/**
 * 好书荐读 participants per 市州总工会 and per 产业工会 (省产业工会, with 省直机关工会 and 省直属工委),
 * by one counting rule that never counts a worker twice:
 *
 * - a unit's figure for a week is its 上报 when it reported that week (the report includes its
 *   own recommending workers), else its recommending workers, each person once;
 * - a 市州 / 产业工会 that reported itself covers its 基层单位: their 上报 and 荐书 of that week are
 *   not added; when it did not report, each 基层单位's figure is added to its own;
 * - withdrawn recommendations (deletedAt) are not counted.
 *
 * `week` (a Monday, YYYY-MM-DD) limits it to one campaign week; without it, the whole campaign:
 * the weeks' reports added up, and each recommending worker of a week not covered by a report
 * counted once however many weeks they recommended in. One query, aggregated and ranked by the
 * database (RANK() gives ties the same rank), the same on SQLite and PostgreSQL.
 */
export async function ranking(db: Tx, campaignId: number, week?: string): Promise<RankRow[]> {
  const rows = await db.$queryRaw<RawRankRow[]>`WITH ${rankingCtes(campaignId, week, '')} ${rankingSelect('')} ORDER BY board, participants DESC, so, "unitId"`;
  return rows.map(rankRow);
}

/**
 * This week's ranking and the whole campaign's, in one statement (what 排行 shows): the two
 * queries of `ranking` side by side, told apart by `scope`.
 */
export async function weekAndCampaignRanking(db: Tx, campaignId: number, week: string): Promise<{ week: RankRow[]; total: RankRow[] }> {
  const rows = await db.$queryRaw<Array<RawRankRow & { scope: string }>>`
    WITH ${rankingCtes(campaignId, week, '_w')}, ${rankingCtes(campaignId, undefined, '_t')}
    SELECT 'w' AS scope, q.* FROM (${rankingSelect('_w')}) q
    UNION ALL
    SELECT 't' AS scope, q.* FROM (${rankingSelect('_t')}) q
    ORDER BY scope DESC, board, participants DESC, so, "unitId"`;
  return { week: rows.filter((r) => r.scope === 'w').map(rankRow), total: rows.filter((r) => r.scope === 't').map(rankRow) };
}

interface RawRankRow {
  unitId: number;
  name: string;
  board: string;
  participants: unknown;
  rank: unknown;
}

const rankRow = (r: RawRankRow): RankRow => ({
  unitId: Number(r.unitId),
  name: r.name,
  board: r.board as Board,
  participants: Number(r.participants),
  rank: Number(r.rank),
});

/** The common table expressions of one ranking (names ending in `sfx`), ending in `totals${sfx}`. */
function rankingCtes(campaignId: number, week: string | undefined, sfx: string): Prisma.Sql {
  // One week is read through the (campaignId, week, unitId) index. The whole campaign is read in
  // table order: `+` keeps SQLite off the (campaignId, unitId, personName) index, which lacks the
  // week and deletedAt each row is checked for, so walking it looks every row up (measured at 1m
  // rows: 2.4 s through the index, 0.44 s in table order). PostgreSQL then sorts instead of
  // walking that index: 0.45 s instead of 0.33 s, the price of one query for both.
  const recRows = week ? Prisma.sql`x."campaignId" = ${campaignId} AND x."week" = ${week}` : Prisma.sql`+x."campaignId" = ${campaignId}`;
  const repWeek = week ? Prisma.sql`AND c."week" = ${week}` : Prisma.empty;
  const n = (name: string) => Prisma.raw(name + sfx);
  return Prisma.sql`
    ${n('rep')} AS (
      SELECT c."unitId" AS uid, c."week" AS wk, c."count" AS n
        FROM "CountReport" c
       WHERE c."campaignId" = ${campaignId} AND c."metric" = ${RECOMMEND_METRIC} ${repWeek}
    ),
    ${n('covered')} AS (
      SELECT r.uid AS uid, r.wk AS wk FROM ${n('rep')} r
      UNION
      SELECT g."id" AS uid, r.wk AS wk FROM ${n('rep')} r JOIN "Unit" g ON g."parentId" = r.uid AND g."kind" = 'GRASSROOTS'
    ),
    ${n('counted')} AS (
      SELECT r.uid AS uid, r.n AS n
        FROM ${n('rep')} r JOIN "Unit" u ON u."id" = r.uid
       WHERE NOT (u."kind" = 'GRASSROOTS' AND EXISTS (SELECT 1 FROM ${n('rep')} p WHERE p.uid = u."parentId" AND p.wk = r.wk))
      UNION ALL
      SELECT d.uid AS uid, COUNT(*) AS n
        FROM (SELECT DISTINCT x."unitId" AS uid, x."personName" AS pn
                FROM "Recommendation" x
               WHERE ${recRows} AND x."deletedAt" IS NULL
                 AND NOT EXISTS (SELECT 1 FROM ${n('covered')} v WHERE v.uid = x."unitId" AND v.wk = x."week")) d
       GROUP BY d.uid
    ),
    ${n('rolled')} AS (
      SELECT CASE WHEN u."kind" = 'GRASSROOTS' THEN u."parentId" ELSE u."id" END AS tid, k.n AS n
        FROM ${n('counted')} k JOIN "Unit" u ON u."id" = k.uid
    ),
    ${n('totals')} AS (
      SELECT t."id" AS "unitId", t."name" AS name,
             CASE WHEN t."kind" = 'CITY' THEN 'CITY' ELSE 'INDUSTRY' END AS board,
             COALESCE(SUM(x.n), 0) AS participants, t."sortOrder" AS so
        FROM "Unit" t LEFT JOIN ${n('rolled')} x ON x.tid = t."id"
       WHERE t."kind" IN (${kindList(RANKED_KINDS)})
       GROUP BY t."id", t."name", t."kind", t."sortOrder"
    )`;
}

/** The ranked rows of `totals${sfx}` (RANK() gives ties the same rank), with `so` to order them by. */
function rankingSelect(sfx: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "unitId", name, board, participants,
           RANK() OVER (PARTITION BY board ORDER BY participants DESC) AS rank, so
      FROM ${Prisma.raw('totals' + sfx)}`;
}

/** A unit's place on a board as shown. */
export interface PlaceLine {
  row: RankRow;
  /** The unit of the group (or sender) the board is shown to: marked, and always shown. */
  own: boolean;
  /** Against the week before, when the view was built with it. */
  change?: { participants: number; placesUp: number };
}

/**
 * What a board shows, in order: the top places of units that have anybody, then — when the own
 * unit is further down (or has nobody yet) — a gap (only after some places) and the own unit;
 * `nobody` alone when there is nothing to show.
 */
export type BoardLine = PlaceLine | 'gap' | 'nobody';

export interface BoardView {
  board: Board;
  lines: BoardLine[];
}

/**
 * The boards as shown to one unit: 排行's reply and the weekly push both read this. `ownUnitId`
 * is the top unit (市州 / 产业工会) of the viewer; `previous`, the week before's rows, adds each
 * place's change.
 */
export function rankingView(rows: readonly RankRow[], ownUnitId: number | undefined, previous?: readonly RankRow[]): BoardView[] {
  const before = previous && new Map(previous.map((row) => [row.unitId, row]));
  const line = (row: RankRow): PlaceLine => ({
    row,
    own: row.unitId === ownUnitId,
    ...(before && { change: changeOf(row, before.get(row.unitId)) }),
  });
  return BOARDS.map((board) => {
    const onBoard = rows.filter((row) => row.board === board);
    // Units with nobody yet are left out, except the viewer's own.
    const top = onBoard.filter((row) => row.participants > 0).slice(0, TOP_PLACES);
    const own = onBoard.find((row) => row.unitId === ownUnitId);
    const lines: BoardLine[] = top.map(line);
    if (own && !top.includes(own)) lines.push(...(top.length ? (['gap'] as const) : []), line(own));
    return { board, lines: lines.length ? lines : ['nobody'] };
  });
}

/**
 * More (or fewer) participants than the week before, and places gained. A unit with nobody, that
 * week or this one, has no place to compare: it gains and loses none (only its count changes).
 */
function changeOf(row: RankRow, before: RankRow | undefined): { participants: number; placesUp: number } {
  return {
    participants: before ? row.participants - before.participants : row.participants,
    placesUp: before && before.participants > 0 && row.participants > 0 ? before.rank - row.rank : 0,
  };
}

/** The top unit (市州 / 产业工会) whose place a member of `unit` looks for; undefined without a unit. */
export async function ownBoardUnitId(tx: Tx, unit: Unit | null): Promise<number | undefined> {
  return unit ? (await topUnitOf(tx, unit)).id : undefined;
}

/**
 * The rankings 排行 read last, per app (keyed by its campaign object, one per app), with the
 * version of the data (src/db/hot.ts rankingVersion) they were read at: read again once any
 * instance changed a recommendation, a report or a unit through a command, or the week turned.
 * Kept only in a campaign of some size (RANKING_CACHE_FROM recommendations, where reading them
 * costs tens of milliseconds): a small one is read afresh every time, so a change made beside the
 * bot's commands (a script, an SQL console, a test editing rows) shows at once there, and within
 * RANKING_CACHE_MS at worst in a large one.
 */
const lastRankings = new WeakMap<object, { version: string; week: string; at: number; rows: { week: RankRow[]; total: RankRow[] } }>();
export const RANKING_CACHE_MS = 60_000;
export const RANKING_CACHE_FROM = 20_000;

/**
 * This week's rows and the whole campaign's, as 排行 reads them: from the app's cache while the
 * data's version is the one they were read at (one cheap statement), else read afresh (one
 * statement for both). The version is read first: a change committed meanwhile makes the next
 * read miss, never a stale answer be kept.
 */
export async function currentRankingRows(
  tx: Tx,
  campaign: Pick<Campaign, 'id'>,
  now: Date,
  cacheFrom = RANKING_CACHE_FROM,
): Promise<{ week: RankRow[]; total: RankRow[] }> {
  const week = weekKey(now);
  const { key: version, recommendations } = await rankingVersion(tx);
  const kept = lastRankings.get(campaign);
  if (kept && kept.version === version && kept.week === week && Date.now() - kept.at < RANKING_CACHE_MS) return kept.rows;
  const rows = await weekAndCampaignRanking(tx, campaign.id, week);
  if (recommendations >= cacheFrom) lastRankings.set(campaign, { version, week, at: Date.now(), rows });
  else lastRankings.delete(campaign);
  return rows;
}

/**
 * 排行: this campaign week's boards and the whole campaign's, as `unit` sees them; through the
 * app's cache when given its campaign object (the 排行 command), else read afresh.
 */
export async function currentRanking(
  tx: Tx,
  input: { campaignId: number; campaign?: Pick<Campaign, 'id'>; unit: Unit | null; now: Date },
): Promise<{ monday: Date; thisWeek: BoardView[]; total: BoardView[] }> {
  const { week, total } = input.campaign
    ? await currentRankingRows(tx, input.campaign, input.now)
    : await weekAndCampaignRanking(tx, input.campaignId, weekKey(input.now));
  // A 基层单位's board place is its parent's, found among the rows without a query when the parent is ranked.
  const unit = input.unit;
  const own = !unit || unit.kind !== 'GRASSROOTS' ? unit?.id : total.some((r) => r.unitId === unit.parentId) ? unit.parentId! : await ownBoardUnitId(tx, unit);
  return { monday: weekStart(input.now), thisWeek: rankingView(week, own), total: rankingView(total, own) };
}

/** The weekly push: the rows of the week from `monday` and of the week before, for `rankingView`. */
export async function weekRanking(tx: Tx, campaignId: number, monday: Date): Promise<{ rows: RankRow[]; previous: RankRow[] }> {
  const [rows, previous] = await Promise.all([
    ranking(tx, campaignId, weekKey(monday)),
    ranking(tx, campaignId, weekKey(addDays(monday, -7))),
  ]);
  return { rows, previous };
}

// ——— Who has reported ———

/**
 * The units that have a figure for `week` (a Monday, YYYY-MM-DD) by the counting rule: those with
 * a 上报 or a (not withdrawn) 荐书 of their own that week; a 市州 / 产业工会 when one of its
 * 基层单位 has; a 基层单位 when its parent sent a 上报 (which covers it).
 */
export async function reportedUnitIds(tx: Tx, campaignId: number, week: string): Promise<Set<number>> {
  const [reports, recommended] = await Promise.all([
    tx.countReport.findMany({ where: { campaignId, metric: RECOMMEND_METRIC, week }, select: { unitId: true } }),
    tx.recommendation.findMany({ where: { campaignId, week, deletedAt: null }, select: { unitId: true }, distinct: ['unitId'] }),
  ]);
  const own = new Set([...reports, ...recommended].map((r) => r.unitId));
  const reporters = reports.map((r) => r.unitId);
  const [parents, covered] = await Promise.all([
    tx.unit.findMany({ where: { id: { in: [...own] }, kind: 'GRASSROOTS' }, select: { parentId: true } }),
    tx.unit.findMany({ where: { parentId: { in: reporters }, kind: 'GRASSROOTS' }, select: { id: true } }),
  ]);
  for (const { parentId } of parents) if (parentId !== null) own.add(parentId);
  for (const { id } of covered) own.add(id);
  return own;
}

/**
 * 未上报: the ranked units (市州, 产业工会, 省直) with no figure for the week from `monday` —
 * neither a 上报 nor any 荐书, their own or their 基层单位' — in the seed file's order.
 */
export async function notReported(tx: Tx, campaignId: number, monday: Date): Promise<Unit[]> {
  const [reported, units] = await Promise.all([
    reportedUnitIds(tx, campaignId, weekKey(monday)),
    tx.unit.findMany({ where: { kind: { in: [...RANKED_KINDS] } }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
  ]);
  return units.filter((unit) => !reported.has(unit.id));
}

/** Whether `unit` still owes the week's figure: it is a reporting unit and has none (我的, the Friday reminder). */
export async function owesReport(tx: Tx, campaignId: number, unit: Pick<Unit, 'id' | 'kind'>, week: string): Promise<boolean> {
  return REPORTING_KINDS.includes(unit.kind) && !(await reportedUnitIds(tx, campaignId, week)).has(unit.id);
}

// ——— Closed weeks and corrections ———

/**
 * When the ranking of the week from `monday` went out: the first weekly-ranking run whose window
 * (Asia/Shanghai wall time, `YYYY-MM-DD HH:mm`) lies after the week; undefined while none has.
 * From then on the week is closed to 上报, except for an admin's correction.
 */
export async function weekPublishedAt(tx: Tx, monday: Date): Promise<Date | undefined> {
  const run = await tx.jobRun.findFirst({
    where: { job: WEEKLY_RANKING_JOB, window: { gte: `${ymd(addDays(monday, 7))} 00:00` } },
    orderBy: { window: 'asc' },
  });
  return run?.startedAt;
}

export interface Correction {
  unit: Unit;
  /** Monday of the corrected week. */
  monday: Date;
  count: number;
}

/**
 * Figures an admin corrected after their week's ranking went out, since the weekly-ranking run
 * before the one of `window` (a JobRun window key) started: what that ranking notes, once.
 */
export async function correctionsSince(tx: Tx, campaignId: number, window: string): Promise<Correction[]> {
  const before = await tx.jobRun.findFirst({ where: { job: WEEKLY_RANKING_JOB, window: { lt: window } }, orderBy: { window: 'desc' } });
  const rows = await tx.countReport.findMany({
    where: { campaignId, metric: RECOMMEND_METRIC, correctedAt: before ? { gt: before.startedAt } : { not: null } },
    include: { unit: true },
    orderBy: [{ week: 'asc' }, { unitId: 'asc' }],
  });
  return rows.map((row) => ({ unit: row.unit, monday: parseYmd(row.week)!, count: row.count }));
}
