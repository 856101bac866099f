import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { SendError, type CardUpdate, type PlatformSender } from '../bot/sender.js';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Outbox } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { formatDateTime } from '../time.js';
import { sendReply } from '../inbox/inbox.js';
import { defaultExpiry, queuedAgain } from './outbox.js';
import { sendPicture } from './pictures.js';
import type { SentLog } from './sent-log.js';

/**
 * Group robots take 20 messages a minute (WeCom group robot: 45009 beyond; DingTalk custom
 * robot: 130101, then 10 minutes of silence). A channel sends at most one message per
 * 60 s / 20, plus a margin for clocks, so no 60-second window ever holds more than 20, and a
 * broadcast is spread over the minute instead of bursting.
 */
export const ROBOT_SPACING_MS = 3_100;

export interface WorkerOptions {
  database: Database;
  senders: ReadonlyMap<string, PlatformSender>;
  logger: Logger;
  clock: () => Date;
  /** Channels sent to in one tick, in parallel (one message each); 8 by default, which bounds what a crash can send twice. */
  batch?: number;
  /** How long a claimed message is ours before another worker may take it (a crashed worker). */
  claimMs?: number;
  /** Minimum time between two messages of one channel. */
  spacingMs?: (channel: string) => number;
  /** 0..1, for back-off jitter; tests fix it. */
  random?: () => number;
  /** Where each send is written the moment it returns, before its mark (see SentLog). */
  sentLog?: SentLog;
}

/**
 * Retries wait 10 s, 20 s, 40 s … doubling up to 10 minutes (each ±50 % jitter, so workers that
 * failed together do not retry together), and go on until the message expires (Outbox.expiresAt):
 * an hour-long platform outage costs a dozen attempts and the message goes out within ten
 * minutes of its end.
 */
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 10 * 60_000;
/** A rate-limited channel waits at least a window (DingTalk throttles for 10 minutes; this retries sooner and backs off). */
const RATE_LIMITED_MIN_MS = 60_000;

/**
 * Sends what the outbox holds. Each tick claims due messages — one per channel — with a
 * conditional update (the row's status as read), takes the channel's turn with another (its
 * `nextAt` as read), sends, and records the outcome. Both claims hold on SQLite and PostgreSQL
 * alike, so any number of workers on one database send each message once and keep every rate.
 * A worker killed mid-send leaves its claimed rows to be taken again when the claim expires:
 * at most those in-flight messages can go out twice.
 */
