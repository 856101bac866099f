import { createHash } from 'node:crypto';
import type { PlatformSender } from '../bot/sender.js';
import type { Db } from '../db/client.js';
import type { Chat } from '../generated/sqlite/client.js';

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

/**
 * Queues a text, a card, or an update of a card sent before (body `{handle, update}`) for one
 * person (e.g. an admin); false when queued before.
 */
export async function enqueueToPerson(
  db: Db,
  m: { platform: string; userId: string; kind: 'text' | 'card' | 'card-update'; body: string; dedupeKey: string; at: Date },
): Promise<boolean> {
  return insert(db, { platform: m.platform, userId: m.userId, kind: m.kind, channel: `${m.platform}:user:${m.userId}`, body: m.body, dedupeKey: m.dedupeKey, nextAttemptAt: m.at, createdAt: m.at });
}

export interface Enqueue {
  chat: Pick<Chat, 'id' | 'platform' | 'pushKey'>;
  body: string;
  dedupeKey: string;
  /** Not before (default: now). */
  at: Date;
}

/**
 * Queues one message; false when a message with that key was queued before. Not for use inside
 * a PostgreSQL transaction: the duplicate key it expects would abort it.
 */
export async function enqueue(db: Db, m: Enqueue): Promise<boolean> {
  return insert(db, { platform: m.chat.platform, chatId: m.chat.id, channel: channelOf(m.chat), body: m.body, dedupeKey: m.dedupeKey, nextAttemptAt: m.at, createdAt: m.at });
}

async function insert(db: Db, data: Parameters<Db['outbox']['create']>[0]['data']): Promise<boolean> {
  try {
    await db.outbox.create({ data });
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return false;
    throw err;
  }
}
