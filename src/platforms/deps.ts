import type { Logger } from 'pino';
import type { Dispatcher } from '../bot/dispatcher.js';
import type { CardActionHandler } from '../bot/sender.js';
import type { Database } from '../db/client.js';
import type { InFlight } from './inflight.js';

/** What every platform adapter works with. */
export interface PlatformDeps {
  dispatcher: Dispatcher;
  database: Database;
  logger: Logger;
  clock: () => Date;
  /** How long a callback waits for a reply before answering without it (the reply then follows). */
  replyWaitMs: number;
  inflight: InFlight<string>;
  cardActions: CardActionHandler;
}
