import type { Db } from '../db/client.js';

/**
 * Makes the messages of `platform` that wait for a retry after a failed send due now, for when
 * what they waited for has come: e.g. the WeCom long connection coming up on this instance (a
 * send on an instance without it fails, and backs off). Only messages tried before are moved, never
 * one queued for later; each channel's pace still holds, as the worker takes the channel's turn.
 */
export async function retryNow(db: Db, platform: string, now: Date): Promise<number> {
  const moved = await db.outbox.updateMany({
    where: { platform, status: 'QUEUED', attempts: { gt: 0 }, nextAttemptAt: { gt: now } },
    data: { nextAttemptAt: now },
  });
  return moved.count;
}
