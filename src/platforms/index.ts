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
import { DingTalkApi } from './dingtalk/api.js';
import { mountDingTalkHttp } from './dingtalk/http.js';
import type { DingTalkDeps } from './dingtalk/receive.js';
import type { PlatformDeps } from './deps.js';
import type { WeComDeps } from './wecom/deps.js';
import { DingTalkSender } from './dingtalk/sender.js';

/**
 * The senders of every platform. WeCom's group-robot pushes need no credentials (the key is per
 * group), so its sender is always there; its application calls work once WECOM_CORP_ID and
 * WECOM_APP_SECRET are set.
 */
export function createSenders(config: Config, logger: Logger, clock: () => Date): ReadonlyMap<string, PlatformSender> {
  const now = () => clock().getTime();
  const wecomApi = new WeComApi({ base: config.WECOM_API_BASE, corpId: config.WECOM_CORP_ID, secret: config.WECOM_APP_SECRET, logger, now });
  const dingApi = new DingTalkApi({
    now,
    apiBase: config.DINGTALK_API_BASE,
    oapiBase: config.DINGTALK_OAPI_BASE,
    clientId: config.DINGTALK_CLIENT_ID,
    clientSecret: config.DINGTALK_CLIENT_SECRET,
    logger,
  });
  return new Map<string, PlatformSender>([
    ['wecom', new WeComSender(wecomApi, { base: config.WECOM_API_BASE, agentId: config.WECOM_AGENT_ID })],
    [
      'dingtalk',
      new DingTalkSender(dingApi, { robotCode: config.DINGTALK_ROBOT_CODE ?? config.DINGTALK_CLIENT_ID, cardTemplateId: config.DINGTALK_CARD_TEMPLATE_ID }),
    ],
  ]);
}

/**
 * Turns on the platforms whose credentials are set: their callback routes for the server, and
 * DingTalk's stream connection (stopped when the app closes, its state in /healthz).
 */
export async function startPlatforms(app: App): Promise<{ routes: Array<(router: Router) => void>; enabled: string[] }> {
  const c = app.config;
  const routes: Array<(router: Router) => void> = [];
  const enabled: string[] = [];
  const base: PlatformDeps = {
    dispatcher: app.dispatcher,
    database: app.database,
    logger: app.logger,
    clock: app.clock,
    replyWaitMs: c.WECOM_REPLY_WAIT_MS,
    inflight: app.inflight,
    cardActions: approvalCardHandler(app.dispatcher, app.database, app.logger),
  };
  const wecom: WeComDeps = {
    ...base,
    logger: app.logger.child({ platform: 'wecom' }),
    botKeys: c.WECOM_BOT_TOKEN && c.WECOM_BOT_AES_KEY ? { token: c.WECOM_BOT_TOKEN, aesKey: c.WECOM_BOT_AES_KEY, receiveId: '' } : undefined,
    appKeys:
      c.WECOM_APP_TOKEN && c.WECOM_APP_AES_KEY && c.WECOM_CORP_ID
        ? { token: c.WECOM_APP_TOKEN, aesKey: c.WECOM_APP_AES_KEY, receiveId: c.WECOM_CORP_ID }
        : undefined,
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
  if (c.DINGTALK_CLIENT_ID && c.DINGTALK_CLIENT_SECRET) {
    const sender = app.senders.get('dingtalk') as DingTalkSender;
    const ding: DingTalkDeps = {
      ...base,
      logger: app.logger.child({ platform: 'dingtalk' }),
      replyWaitMs: c.DINGTALK_REPLY_WAIT_MS,
      api: sender.api,
      sender,
    };
    if (c.DINGTALK_MODE === 'http') {
      routes.push(mountDingTalkHttp(ding, c.DINGTALK_CLIENT_SECRET));
      enabled.push('dingtalk-http');
    } else {
      // Loaded only when Stream mode is on: the SDK and its axios are not needed otherwise.
      const { startStream } = await import('./dingtalk/stream.js');
      const stream = startStream(ding, { clientId: c.DINGTALK_CLIENT_ID, clientSecret: c.DINGTALK_CLIENT_SECRET }, c.DINGTALK_API_BASE);
      app.statuses.set('dingtalk', stream.status);
      app.closers.push(stream.stop);
      enabled.push('dingtalk-stream');
    }
  }
  return { routes, enabled };
}
