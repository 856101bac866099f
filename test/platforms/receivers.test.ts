import Router from '@koa/router';
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, MessageHandler } from '../../src/bot/message.js';
import type { CardAction, CardActionResult } from '../../src/bot/sender.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createReceivers, startReceivers, type Receiver } from '../../src/platforms/index.js';
import { InFlight } from '../../src/platforms/inflight.js';
import { createSenders, senderMap } from '../../src/platforms/senders.js';
import { streamId } from '../../src/platforms/wecom/bot.js';
import { t } from '../../src/texts.js';
import { WeComCallbacks } from '../fakes/wecom.js';

/** A smart bot's keys (the receive id of an internal smart bot is ""). */
const BOT_KEYS = { token: 'receiverToken', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };

/** A bot that answers from a script: the platforms get this, and no database at all. */
class ScriptedBot implements MessageHandler {
  readonly messages: IncomingMessage[] = [];
  readonly actions: CardAction[] = [];
  readonly stored = new Map<string, string>();

  async handle(msg: IncomingMessage): Promise<string> {
    this.messages.push(msg);
    return `echo: ${msg.text}`;
  }
  async process(msg: IncomingMessage) {
    return { reply: await this.handle(msg), retry: false };
  }
  async receive(): Promise<void> {}
  async replyLate(): Promise<void> {}
  async handleAction(action: CardAction): Promise<CardActionResult> {
    this.actions.push(action);
    return { reply: `decided ${action.key}`, card: { text: 'done', state: 'accepted' } };
  }
  async claimReply(): Promise<boolean> {
    return true;
  }
  async releaseReply(): Promise<void> {}
  async storedReply(platform: string, messageId: string): Promise<string | undefined> {
    return this.stored.get(`${platform}:${messageId}`);
  }
}

const logger = createLogger('silent');
const clock = () => new Date();

function receiversFor(env: Record<string, string>, bot: MessageHandler = new ScriptedBot()): Receiver[] {
  const config = loadConfig(env);
  return createReceivers({ config, bot, senders: createSenders(config, logger, clock), logger, clock, inflight: new InFlight() });
}

describe('the platforms’ receivers', () => {
  it('nothing configured: no receiver', () => {
    expect(receiversFor({})).toEqual([]);
  });

  it('each platform turns on the parts whose credentials are set', () => {
    const wecomApp = { WECOM_CORP_ID: 'wwcorp', WECOM_APP_TOKEN: 'tok', WECOM_APP_AES_KEY: BOT_KEYS.aesKey, WECOM_AGENT_ID: '1000002', WECOM_APP_SECRET: 'secret' };
    const dingtalk = { DINGTALK_CLIENT_ID: 'ding-id', DINGTALK_CLIENT_SECRET: 'ding-secret' };
    const enabled = (env: Record<string, string>) => receiversFor(env).map((r) => [r.platform, r.enabled]);
    expect(enabled({ WECOM_BOT_TOKEN: BOT_KEYS.token, WECOM_BOT_AES_KEY: BOT_KEYS.aesKey })).toEqual([['wecom', ['wecom-bot']]]);
    expect(enabled(wecomApp)).toEqual([['wecom', ['wecom-app']]]);
    expect(enabled(dingtalk)).toEqual([['dingtalk', ['dingtalk-stream']]]);
    expect(enabled({ ...dingtalk, DINGTALK_MODE: 'http' })).toEqual([['dingtalk', ['dingtalk-http']]]);
  });

  it('DingTalk Stream mode connects only when started, and says so until then', () => {
    const [stream] = receiversFor({ DINGTALK_CLIENT_ID: 'ding-id', DINGTALK_CLIENT_SECRET: 'ding-secret' });
    expect(stream.routes).toBeUndefined();
    expect(stream.status?.()).toEqual({ mode: 'stream', connected: false });
  });

  it('senders: one record for the receivers, one map by platform name built from it', () => {
    const senders = createSenders(loadConfig({}), logger, clock);
    const map = senderMap(senders);
    expect([...map.keys()]).toEqual(['wecom', 'dingtalk']);
    expect(map.get('wecom')).toBe(senders.wecom);
    expect(map.get('dingtalk')).toBe(senders.dingtalk);
  });
});

describe('the WeCom smart bot receiver, with a bot that is not the dispatcher', () => {
  const bot = new ScriptedBot();
  const callbacks = new WeComCallbacks(BOT_KEYS);
  let server: Server | undefined;
  let stop: (() => Promise<void>) | undefined;
  let base = '';

  beforeAll(async () => {
    const receivers = receiversFor({ WECOM_BOT_TOKEN: BOT_KEYS.token, WECOM_BOT_AES_KEY: BOT_KEYS.aesKey }, bot);
    stop = await startReceivers(receivers);
    const koa = new Koa();
    const router = new Router();
    for (const receiver of receivers) receiver.routes?.(router);
    koa.use(router.routes());
    server = await new Promise<Server>((resolve) => {
      const s = koa.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await stop?.();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('a message goes to bot.handle, normalised, and its reply comes back in the stream', async () => {
    const payload = callbacks.botText('帮助', { chatid: 'wrk-group', userid: 'lisi' });
    const answer = await callbacks.postBot(base, payload);
    expect(answer.reply.stream).toMatchObject({ finish: true, content: `echo: ${payload.text.content}` });
    expect(bot.messages.at(-1)).toMatchObject({ platform: 'wecom', chatId: 'wrk-group', chatType: 'group', senderId: 'lisi', messageId: payload.msgid });
  });

  it('a stream refresh for a message another instance handled: the reply bot.storedReply has', async () => {
    bot.stored.set('wecom:elsewhere-1', '别处存下的回复');
    const id = streamId('elsewhere-1', new Date());
    const refresh = { msgid: 'refresh-1', chattype: 'group', chatid: 'wrk-group', from: { userid: 'lisi' }, msgtype: 'stream', stream: { id } };
    const answer = await callbacks.postBot(base, refresh);
    expect(answer.reply.stream).toEqual({ id, finish: true, content: '别处存下的回复' });
    // Nothing stored and still young: "working", not finished.
    const young = streamId('elsewhere-2', new Date());
    const waiting = await callbacks.postBot(base, { ...refresh, msgid: 'refresh-2', stream: { id: young } });
    expect(waiting.reply.stream).toEqual({ id: young, finish: false, content: t('platforms.wecom.working') });
  });

  it('a card click goes to bot.handleAction; the card shows the decision', async () => {
    const click = {
      msgid: 'click-1',
      chattype: 'single',
      from: { userid: 'boss' },
      msgtype: 'event',
      event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: 'approve:1', task_id: 'task-1' } },
    };
    const answer = await callbacks.postBot(base, click);
    expect(bot.actions.at(-1)).toMatchObject({ platform: 'wecom', userId: 'boss', taskId: 'task-1', key: 'approve:1', eventId: 'click-1' });
    expect(answer.reply).toMatchObject({
      response_type: 'update_template_card',
      template_card: { task_id: 'task-1', main_title: { title: 'done' }, sub_title_text: 'decided approve:1' },
    });
  });
});
