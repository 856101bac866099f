import { Prisma } from '../generated/sqlite/client.js';
import type { Tx } from '../db/client.js';

export type Board = 'CITY' | 'INDUSTRY';

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
