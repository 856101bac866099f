/**
 * The few statements every message runs, written out in SQL that SQLite and PostgreSQL both
 * accept (through Prisma's $queryRaw, the same client and connections as everything else): each
 * does in one round trip what the query builder does in several (an `include` is a second query).
 * Tested on both databases in test/db/hot.test.ts; counted per message in test/scale/statements.test.ts.
 */
import { Prisma, type Chat, type Member, type Unit } from '../generated/sqlite/client.js';
import type { Db, Tx } from './types.js';

type UnitRow = Unit;

export interface IdentityRead {
  chat: Chat & { unit: Unit | null };
  member: Member & { unit: Unit | null };
  /** Whether the sender has a question open in this chat (a Conversation row, live or expired). */
  asking: boolean;
}

const unitColumns = (alias: string, prefix: string) =>
  ['id', 'name', 'shortName', 'parentId', 'sortOrder', 'createdAt'].map((c) => `${alias}."${c}" AS "${prefix}${c}"`).join(', ') +
  `, CAST(${alias}."kind" AS TEXT) AS "${prefix}kind"`;

/**
 * The chat and the sender with their units, and whether the sender has a question open: one
 * statement. Undefined when the chat or the sender is not known yet (identity.ts creates them).
 */
const identitySql = (platform: string, chatId: string, userId: string) => Prisma.sql`
  SELECT c."id" AS "c_id", c."title" AS "c_title", c."isGroup" AS "c_isGroup", c."unitId" AS "c_unitId",
         c."pushKey" AS "c_pushKey", c."pushSecret" AS "c_pushSecret", c."pushSetAt" AS "c_pushSetAt",
         c."createdAt" AS "c_createdAt", c."updatedAt" AS "c_updatedAt",
         ${CHAT_UNIT},
         m."id" AS "m_id", m."displayName" AS "m_displayName", m."unitId" AS "m_unitId", CAST(m."role" AS TEXT) AS "m_role",
         m."unitSince" AS "m_unitSince", m."unitHow" AS "m_unitHow", m."createdAt" AS "m_createdAt", m."updatedAt" AS "m_updatedAt",
         ${MEMBER_UNIT},
         (SELECT COUNT(*) FROM "Conversation" q
           WHERE q."platform" = ${platform} AND q."platformChatId" = ${chatId} AND q."platformUserId" = ${userId}) AS "asking"
    FROM "Chat" c
    JOIN "Member" m ON m."platform" = ${platform} AND m."platformUserId" = ${userId}
    LEFT JOIN "Unit" cu ON cu."id" = c."unitId"
    LEFT JOIN "Unit" mu ON mu."id" = m."unitId"
   WHERE c."platform" = ${platform} AND c."platformChatId" = ${chatId}`;
const CHAT_UNIT = Prisma.raw(unitColumns('cu', 'cu_'));
const MEMBER_UNIT = Prisma.raw(unitColumns('mu', 'mu_'));

export async function readIdentity(db: Db | Tx, platform: string, chatId: string, userId: string): Promise<IdentityRead | undefined> {
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>(identitySql(platform, chatId, userId));
  const r = rows[0];
  if (!r) return undefined;
  const chat: Chat & { unit: Unit | null } = {
    id: Number(r.c_id),
    platform,
    platformChatId: chatId,
    title: String(r.c_title),
    isGroup: Boolean(r.c_isGroup),
    unitId: r.c_unitId === null ? null : Number(r.c_unitId),
    pushKey: String(r.c_pushKey),
    pushSecret: String(r.c_pushSecret),
    pushSetAt: date(r.c_pushSetAt),
    createdAt: date(r.c_createdAt)!,
    updatedAt: date(r.c_updatedAt)!,
    unit: unitOf(r, 'cu_'),
  };
  const member: Member & { unit: Unit | null } = {
    id: Number(r.m_id),
    platform,
    platformUserId: userId,
    displayName: String(r.m_displayName),
    unitId: r.m_unitId === null ? null : Number(r.m_unitId),
    role: String(r.m_role) as Member['role'],
    unitSince: date(r.m_unitSince),
    unitHow: String(r.m_unitHow),
    createdAt: date(r.m_createdAt)!,
    updatedAt: date(r.m_updatedAt)!,
    unit: unitOf(r, 'mu_'),
  };
  return { chat, member, asking: Number(r.asking) > 0 };
}

