import { createHash } from 'node:crypto';
import type { PlatformSender } from '../bot/sender.js';
import type { Db, Tx } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { audit, type Actor } from '../domain/actor.js';
import { UserError } from '../domain/errors.js';
import type { Chat, Outbox, Unit } from '../generated/sqlite/client.js';
import { startOfShanghaiDay } from '../time.js';

/**
 * Writing to the outbox. Everything the bot sends on its own initiative goes through here; the
 * worker (worker.ts) sends it later. A message is keyed by `dedupeKey` (e.g.
 * `ranking:2020-06-08:chat:12`), so enqueuing it again — a job window re-run, two instances —
 * adds nothing.
 */

/**
 * What a message is rate-limited by: the push robot (设置推送) — by a digest of its key, so two
 * chats set to one robot share its 20 a minute and the key itself is never in the channel — or
 * the platform's bot in the chat.
 */
export function channelOf(chat: Pick<Chat, 'id' | 'platform' | 'pushKey'>): string {
  if (!chat.pushKey) return `${chat.platform}:chat:${chat.id}`;
  return `${chat.platform}:push:${createHash('sha256').update(chat.pushKey).digest('hex').slice(0, 16)}`;
}

/** Whether the bot can push to this group at all. */
export function reachable(chat: Pick<Chat, 'platform' | 'pushKey'>, senders: ReadonlyMap<string, PlatformSender>): boolean {
  const sender = senders.get(chat.platform);
  return Boolean(sender && (chat.pushKey || sender.reachesChats));
}

export type OutboxKind = 'markdown' | 'text' | 'card' | 'card-update' | 'image';

/**
 * How long after its intended send time each kind of message is still worth sending, unless the
 * caller says (`expiresAt`): the worker retries until then, through an outage of hours, and then
 * marks it FAILED with the reason. A day for each: a group push (a weekly ranking, a reminder)
 * is stale the next day, and a text or card to an admin is followed by the next notice by then.
 */
export const USEFUL_FOR_MS: Readonly<Record<OutboxKind, number>> = {
  markdown: 24 * 3_600_000,
  text: 24 * 3_600_000,
  card: 24 * 3_600_000,
  'card-update': 24 * 3_600_000,
  image: 24 * 3_600_000,
};

/** Until when a message of `kind` meant for `at` is worth sending. */
export function defaultExpiry(kind: string, at: Date): Date {
  return new Date(at.getTime() + (USEFUL_FOR_MS[kind as OutboxKind] ?? USEFUL_FOR_MS.markdown));
}

/**
 * Queues a text, a card, or an update of a card sent before (body `{handle, update}`) for one
 * person (e.g. an admin); false when queued before.
 */
export async function enqueueToPerson(
  db: Db,
  m: { platform: string; userId: string; kind: 'text' | 'card' | 'card-update'; body: string; dedupeKey: string; at: Date; expiresAt?: Date },
): Promise<boolean> {
  return insert(db, {
    platform: m.platform,
    userId: m.userId,
    kind: m.kind,
    channel: `${m.platform}:user:${m.userId}`,
    body: m.body,
    dedupeKey: m.dedupeKey,
    nextAttemptAt: m.at,
    expiresAt: m.expiresAt ?? defaultExpiry(m.kind, m.at),
    createdAt: m.at,
  });
}

export interface Enqueue {
  chat: Pick<Chat, 'id' | 'platform' | 'pushKey'>;
  body: string;
  /** markdown (default), or image: body `{"pictureId":…,"after":<the text's dedupeKey>}` (src/outbox/pictures.ts). */
  kind?: 'markdown' | 'image';
  dedupeKey: string;
  /** Not before (default: now). */
  at: Date;
  /** Not after: retries stop then (default: USEFUL_FOR_MS after `at`). */
  expiresAt?: Date;
}

/**
 * Queues one message; false when a message with that key was queued before. Not for use inside
 * a PostgreSQL transaction: the duplicate key it expects would abort it.
 */
export async function enqueue(db: Db, m: Enqueue): Promise<boolean> {
  return insert(db, {
    platform: m.chat.platform,
    chatId: m.chat.id,
    channel: channelOf(m.chat),
    ...(m.kind ? { kind: m.kind } : {}),
    body: m.body,
    dedupeKey: m.dedupeKey,
    nextAttemptAt: m.at,
    expiresAt: m.expiresAt ?? defaultExpiry(m.kind ?? 'markdown', m.at),
    createdAt: m.at,
  });
}

async function insert(db: Db, data: Parameters<Db['outbox']['create']>[0]['data']): Promise<boolean> {
  try {
    await db.outbox.create({ data });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/**
 * The columns that put a message back in the queue, unclaimed, due at `at`: for the worker when a
 * channel's turn has not come or a send is to be tried again, and for 重发.
 */
export function queuedAgain(at: Date) {
  return { status: 'QUEUED', claimedBy: '', claimedUntil: null, nextAttemptAt: at } as const;
}

/**
 * 重发: a failed push back in the queue, due now, its attempts counted afresh and worth sending
 * for its kind's usual time from now (the admin asked for it, even if it had expired). A push to
 * a group takes the group's channel as it is now: the group may have a new push address since
 * (设置推送), and the worker reads the address at send time.
 */
export async function requeueFailed(tx: Tx, actor: Actor, input: { id: number; now: Date }): Promise<Outbox> {
  const message = await tx.outbox.findUnique({ where: { id: input.id }, include: { chat: true } });
  if (!message) throw new UserError('admin.outbox.notFound', { id: input.id });
  if (message.status !== 'FAILED') throw new UserError('admin.outbox.notFailed', { id: input.id, sent: message.status === 'SENT' });
  const requeued = await tx.outbox.update({
    where: { id: input.id },
    data: {
      ...queuedAgain(input.now),
      attempts: 0,
      lastError: '',
      expiresAt: defaultExpiry(message.kind, input.now),
      ...(message.chat ? { channel: channelOf(message.chat) } : {}),
    },
  });
  await audit(tx, actor, 'resend', 'Outbox', input.id);
  return requeued;
}

/** How many failures 发送状态 shows, newest first. */
const SHOW_FAILED = 10;

export interface OutboxStatus {
  /** Queued or being sent. */
  queued: number;
  /** Sent since midnight (Asia/Shanghai). */
  sentToday: number;
  failed: number;
  /** The latest failures, each with its group (and the group's unit) when it went to one. */
  recentFailures: Array<Outbox & { chat: (Chat & { unit: Unit | null }) | null }>;
}

/**
 * Inbox messages a bug failed (ProcessedMessage FAILED): answered with the apology, kept with their
 * error and not tried again. 发送状态 counts them for admins.
 */
export function failedMessages(tx: Tx): Promise<number> {
  return tx.processedMessage.count({ where: { status: 'FAILED' } });
}

/** 发送状态: what is queued, what went out today, what failed and why. */
export async function outboxStatus(tx: Tx, now: Date): Promise<OutboxStatus> {
  const [queued, sentToday, failed, recentFailures] = await Promise.all([
    tx.outbox.count({ where: { status: { in: ['QUEUED', 'SENDING'] } } }),
    tx.outbox.count({ where: { status: 'SENT', sentAt: { gte: startOfShanghaiDay(now) } } }),
    tx.outbox.count({ where: { status: 'FAILED' } }),
    tx.outbox.findMany({ where: { status: 'FAILED' }, include: { chat: { include: { unit: true } } }, orderBy: { id: 'desc' }, take: SHOW_FAILED }),
  ]);
  return { queued, sentToday, failed, recentFailures };
}
