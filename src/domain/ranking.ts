import { Prisma, type Unit } from '../generated/sqlite/client.js';
import type { Tx } from '../db/client.js';
import { addDays, weekKey, weekStart } from '../time.js';
import { topUnitOf } from './units.js';

export type Board = 'CITY' | 'INDUSTRY';
/** The boards, in the order 排行 and the weekly push show them. */
export const BOARDS: readonly Board[] = ['CITY', 'INDUSTRY'];
/** How many places a board shows; the own unit is shown as well when it is further down. */
export const TOP_PLACES = 10;

export interface RankRow {
  unitId: number;
  name: string;
  board: Board;
  participants: number;
  rank: number;
}

/**
 * 好书荐读 participants per 市州总工会 and per 产业工会 (省产业工会, with 省直机关工会 and 省直属工委),
 * 基层单位 rolled up into their parent: distinct recommending workers plus reported batch counts.
 * `week` (a Monday, YYYY-MM-DD) limits it to one campaign week; without it, the whole campaign.
 * Aggregated and ranked by the database (RANK() gives ties the same rank).
 */
export async function ranking(db: Tx, campaignId: number, week?: string): Promise<RankRow[]> {
  const recWeek = week ? Prisma.sql`AND r."week" = ${week}` : Prisma.empty;
  const repWeek = week ? Prisma.sql`AND c."week" = ${week}` : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ unitId: number; name: string; board: string; participants: unknown; rank: unknown }>>`
    WITH per_unit AS (
      SELECT d.uid AS uid, COUNT(*) AS n
        FROM (SELECT DISTINCT r."unitId" AS uid, r."personName" AS pn
                FROM "Recommendation" r WHERE r."campaignId" = ${campaignId} ${recWeek}) d
       GROUP BY d.uid
      UNION ALL
      SELECT c."unitId" AS uid, SUM(c."count") AS n
        FROM "CountReport" c WHERE c."campaignId" = ${campaignId} AND c."metric" = 'recommend' ${repWeek} GROUP BY c."unitId"
    ),
    rolled AS (
      SELECT CASE WHEN u."kind" = 'GRASSROOTS' THEN u."parentId" ELSE u."id" END AS tid, p.n AS n
        FROM per_unit p JOIN "Unit" u ON u."id" = p.uid
    ),
    totals AS (
      SELECT t."id" AS "unitId", t."name" AS name,
             CASE WHEN t."kind" = 'CITY' THEN 'CITY' ELSE 'INDUSTRY' END AS board,
             COALESCE(SUM(x.n), 0) AS participants, t."sortOrder" AS so
        FROM "Unit" t LEFT JOIN rolled x ON x.tid = t."id"
       WHERE t."kind" IN ('CITY', 'INDUSTRY', 'ORGAN', 'DIRECT')
       GROUP BY t."id", t."name", t."kind", t."sortOrder"
    )
    SELECT "unitId", name, board, participants,
           RANK() OVER (PARTITION BY board ORDER BY participants DESC) AS rank
      FROM totals
     ORDER BY board, participants DESC, so, "unitId"`;
  return rows.map((r) => ({
    unitId: Number(r.unitId),
    name: r.name,
    board: r.board as Board,
    participants: Number(r.participants),
    rank: Number(r.rank),
  }));
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

/** More (or fewer) participants than the week before, and places gained; a unit that had nobody gains no places. */
function changeOf(row: RankRow, before: RankRow | undefined): { participants: number; placesUp: number } {
  return {
    participants: before ? row.participants - before.participants : row.participants,
    placesUp: before && before.participants > 0 ? before.rank - row.rank : 0,
  };
}

/** The top unit (市州 / 产业工会) whose place a member of `unit` looks for; undefined without a unit. */
export async function ownBoardUnitId(tx: Tx, unit: Unit | null): Promise<number | undefined> {
  return unit ? (await topUnitOf(tx, unit)).id : undefined;
}

/** 排行: this campaign week's boards and the whole campaign's, as `unit` sees them. */
export async function currentRanking(tx: Tx, input: { campaignId: number; unit: Unit | null; now: Date }): Promise<{ monday: Date; thisWeek: BoardView[]; total: BoardView[] }> {
  const own = await ownBoardUnitId(tx, input.unit);
  const [week, total] = await Promise.all([ranking(tx, input.campaignId, weekKey(input.now)), ranking(tx, input.campaignId)]);
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
