import type { Logger } from 'pino';
import type { MessageHandler } from '../bot/message.js';
import type { InFlight } from './inflight.js';

/** What every platform's callbacks work with: the bot, not the database. */
export interface PlatformDeps {
  /** Messages and card clicks in, replies out (the Dispatcher). */
  bot: MessageHandler;
  logger: Logger;
  clock: () => Date;
  /** How long a callback waits for a reply before answering without it (the reply then follows). */
  replyWaitMs: number;
  inflight: InFlight<string>;
}
