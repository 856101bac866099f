import type { Logger } from 'pino';
import type { Handled, MessageHandler } from '../bot/message.js';
import { t } from '../texts.js';
import type { InFlight } from './inflight.js';

/** What every platform's callbacks work with: the bot, not the database. */
export interface PlatformDeps {
  /** Messages and card clicks in, replies out (the Dispatcher). */
  bot: MessageHandler;
  logger: Logger;
  clock: () => Date;
  /** How long a callback waits for a reply before answering without it (the reply then follows). */
  replyWaitMs: number;
  inflight: InFlight<Handled>;
}

/**
 * Whether the bot handled a message, rather than answering with its apology: the dispatcher
 * never throws, and answers a message it could not handle (a database that is down or locked)
 * with `bot.apology`, storing nothing. Such a run is not kept, so a redelivery runs it again.
 */
export function handled(reply: string): boolean {
  return reply !== t('bot.apology');
}
