import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { IncomingMessage } from '../bot/message.js';
import { SendError, type PlatformSender, type ReplyRoute } from '../bot/sender.js';
import type { Db } from '../db/client.js';
import type { GroupCommit } from '../db/group-commit.js';
import { insertReceived } from '../db/hot.js';
import type { ProcessedMessage } from '../generated/sqlite/client.js';
import { defaultExpiry } from '../outbox/outbox.js';
import type { SentLog } from '../outbox/sent-log.js';

/**
 * The inbox: every platform message is written here (ProcessedMessage, status RECEIVED) before
 * the platform is told it arrived, with where a late reply goes. The dispatcher handles it from
 * that row (RECEIVED → DONE, or FAILED for a bug) in the transaction of its effect, so a crash at
 * any point leaves a row that the next start, or another instance, finishes (worker.ts). A reply
 * that misses its callback goes through the outbox: queued first, then sent at once; the outbox
 * worker sends it if that fails or the process dies.
 *
 * One row per platform + message id is also the record of "handled, and this was the reply"
 * (processed-messages.ts): the inbox adds its arrival, claims and late reply to that same row.
 */
export interface InboxOptions {
  prisma: Db;
  /** Where the arrival is written: grouped with other writes into one commit on SQLite. */
  writes?: GroupCommit;
  clock: () => Date;
  senders: ReadonlyMap<string, PlatformSender>;
  logger: Logger;
  /** How long a received message is its callback's (or a worker's) before another may take it. */
  claimMs: number;
  /** Where a late reply is written the moment it is sent, before its mark (see SentLog). */
  sentLog?: SentLog;
}

/** Back-off between tries of a message the database failed: 2 s doubling to 2 minutes. */
export const INBOX_BACKOFF_BASE_MS = 2_000;
export const INBOX_BACKOFF_MAX_MS = 2 * 60_000;

export class Inbox {
  readonly id = `i-${randomUUID().slice(0, 8)}`;
  /**
   * Late replies on their way out at once. A send that reached the platform but whose answer this
   * process had not read yet when it died is sent again after the restart (nobody can tell it
   * went): under a burst, with the event loop busy, that took in every reply under way — half of
   * a burst of 40. A few at a time bounds it; the others wait their turn in memory, their outbox
   * rows already written.
   */
  private readonly gate = new Gate(LATE_REPLIES_AT_ONCE);

  constructor(private readonly o: InboxOptions) {}

  async receive(msg: IncomingMessage, route: ReplyRoute | undefined, replyAfterMs: number): Promise<void> {
    const now = this.o.clock();
    const row = {
      platform: msg.platform,
      messageId: msg.messageId,
      message: JSON.stringify({ ...msg, receivedAt: msg.receivedAt ?? now }),
      replyRoute: route ? JSON.stringify(route) : '',
      replyAfter: route ? new Date(now.getTime() + Math.max(this.o.claimMs, replyAfterMs)) : null,
      claimedBy: this.id,
      claimedUntil: new Date(now.getTime() + this.o.claimMs),
      at: now,
    };
    // A redelivery finds the message in the inbox already: nothing is written (src/db/hot.ts).
    // Grouped with other writes into one commit on SQLite; either way written before we return.
    if (this.o.writes) await this.o.writes.write((db) => insertReceived(db, row));
    else await insertReceived(this.o.prisma, row);
  }

