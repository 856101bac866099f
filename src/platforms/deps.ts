import type { Logger } from 'pino';
import type { ServerResponse } from 'node:http';
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

/**
 * Marks a message's reply as given (no late reply is then owed for it) once the HTTP response
 * carrying it has been written out, not before: a process that dies before that leaves the reply
 * owed, and the inbox worker sends it the other way (a sessionWebhook, an application message, a
 * response_url) when the callback's time is up. A death between the two may send it twice; it is
 * never lost.
 */
export function givenOnceWritten(res: ServerResponse, deps: Pick<PlatformDeps, 'bot' | 'logger'>, platform: string, messageId: string): void {
  res.once('finish', () => {
    if (res.statusCode !== 200) return;
    deps.bot.claimReply(platform, messageId).catch((err: unknown) => {
      deps.logger.warn({ err, messageId }, 'reply not marked as given; it may be sent again the other way');
    });
  });
}
