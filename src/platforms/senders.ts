import type { Logger } from 'pino';
import type { PlatformSender } from '../bot/sender.js';
import type { Config } from '../config.js';
import { DingTalkApi } from './dingtalk/api.js';
import { DingTalkSender } from './dingtalk/sender.js';
import { WeComApi } from './wecom/api.js';
import { WeComLongConnection } from './wecom/long-connection.js';
import { WeComLongConnectionSender } from './wecom/long-connection-sender.js';
import { WeComSender } from './wecom/sender.js';

/** Each platform's sender, by platform: a receiver takes its own without a downcast. */
export interface Senders {
  wecom: WeComSender;
  dingtalk: DingTalkSender;
}

/**
 * The senders of every platform. WeCom's group-robot pushes need no credentials (the key is per
 * group), so its sender is always there; its application calls work once WECOM_CORP_ID and
 * WECOM_APP_SECRET are set. A leaf: it knows the platforms' clients, nothing of the app.
 */
export function createSenders(config: Config, logger: Logger, clock: () => Date): Senders {
  const now = () => clock().getTime();
  const wecomApi = new WeComApi({ base: config.WECOM_API_BASE, corpId: config.WECOM_CORP_ID, secret: config.WECOM_APP_SECRET, logger, now });
  const dingTalkApi = new DingTalkApi({
    now,
    apiBase: config.DINGTALK_API_BASE,
    oapiBase: config.DINGTALK_OAPI_BASE,
    clientId: config.DINGTALK_CLIENT_ID,
    clientSecret: config.DINGTALK_CLIENT_SECRET,
    logger,
  });
  const wecomOptions = { base: config.WECOM_API_BASE, agentId: config.WECOM_AGENT_ID };
  // The smart bot's long connection, when configured, belongs to the sender: it sends on it, and
  // WeCom's receiver (long-connection-receiver.ts) starts it and handles what it brings.
  const wecom =
    config.WECOM_BOT_ID && config.WECOM_BOT_SECRET
      ? new WeComLongConnectionSender(
          wecomApi,
          wecomOptions,
          new WeComLongConnection({ botId: config.WECOM_BOT_ID, secret: config.WECOM_BOT_SECRET, wsUrl: config.WECOM_WS_URL, logger }),
        )
      : new WeComSender(wecomApi, wecomOptions);
  return {
    wecom,
    dingtalk: new DingTalkSender(dingTalkApi, {
      robotCode: config.DINGTALK_ROBOT_CODE ?? config.DINGTALK_CLIENT_ID,
      cardTemplateId: config.DINGTALK_CARD_TEMPLATE_ID,
      publicBaseUrl: config.PUBLIC_BASE_URL,
    }),
  };
}

/**
 * The senders as the platform-free parts (dispatcher, outbox, jobs) take them: by the platform
 * name stored on chats and members. The one place the map is built from the record.
 */
export function senderMap(senders: Senders): ReadonlyMap<string, PlatformSender> {
  return new Map<string, PlatformSender>(Object.values(senders).map((sender: PlatformSender) => [sender.platform, sender]));
}
