import type Router from '@koa/router';
import { platformDeps, type Receiver, type ReceiverDeps } from '../receiver.js';
import { mountWeComApp } from './app.js';
import { mountWeComBot } from './bot.js';
import type { WeComDeps } from './deps.js';
import type { WeComSender } from './sender.js';

/**
 * WeCom's receiver: two HTTP callbacks, each on when its keys are set — the smart bot at
 * /wecom/bot (WECOM_BOT_TOKEN, WECOM_BOT_AES_KEY), where group members talk to us, and the
 * self-built application at /wecom/app (WECOM_APP_TOKEN, WECOM_APP_AES_KEY, WECOM_CORP_ID),
 * where admins talk to us and click approval cards.
 */
export function createReceiver(deps: ReceiverDeps<WeComSender>): Receiver {
  const c = deps.config;
  const wecom: WeComDeps = { ...platformDeps(deps, 'wecom', c.WECOM_REPLY_WAIT_MS), sender: deps.sender };
  const mounts: Array<(router: Router) => void> = [];
  const enabled: string[] = [];
  if (c.WECOM_BOT_TOKEN && c.WECOM_BOT_AES_KEY) {
    // An internal smart bot's receive id is "" (see crypto.ts).
    mounts.push(mountWeComBot(wecom, { token: c.WECOM_BOT_TOKEN, aesKey: c.WECOM_BOT_AES_KEY, receiveId: '' }));
    enabled.push('wecom-bot');
  }
  if (c.WECOM_APP_TOKEN && c.WECOM_APP_AES_KEY && c.WECOM_CORP_ID) {
    mounts.push(mountWeComApp(wecom, { token: c.WECOM_APP_TOKEN, aesKey: c.WECOM_APP_AES_KEY, receiveId: c.WECOM_CORP_ID }));
    enabled.push('wecom-app');
  }
  return {
    platform: 'wecom',
    enabled,
    routes: (router) => mounts.forEach((mount) => mount(router)),
  };
}