  /** RECEIVED rows due for a try whose claim ran out (their process died) or was given back. */
  async due(limit = 16): Promise<ProcessedMessage[]> {
    const now = this.o.clock();
    return this.o.prisma.processedMessage.findMany({
      where: { status: 'RECEIVED', nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
  }

  /** Takes a due row for this worker: false when another took it first. */
  async claim(row: ProcessedMessage): Promise<boolean> {
    const now = this.o.clock();
    const taken = await this.o.prisma.processedMessage.updateMany({
      where: { platform: row.platform, messageId: row.messageId, status: 'RECEIVED', claimedUntil: row.claimedUntil },
      data: { claimedBy: this.id, claimedUntil: new Date(now.getTime() + this.o.claimMs), attempts: { increment: 1 } },
    });
    return taken.count === 1;
  }

  /** After the database failed it: tried again after a back-off that doubles with each try. */
  async retryLater(row: ProcessedMessage, attempts: number, error: string): Promise<void> {
    const wait = Math.min(INBOX_BACKOFF_MAX_MS, INBOX_BACKOFF_BASE_MS * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
    await this.o.prisma.processedMessage.updateMany({
      where: { platform: row.platform, messageId: row.messageId, status: 'RECEIVED' },
      data: { nextAttemptAt: new Date(this.o.clock().getTime() + wait), claimedUntil: null, claimedBy: '', lastError: error.slice(0, 500) },
    });
  }

  /** Handled rows whose reply is still owed and whose callback's time is up. */
  async unreplied(limit = 16): Promise<ProcessedMessage[]> {
    return this.o.prisma.processedMessage.findMany({
      where: { status: { in: ['DONE', 'FAILED'] }, repliedAt: null, replyRoute: { not: '' }, replyAfter: { lte: this.o.clock() } },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
  }

  /**
   * Queues the reply in the outbox, marking it sent in the same transaction so it is queued once
   * across instances, then sends it now; a send that fails is the outbox worker's to retry.
   */
  async replyLate(platform: string, messageId: string, reply: string): Promise<void> {
    const row = await this.o.prisma.processedMessage.findFirst({ where: { platform, messageId }, select: { replyRoute: true } });
    if (!row?.replyRoute) return;
    const now = this.o.clock();
    const body = JSON.stringify({ route: JSON.parse(row.replyRoute) as ReplyRoute, text: reply });
    const queued = await this.o.prisma.$transaction(async (tx) => {
      const claimed = await tx.processedMessage.updateMany({ where: { platform, messageId, repliedAt: null }, data: { repliedAt: now } });
      if (claimed.count !== 1) return undefined;
      return tx.outbox.create({
        data: {
          platform,
          kind: 'reply',
          channel: replyChannel(platform, messageId),
          body,
          dedupeKey: `reply:${platform}:${messageId}`,
          // Claimed by this inbox while it sends now; the outbox worker takes it if the claim runs out.
          status: 'SENDING',
          claimedBy: this.id,
          claimedUntil: new Date(now.getTime() + this.o.claimMs),
          attempts: 1,
          nextAttemptAt: now,
          expiresAt: defaultExpiry('text', now),
          createdAt: now,
        },
      });
    });
    if (!queued) return;
    let sent = false;
    try {
      await this.gate.run(() => sendReply(this.o.senders, platform, body));
      sent = true;
      const at = this.o.clock();
      this.o.sentLog?.sent(queued.id, at);
      await this.o.prisma.outbox.updateMany({ where: { id: queued.id, claimedBy: this.id }, data: { status: 'SENT', sentAt: at, claimedUntil: null } });
      this.o.sentLog?.marked();
    } catch (err) {
      if (sent) {
        // Sent, but the mark failed (the database went away): the outbox worker marks it from
        // the sent log before it takes up any message, so it is not sent again.
        this.o.sentLog?.markFailed(queued.id, this.o.clock());
        throw err;
      }
      const e = err instanceof SendError ? err : new SendError('transient', (err as Error).message);
      this.o.logger.warn({ err, platform, messageId, outboxId: queued.id }, 'late reply failed; the outbox retries it');
      await this.o.prisma.outbox.updateMany({
        where: { id: queued.id, claimedBy: this.id },
        data: e.retryable
          ? { status: 'QUEUED', claimedBy: '', claimedUntil: null, nextAttemptAt: this.o.clock(), lastError: e.message.slice(0, 500) }
          : { status: 'FAILED', claimedUntil: null, lastError: e.message.slice(0, 500) },
      });
    }
  }
}

/** How many late replies one process has on their way out at once. */
export const LATE_REPLIES_AT_ONCE = 2;

/** Runs at most `limit` tasks at once, the others in the order they came. */
export class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** A reply's outbox channel: its own, so replies are not paced like a group robot's pushes. */
export function replyChannel(platform: string, messageId: string): string {
  return `${platform}:reply:${messageId}`;
}

/** Sends an outbox `reply` body (`{route, text}`) by its platform's sender. */
export async function sendReply(senders: ReadonlyMap<string, PlatformSender>, platform: string, body: string): Promise<void> {
  const sender = senders.get(platform);
  if (!sender?.sendReply) throw new SendError('permanent', `${platform} cannot send replies here`);
  const { route, text } = JSON.parse(body) as { route: ReplyRoute; text: string };
  await sender.sendReply(route, text);
}

/** The message a row holds, as the dispatcher takes it. */
export function messageOf(row: Pick<ProcessedMessage, 'message'>): IncomingMessage {
  const m = JSON.parse(row.message) as IncomingMessage & { receivedAt?: string };
  return { ...m, receivedAt: m.receivedAt ? new Date(m.receivedAt) : undefined };
}
