import type Router from '@koa/router';
import type { Logger } from 'pino';
import type { App } from '../app.js';
import { approvalCardHandler } from '../bot/card-actions.js';
import type { PlatformSender } from '../bot/sender.js';
import type { Config } from '../config.js';
import { WeComApi } from './wecom/api.js';
import { mountWeComApp } from './wecom/app.js';
import { mountWeComBot } from './wecom/bot.js';
import { WeComSender } from './wecom/sender.js';

/**
 * The senders of every platform. WeCom's group-robot pushes need no credentials (the key is per
 * group), so its sender is always there; its application calls work once WECOM_CORP_ID and
 * WECOM_APP_SECRET are set.
 */
export function createSenders(config: Config, logger: Logger): ReadonlyMap<string, PlatformSender> {
  const api = new WeComApi({ base: config.WECOM_API_BASE, corpId: config.WECOM_CORP_ID, secret: config.WECOM_APP_SECRET, logger });
  return new Map<string, PlatformSender>([['wecom', new WeComSender(api, { base: config.WECOM_API_BASE, agentId: config.WECOM_AGENT_ID })]]);
}

/** The callback routes of the platforms whose credentials are set, and what is on for the log. */
export function platformRoutes(app: App): { routes: Array<(router: Router) => void>; enabled: string[] } {
  const c = app.config;
  const routes: Array<(router: Router) => void> = [];
  const enabled: string[] = [];
  const wecom = {
    botKeys: c.WECOM_BOT_TOKEN && c.WECOM_BOT_AES_KEY ? { token: c.WECOM_BOT_TOKEN, aesKey: c.WECOM_BOT_AES_KEY, receiveId: '' } : undefined,
    appKeys:
      c.WECOM_APP_TOKEN && c.WECOM_APP_AES_KEY && c.WECOM_CORP_ID
        ? { token: c.WECOM_APP_TOKEN, aesKey: c.WECOM_APP_AES_KEY, receiveId: c.WECOM_CORP_ID }
        : undefined,
    dispatcher: app.dispatcher,
    database: app.database,
    logger: app.logger.child({ platform: 'wecom' }),
    clock: app.clock,
    replyWaitMs: c.WECOM_REPLY_WAIT_MS,
    inflight: app.inflight,
    cardActions: approvalCardHandler(app.dispatcher, app.database),
    sender: app.senders.get('wecom') as WeComSender,
  };
  if (wecom.botKeys) {
    routes.push(mountWeComBot(wecom));
    enabled.push('wecom-bot');
  }
  if (wecom.appKeys) {
    routes.push(mountWeComApp(wecom));
    enabled.push('wecom-app');
  }
  return { routes, enabled };
}