export class OutboxWorker {
  readonly id = `w-${randomUUID().slice(0, 8)}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly options: WorkerOptions) {}

  /**
   * Ticks until stopped: at once again after a full batch, else when the next queued message is
   * due — so a robot's turn is used as soon as it comes — and at least every `intervalMs`, for
   * messages queued by other instances.
   */
  start(intervalMs = 500): void {
    const loop = async () => {
      let wait = intervalMs;
      this.running = (async () => {
        const sent = await this.tick();
        if (sent >= this.batch) wait = 0;
        else wait = await this.untilNextDue(intervalMs);
        return sent;
      })().catch((err) => {
        this.options.logger.error({ err }, 'outbox tick failed');
        return 0;
      });
      await this.running;
      if (this.timer) this.timer = setTimeout(loop, wait);
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Milliseconds until the earliest queued message is due, at most `max`. */
  private async untilNextDue(max: number): Promise<number> {
    const next = await this.options.database.prisma.outbox.findFirst({
      where: { status: 'QUEUED', platform: { in: [...this.options.senders.keys()] } },
      orderBy: { nextAttemptAt: 'asc' },
      select: { nextAttemptAt: true },
    });
    if (!next) return max;
    return Math.min(max, Math.max(0, next.nextAttemptAt.getTime() - this.options.clock().getTime()));
  }

  private get batch(): number {
    return this.options.batch ?? 8;
  }

  /** Stops ticking and waits for the tick under way. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Ticks until nothing is due now; for the console and tests. */
  async drain(maxTicks = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxTicks; i++) {
      const sent = await this.tick();
      total += sent;
      if (sent === 0) break;
    }
    return total;
  }

  /** One round: returns how many messages were attempted. */
  async tick(): Promise<number> {
    const now = this.options.clock();
    const prisma = this.options.database.prisma;
    await this.options.sentLog?.settleOwed(prisma);
    const platforms = [...this.options.senders.keys()];
    const due = await prisma.outbox.findMany({
      where: {
        platform: { in: platforms },
        OR: [
          { status: 'QUEUED', nextAttemptAt: { lte: now } },
          { status: 'SENDING', claimedUntil: { lt: now } },
        ],
      },
      orderBy: { id: 'asc' },
      take: this.batch * 4,
    });
    const firstPerChannel = new Map<string, Outbox>();
    for (const m of due) if (!firstPerChannel.has(m.channel)) firstPerChannel.set(m.channel, m);
    const picked = [...firstPerChannel.values()].slice(0, this.batch);
    const results = await Promise.all(picked.map((m) => this.attempt(m, now)));
    return results.filter(Boolean).length;
  }

  /** Claims, takes the channel's turn, sends, records. False when another worker or the channel's pace said no. */
  private async attempt(m: Outbox, now: Date): Promise<boolean> {
    const prisma = this.options.database.prisma;
    const claim = await prisma.outbox.updateMany({
      where: m.status === 'QUEUED' ? { id: m.id, status: 'QUEUED', nextAttemptAt: { lte: now } } : { id: m.id, status: 'SENDING', claimedUntil: m.claimedUntil },
      data: { status: 'SENDING', claimedBy: this.id, claimedUntil: new Date(now.getTime() + (this.options.claimMs ?? 60_000)), attempts: { increment: 1 } },
    });
    if (claim.count !== 1) return false;
    const expiresAt = m.expiresAt ?? defaultExpiry(m.kind, m.createdAt);
    if (expiresAt <= now) {
      // Too late to be of use (e.g. the server was down meanwhile): not sent, and said why.
      await prisma.outbox.updateMany({
        where: { id: m.id, claimedBy: this.id },
        data: { status: 'FAILED', attempts: { decrement: 1 }, claimedUntil: null, lastError: expired(expiresAt, m.attempts, m.lastError) },
      });
      this.options.logger.warn({ outboxId: m.id, channel: m.channel, attempts: m.attempts }, 'outbox message expired');
      return true;
    }
    const turn = await this.takeTurn(m.channel, now);
    if (turn !== true) {
      await prisma.outbox.updateMany({
        where: { id: m.id, claimedBy: this.id },
        data: { ...queuedAgain(turn), attempts: { decrement: 1 } },
      });
      // The channel's other queued messages wait for that turn too, rather than each being
      // claimed and put back on every tick until then.
      await prisma.outbox.updateMany({ where: { channel: m.channel, status: 'QUEUED', nextAttemptAt: { lt: turn } }, data: { nextAttemptAt: turn } });
      return false;
    }
    const attempts = m.attempts + 1;
    let sent = false;
    let result: string | undefined;
    try {
      result = await this.send(m);
      sent = true;
      this.options.sentLog?.sent(m.id, now, result);
      await prisma.outbox.updateMany({ where: { id: m.id, claimedBy: this.id }, data: { status: 'SENT', sentAt: now, claimedUntil: null, lastError: '', result: result ?? '' } });
      this.options.sentLog?.marked();
    } catch (err) {
      if (sent) {
        // Sent, but the mark failed (the database went away): marked on a later tick (or at the
        // next start) from the sent log, never sent again.
        this.options.sentLog?.markFailed(m.id, now, result);
        throw err;
      }
      const e = err instanceof SendError ? err : new SendError('transient', (err as Error).message);
      const next = new Date(now.getTime() + this.backoff(attempts, e.kind === 'rate-limited'));
      // A permanent error is final; a retryable one is tried again while the message is of use.
      const lastError = !e.retryable ? e.message : next >= expiresAt ? expired(expiresAt, attempts, e.message) : e.message;
      const give = !e.retryable || next >= expiresAt;
      await prisma.outbox.updateMany({
        where: { id: m.id, claimedBy: this.id },
        data: give ? { status: 'FAILED', lastError: clip(lastError), claimedUntil: null } : { ...queuedAgain(next), lastError: clip(lastError) },
      });
      this.options.logger.warn({ outboxId: m.id, channel: m.channel, kind: e.kind, attempts, failed: give }, 'outbox send failed');
    }
    return true;
  }

  /** true when this channel may send now (its next turn is moved on); else when it may. */
  private async takeTurn(channel: string, now: Date): Promise<true | Date> {
    const prisma = this.options.database.prisma;
    // Group robots take 20 a minute; the console and the apps' messages to people have no such limit.
    // A chat reply (the inbox's) answers one message: its channel is its own.
    const unpaced = channel.startsWith('console:') || channel.includes(':user:') || channel.includes(':reply:');
    const spacing = this.options.spacingMs ? this.options.spacingMs(channel) : unpaced ? 0 : ROBOT_SPACING_MS;
    try {
      await prisma.outboxChannel.upsert({ where: { key: channel }, create: { key: channel, nextAt: new Date(0) }, update: {} });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // created by another worker just now
    }
    const moved = await prisma.outboxChannel.updateMany({
      where: { key: channel, nextAt: { lte: now } },
      data: { nextAt: new Date(now.getTime() + spacing) },
    });
    if (moved.count === 1) return true;
    const row = await prisma.outboxChannel.findUnique({ where: { key: channel } });
    return row?.nextAt ?? new Date(now.getTime() + spacing);
  }

  /**
   * To a person: a text, a card (returning the card's handle) or a card's update. To a group: reads the push
   * address at send time, so a 设置推送 made after queuing is used.
   */
  private async send(m: Outbox): Promise<string | undefined> {
    const sender = this.options.senders.get(m.platform);
    if (m.kind === 'reply') {
      await sendReply(this.options.senders, m.platform, m.body);
      return undefined;
    }
    if (m.userId) {
      if (m.kind === 'card-update') {
        if (!sender?.updateCard) throw new SendError('permanent', `${m.platform} cannot update cards here`);
        const { handle, update } = JSON.parse(m.body) as { handle: string; update: CardUpdate };
        await sender.updateCard([m.userId], handle, update);
        return undefined;
      }
      if (m.kind === 'card') {
        if (!sender?.sendCard) throw new SendError('permanent', `${m.platform} cannot send cards here`);
        return sender.sendCard([m.userId], JSON.parse(m.body));
      }
      if (!sender?.sendText) throw new SendError('permanent', `${m.platform} cannot send to a person here`);
      await sender.sendText(m.userId, m.body);
      return undefined;
    }
    const chat = m.chatId === null ? null : await this.options.database.prisma.chat.findUnique({ where: { id: m.chatId } });
    if (!sender || !chat) throw new SendError('permanent', `no ${sender ? 'chat' : 'sender'} for this message`);
    // A picture after a group's text (src/outbox/pictures.ts).
    if (m.kind === 'image') return sendPicture(this.options.database.prisma, sender, chat, m, this.options.clock());
    if (m.channel.includes(':push:')) {
      if (!chat.pushKey) throw new SendError('permanent', t('admin.outbox.pushCleared'));
      await sender.pushMarkdown({ key: chat.pushKey, secret: chat.pushSecret || undefined }, m.body);
    } else if (sender.sendToChat && sender.reachesChats) {
      await sender.sendToChat(chat.platformChatId, m.body);
    } else {
      throw new SendError('permanent', t('admin.outbox.noPushAddress'));
    }
  }

  /** The wait before attempt `attempts + 1`: doubling from 10 s, jittered, never over 10 minutes. */
  private backoff(attempts: number, rateLimited: boolean): number {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts - 1, 20));
    const jittered = Math.min(BACKOFF_MAX_MS, base * (0.5 + (this.options.random ?? Math.random)()));
    return Math.round(rateLimited ? Math.max(jittered, RATE_LIMITED_MIN_MS) : jittered);
  }
}

/** What 发送状态 shows for a message that expired: until when it was of use, how often it was tried, the last error. */
function expired(expiresAt: Date, attempts: number, lastError: string): string {
  return t('admin.outbox.expired', { until: formatDateTime(expiresAt), attempts, error: lastError });
}

/** lastError is kept short: the platform's words, not a dump. */
function clip(error: string): string {
  return error.slice(0, 500);
}
