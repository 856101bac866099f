import { platformDeps, type Receiver, type ReceiverDeps } from '../receiver.js';
import { mountDingTalkHttp } from './http.js';
import type { DingTalkDeps } from './receive.js';
import type { DingTalkSender } from './sender.js';

/**
 * DingTalk's receiver, on when DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are set: robot
 * messages by Stream mode (the default: a WebSocket we open, no public address needed) or by HTTP
 * mode (DINGTALK_MODE=http: DingTalk POSTs to /dingtalk/bot). Both hand the same message to the
 * same bot.
 */
export function createReceiver(deps: ReceiverDeps<DingTalkSender>): Receiver {
  const c = deps.config;
  if (!c.DINGTALK_CLIENT_ID || !c.DINGTALK_CLIENT_SECRET) return { platform: 'dingtalk', enabled: [] };
  const creds = { clientId: c.DINGTALK_CLIENT_ID, clientSecret: c.DINGTALK_CLIENT_SECRET };
  const ding: DingTalkDeps = { ...platformDeps(deps, 'dingtalk', c.DINGTALK_REPLY_WAIT_MS), api: deps.sender.api, sender: deps.sender };
  if (c.DINGTALK_MODE === 'http') {
    return { platform: 'dingtalk', enabled: ['dingtalk-http'], routes: mountDingTalkHttp(ding, creds.clientSecret) };
  }
  let stream: { status(): object; stop(): void } | undefined;
  return {
    platform: 'dingtalk',
    enabled: ['dingtalk-stream'],
    async start() {
      // Loaded only when Stream mode is on: the SDK and its axios are not needed otherwise.
      const { startStream } = await import('./stream.js');
      stream = startStream(ding, creds, c.DINGTALK_API_BASE);
    },
    stop: () => stream?.stop(),
    status: () => stream?.status() ?? { mode: 'stream', connected: false },
  };
}
