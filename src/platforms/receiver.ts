import type Router from '@koa/router';
import type { Logger } from 'pino';
import type { Handled, MessageHandler } from '../bot/message.js';
import type { Config } from '../config.js';
import type { PlatformDeps } from './deps.js';
import type { InFlight } from './inflight.js';

/**
 * What one platform adds to the running bot, like a Bolt receiver: the transports it turned on,
 * the HTTP routes they need, a connection to start and stop, and its live state for /healthz.
 * A platform whose credentials are not set turns nothing on (`enabled` is empty).
 */
export interface Receiver {
  /** The platform, as /healthz names its status. */
  platform: string;
  /** The parts turned on, for the start-up log: e.g. `wecom-bot`, `dingtalk-stream`. */
  enabled: string[];
  /** Mounts its callback routes on the server's router. */
  routes?(router: Router): void;
  /** Opens what it keeps open, e.g. DingTalk's stream connection. */
  start?(): void | Promise<void>;
  /** Closes it; run before the replies still being worked on are drained. */
  stop?(): void | Promise<void>;
  /** Its live state for /healthz, e.g. whether the stream is connected. */
  status?(): object;
}

/** What each platform's `createReceiver` is given: the configuration, the bot, and its own sender. */
export interface ReceiverDeps<S> {
  config: Config;
  bot: MessageHandler;
  sender: S;
  logger: Logger;
  clock: () => Date;
  /** Replies still being worked on after their callback was answered; the app drains them on close. */
  inflight: InFlight<Handled>;
}

/** What a platform's callbacks work with, from its receiver's deps: the bot, its logger, its reply wait. */
export function platformDeps(deps: ReceiverDeps<unknown>, platform: string, replyWaitMs: number): PlatformDeps {
  return { bot: deps.bot, logger: deps.logger.child({ platform }), clock: deps.clock, replyWaitMs, inflight: deps.inflight };
}
