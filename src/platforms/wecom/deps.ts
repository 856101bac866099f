import type { Logger } from 'pino';
import type { Dispatcher } from '../../bot/dispatcher.js';
import type { CardActionHandler } from '../../bot/sender.js';
import type { Database } from '../../db/client.js';
import type { InFlight } from '../inflight.js';
import type { CallbackKeys } from './crypto.js';
import type { WeComSender } from './sender.js';

/** What the WeCom callbacks work with; `botKeys` / `appKeys` are set when that part is configured. */
export interface WeComDeps {
  botKeys?: CallbackKeys;
  appKeys?: CallbackKeys;
  dispatcher: Dispatcher;
  database: Database;
  logger: Logger;
  clock: () => Date;
  /** How long a callback waits for a reply before answering without it. */
  replyWaitMs: number;
  inflight: InFlight<string>;
  cardActions: CardActionHandler;
  sender: WeComSender;
}
