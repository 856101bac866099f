import type { Logger } from 'pino';
import type { Handled, IncomingMessage } from '../bot/message.js';
import { messageOf, type Inbox } from './inbox.js';

export interface InboxWorkerOptions {
  inbox: Inbox;
  bot: { process(msg: IncomingMessage): Promise<Handled>; replyLate(platform: string, messageId: string, reply: string): Promise<void> };
  logger: Logger;
  clock: () => Date;
}

/**
 * Finishes what the inbox holds, beside the outbox worker: messages no process is handling (their
 * process died, or the database failed them and their back-off is over) are claimed — a
 * conditional update on the claim as read, so instances never take one twice — and handled; then
 * replies still owed after their callback's time go to the outbox. At start and every interval.
 */
export class InboxWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly o: InboxWorkerOptions) {}

  start(intervalMs = 1_000): void {
    const loop = async () => {
      this.running = this.tick().catch((err) => this.o.logger.error({ err }, 'inbox tick failed'));
      await this.running;
      if (this.timer) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round: how many messages were handled or answered. */
  async tick(): Promise<number> {
    const { inbox, bot, logger } = this.o;
    let done = 0;
    for (const row of await inbox.due()) {
      if (!(await inbox.claim(row))) continue;
      const handled = await bot.process(messageOf(row));
      done++;
      if (handled.retry) {
        logger.warn({ platform: row.platform, messageId: row.messageId, attempts: row.attempts + 1 }, 'inbox: database failed the message; trying again later');
        await inbox.retryLater(row, row.attempts + 1, 'database unavailable');
      } else if (row.replyAfter && row.replyAfter <= this.o.clock()) {
        await bot.replyLate(row.platform, row.messageId, handled.reply);
      }
    }
    for (const row of await inbox.unreplied()) {
      await bot.replyLate(row.platform, row.messageId, row.reply);
      done++;
    }
    return done;
  }

  /** Ticks until nothing is left to do now; for tests. */
  async drain(maxTicks = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxTicks; i++) {
      const n = await this.tick();
      total += n;
      if (n === 0) break;
    }
    return total;
  }
}