function unitOf(r: Record<string, unknown>, p: string): UnitRow | null {
  if (r[`${p}id`] === null || r[`${p}id`] === undefined) return null;
  return {
    id: Number(r[`${p}id`]),
    name: String(r[`${p}name`]),
    shortName: r[`${p}shortName`] === null ? null : String(r[`${p}shortName`]),
    kind: String(r[`${p}kind`]) as Unit['kind'],
    parentId: r[`${p}parentId`] === null ? null : Number(r[`${p}parentId`]),
    sortOrder: Number(r[`${p}sortOrder`]),
    createdAt: date(r[`${p}createdAt`])!,
  };
}

function date(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v as string);
}

/**
 * What the rankings are computed from has not changed while this is the same: the newest audit
 * row (every change a command makes to a recommendation, a report or a unit writes one, in the
 * same transaction), and the newest recommendation, report and unit (rows added without an audit
 * row, such as by the seed). Primary-key maxima: a few index steps, however large the tables.
 */
const VERSION_SQL = `
  SELECT (SELECT MAX("id") FROM "AuditLog") AS a, (SELECT MAX("id") FROM "Recommendation") AS r,
         (SELECT MAX("id") FROM "CountReport") AS c, (SELECT MAX("id") FROM "Unit") AS u`;

export async function rankingVersion(db: Db | Tx): Promise<{ key: string; recommendations: number }> {
  const [row] = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(VERSION_SQL);
  return { key: `${row?.a ?? 0}.${row?.r ?? 0}.${row?.c ?? 0}.${row?.u ?? 0}`, recommendations: Number(row?.r ?? 0) };
}

/** A message as the inbox receives it (src/inbox/inbox.ts). */
export interface Received {
  platform: string;
  messageId: string;
  message: string;
  replyRoute: string;
  replyAfter: Date | null;
  claimedBy: string;
  claimedUntil: Date;
  at: Date;
}

/**
 * Writes a received message to the inbox (status RECEIVED), once per platform and message id:
 * false for a redelivery, whose row is there already. An INSERT that returns nothing, where the
 * query builder's create reads the whole row back (measured: about a third of its cost).
 */
export async function insertReceived(db: Db | Tx, r: Received): Promise<boolean> {
  const n = await db.$executeRaw`
    INSERT INTO "ProcessedMessage" ("platform", "messageId", "reply", "createdAt", "status", "message", "replyRoute", "replyAfter",
                                    "attempts", "nextAttemptAt", "claimedBy", "claimedUntil", "lastError")
    VALUES (${r.platform}, ${r.messageId}, '', ${r.at}, 'RECEIVED', ${r.message}, ${r.replyRoute}, ${r.replyAfter},
            0, ${r.at}, ${r.claimedBy}, ${r.claimedUntil}, '')
    ON CONFLICT ("platform", "messageId") DO NOTHING`;
  return n === 1;
}

/**
 * Claims a received message and stores its reply in one statement (ProcessedMessages.claimWithReply):
 * true when this delivery took it (its row was RECEIVED), false when there is no such row or
 * another delivery took it first.
 */
export async function claimDone(db: Db | Tx, platform: string, messageId: string, reply: string): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "ProcessedMessage" SET "status" = 'DONE', "reply" = ${reply}, "claimedUntil" = NULL, "lastError" = ''
     WHERE "platform" = ${platform} AND "messageId" = ${messageId} AND "status" = 'RECEIVED'`;
  return n === 1;
}

/** Marks a message's reply as given (ProcessedMessages.claimReply): true when this call marked it. */
export async function markGiven(db: Db | Tx, platform: string, messageId: string, at: Date): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "ProcessedMessage" SET "repliedAt" = ${at}
     WHERE "platform" = ${platform} AND "messageId" = ${messageId} AND "repliedAt" IS NULL`;
  return n === 1;
}

/** A unit's figures of a metric, every week so far (reading.ts unitCounts). */
export async function weeklyCounts(
  db: Db | Tx,
  campaignId: number,
  unitId: number,
  metric: string,
): Promise<Array<{ week: string; count: number; reporterId: number | null }>> {
  const rows = await db.$queryRaw<Array<{ week: string; count: unknown; reporterId: unknown }>>`
    SELECT "week", "count", "reporterId" FROM "CountReport"
     WHERE "campaignId" = ${campaignId} AND "unitId" = ${unitId} AND "metric" = ${metric}`;
  return rows.map((r) => ({ week: String(r.week), count: Number(r.count), reporterId: r.reporterId === null ? null : Number(r.reporterId) }));
}
