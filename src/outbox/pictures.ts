/**
 * Pictures in the outbox: an `image` message follows a group's text (the weekly ranking's chart)
 * on the same channel, so it waits for the same robot's turn and counts against its 20 a minute.
 * Its body names a stored picture (src/charts/pictures.ts) and the text it belongs after. The
 * text never depends on it: a picture that cannot go is said so on its own row, and the text has
 * gone, or goes, as it would have without it.
 */
import { SendError, type PlatformSender } from '../bot/sender.js';
import { loadPicture } from '../charts/pictures.js';
import type { Db } from '../db/client.js';
import type { Chat, Outbox } from '../generated/sqlite/client.js';
import { channelOf, enqueue } from './outbox.js';

/** What an image message's body holds. */
export interface ImageBody {
  pictureId: number;
  /** The dedupeKey of the text it follows: the picture waits until that has gone (or failed). */
  after?: string;
}

/** Whether a picture can go to this group where its pushes go: its push robot, else the platform's bot in the chat. */
export function picturesReach(chat: Pick<Chat, 'platform' | 'pushKey'>, senders: ReadonlyMap<string, PlatformSender>): boolean {
  const sender = senders.get(chat.platform);
  if (!sender) return false;
  if (chat.pushKey) return Boolean(sender.pushesImages && sender.pushImage);
  return Boolean(sender.reachesChats && sender.sendImageToChat);
}

/** Queues a picture for one group, after its text `after`; false when queued before. */
export function enqueuePicture(
  db: Db,
  m: { chat: Pick<Chat, 'id' | 'platform' | 'pushKey'>; pictureId: number; after: string; dedupeKey: string; at: Date; expiresAt?: Date },
): Promise<boolean> {
  const body: ImageBody = { pictureId: m.pictureId, after: m.after };
  return enqueue(db, { chat: m.chat, kind: 'image', body: JSON.stringify(body), dedupeKey: m.dedupeKey, at: m.at, expiresAt: m.expiresAt });
}

/** What an image message that could not carry its picture records as sent: the text alone reached the group. */
export const TEXT_ONLY = 'text only';

/**
 * Sends one image message (the outbox worker's dispatch for kind `image`). Waits (a retryable
 * error) while the text it follows is still queued, so the picture never comes first; where
 * the group's channel takes no picture now (its push address was changed since), it is done
 * without one (result TEXT_ONLY).
 */
export async function sendPicture(db: Db, sender: PlatformSender, chat: Chat, m: Outbox, now: Date): Promise<string | undefined> {
  const body = JSON.parse(m.body) as ImageBody;
  if (body.after) {
    const text = await db.outbox.findUnique({ where: { dedupeKey: body.after }, select: { status: true } });
    if (text && (text.status === 'QUEUED' || text.status === 'SENDING')) throw new SendError('transient', 'the picture waits for its text to be sent');
  }
  const picture = await loadPicture(db, body.pictureId, now);
  if (!picture) throw new SendError('permanent', `picture ${body.pictureId} is gone or expired`);
  if (m.channel.includes(':push:')) {
    // The push address may have been cleared or changed since: the channel says where it was meant to go.
    if (!chat.pushKey || channelOf(chat) !== m.channel || !sender.pushesImages || !sender.pushImage) return TEXT_ONLY;
    await sender.pushImage({ key: chat.pushKey, secret: chat.pushSecret || undefined }, picture);
    return undefined;
  }
  if (!sender.reachesChats || !sender.sendImageToChat) return TEXT_ONLY;
  await sender.sendImageToChat(chat.platformChatId, picture);
  return undefined;
}
