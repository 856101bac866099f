import type { Logger } from 'pino';
import type { Handled, MessageHandler } from '../bot/message.js';
import type { Config } from '../config.js';
import { createReceiver as dingTalkReceiver } from './dingtalk/receiver.js';
import type { InFlight } from './inflight.js';
import type { Receiver } from './receiver.js';
import type { Senders } from './senders.js';
import { createReceiver as weComReceiver } from './wecom/receiver.js';
import { createLongConnectionReceiver } from './wecom/long-connection-receiver.js';
import type { Lease } from '../db/lease.js';

export type { Receiver } from './receiver.js';

/** What the platforms are given to receive with: the bot and each platform's sender, never the database. */
export interface ReceiversDeps {
  config: Config;
  bot: MessageHandler;
  senders: Senders;
  logger: Logger;
  clock: () => Date;
  inflight: InFlight<Handled>;
  /** A lease by name for this process, for what one instance alone may hold (WeCom's long connection). */
  lease?: (name: string, ttlMs: number) => Lease;
  /** Makes a platform's messages waiting for a retry due now (its connection came up here); how many. */
  retryNow?: (platform: string) => Promise<number>;
}

/** The receivers of the platforms whose credentials are set; none when nothing is configured. */
export function createReceivers({ senders, lease, retryNow, ...deps }: ReceiversDeps): Receiver[] {
  return [
    weComReceiver({ ...deps, sender: senders.wecom }),
    createLongConnectionReceiver({ ...deps, sender: senders.wecom, lease, retryNow }),
    dingTalkReceiver({ ...deps, sender: senders.dingtalk }),
  ].filter(
    (receiver) => receiver.enabled.length > 0,
  );
}

/**
 * Starts every receiver and returns what stops them all (in reverse order), for the app to run
 * when it closes, before it drains the replies still under way.
 */
export async function startReceivers(receivers: readonly Receiver[]): Promise<() => Promise<void>> {
  for (const receiver of receivers) await receiver.start?.();
  return async () => {
    for (const receiver of [...receivers].reverse()) await receiver.stop?.();
  };
}
