import { createHash, randomUUID } from 'node:crypto';
import { WSClient } from '@wecom/aibot-node-sdk';
import { describe, expect, it } from 'vitest';
import { SendError } from '../../../src/bot/sender.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { WeComApi } from '../../../src/platforms/wecom/api.js';
import { WeComLongConnection } from '../../../src/platforms/wecom/long-connection.js';
import { WeComLongConnectionSender } from '../../../src/platforms/wecom/long-connection-sender.js';
import { enqueue } from '../../../src/outbox/outbox.js';
import { createBackground } from '../../../src/jobs/index.js';
import { weeklyRanking } from '../../../src/jobs/jobs.js';
import { KINDS } from '../../helpers/db.js';
import { flushOutbox } from '../../helpers/server.js';
import { useWeComWsServer, type WeComWsServer } from '../../helpers/wecom-ws.js';

/** A group the bot is in, bound to `unit`, and a way to speak in it over the long connection. */
async function boundGroup(s: WeComWsServer, unit: string, user = `u-${randomUUID().slice(0, 6)}`) {
  const chatid = `wrk-${randomUUID()}`;
  const say = async (text: string, who = user) => (await s.fake.finishedStream(s.fake.groupText(chatid, who, text))).content;
  expect(await say(`绑定 ${unit}`)).toContain('绑定成功');
  return { chatid, say };
}

describe.each(KINDS)('WeCom smart bot over the long connection on %s', (kind) => {
  const s = useWeComWsServer(kind, { SUPERADMINS: 'wecom:boss' });

  it('subscribes once, with the BotID and Secret', async () => {
    const { fake } = s();
    await fake.waitSubscribed();
    const sub = fake.received.find((f) => f.cmd === 'aibot_subscribe')!;
    expect(sub.body).toEqual({ bot_id: fake.botId, secret: fake.secret });
    expect(fake.connections.filter((c) => c.event === 'subscribed')).toHaveLength(1);
    expect(fake.kicks).toBe(0);
  });

  it('a message → its reply as a finished stream on the message req_id, rows written; the same msgid again has one effect', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const { chatid, say } = await boundGroup(srv, '长沙', 'lisi');
    const msgid = `msg-${randomUUID()}`;
    const reqId = srv.fake.groupText(chatid, 'lisi', '上报 荐读 35', msgid);
    const reply = await srv.fake.finishedStream(reqId);
    expect(reply.content).toContain('已上报「长沙市总工会」');
    // One finished frame on that req_id, its stream id naming the message.
    const frames = srv.fake.repliesTo(reqId);
    expect(frames.map((f) => [f.cmd, f.body.msgtype, f.body.stream.finish])).toEqual([['aibot_respond_msg', 'stream', true]]);
    expect(Buffer.from(reply.id.split('.')[1], 'base64url').toString()).toBe(msgid);

    const prisma = srv.app.database.prisma;
    const member = await prisma.member.findUniqueOrThrow({ where: { platform_platformUserId: { platform: 'wecom', platformUserId: 'lisi' } } });
    expect((await prisma.countReport.findMany({ where: { reporterId: member.id } })).map((r) => [r.count, r.sourcePlatform])).toEqual([[35, 'wecom']]);
    const row = await prisma.processedMessage.findUniqueOrThrow({ where: { platform_messageId: { platform: 'wecom', messageId: msgid } } });
    expect(row.status).toBe('DONE');
    expect(row.repliedAt).not.toBeNull();
    expect(JSON.parse(row.replyRoute)).toMatchObject({ via: 'wecom-ws', reqId, chatId: chatid, streamId: reply.id });

    // Delivered again (a new req_id, the same msgid): no second report.
    srv.fake.groupText(chatid, 'lisi', '上报 荐读 35', msgid);
    await new Promise((r) => setTimeout(r, 300));
    await srv.app.inflight.drain();
    expect(await prisma.countReport.count({ where: { reporterId: member.id } })).toBe(1);
    expect(await say('帮助')).toContain('绑定');
  });

  it('enter_chat is welcomed; a picture is answered politely; a body that is not a message is refused and logged', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const enter = srv.fake.event({ msgid: randomUUID(), aibotid: srv.fake.botId, chattype: 'single', from: { userid: 'zhaoliu' }, event: { eventtype: 'enter_chat' } });
    const welcome = await srv.fake.waitFor((f) => f.headers.req_id === enter && f.cmd === 'aibot_respond_welcome_msg');
    expect(welcome.body.text.content).toContain('帮助');
    const image = srv.fake.message({ msgid: randomUUID(), aibotid: srv.fake.botId, chattype: 'single', from: { userid: 'zhaoliu' }, msgtype: 'image', image: { url: 'https://x/y.png' } });
    expect((await srv.fake.finishedStream(image)).content).toContain('只看得懂文字');
    const before = await srv.app.database.prisma.processedMessage.count();
    srv.fake.message({ msgtype: 'text', text: { content: '帮助' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(srv.logs.some((l) => l.includes('wecom long connection message refused'))).toBe(true);
    expect(await srv.app.database.prisma.processedMessage.count()).toBe(before);
  });

  it('a card click → the decision, the clicked card updated in place; the key read from event.* and event.template_card_event.*', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const prisma = srv.app.database.prisma;
    const { chatid, say } = await boundGroup(srv, '衡阳', 'hy');
    expect(await say('申报承办 月份=2020-08 主题=工匠读书会 日期=8月8日下午3点 地点=衡阳市图书馆 人数=150')).toContain('已提交');
    const { id } = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '工匠读书会' } });
    const updateOf = (reqId: string) => srv.fake.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_update_msg');

    // Not an admin, the key as WeCom's callback tables nest it: refused, nothing changes.
    const refused = srv.fake.event({
      msgid: randomUUID(),
      aibotid: srv.fake.botId,
      chatid,
      chattype: 'group',
      from: { userid: 'hy' },
      event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: `approve:${id}`, task_id: `host-${id}` } },
    });
    expect((await updateOf(refused)).body.template_card.sub_title_text).toContain('只有省总工会管理员可以使用');
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');

    // The admin, the key where the SDK's types put it.
    const approved = srv.fake.event({
      msgid: randomUUID(),
      aibotid: srv.fake.botId,
      chatid,
      chattype: 'group',
      from: { userid: 'boss' },
      event: { eventtype: 'template_card_event', event_key: `approve:${id}`, task_id: `host-${id}` },
    });
    const update = await updateOf(approved);
    expect(update.body).toMatchObject({ response_type: 'update_template_card', template_card: { card_type: 'text_notice', task_id: `host-${id}`, main_title: { title: '已批准' } } });
    expect(update.body.template_card.sub_title_text).toContain(`已批准 #${id}`);
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
    expect(await prisma.auditLog.count({ where: { action: 'approve', entityId: String(id) } })).toBe(1);
    // WeCom took the update (acked with errcode 0, within its 5 s).
    expect(srv.logs.some((l) => l.includes('wecom long connection event failed'))).toBe(false);
  });

  it('an event answered after WeCom’s 5 s is refused by WeCom (846608): logged, nothing thrown', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    srv.fake.eventReplyMs = -1;
    try {
      const enter = srv.fake.event({ msgid: randomUUID(), aibotid: srv.fake.botId, chattype: 'single', from: { userid: 'late' }, event: { eventtype: 'enter_chat' } });
      await srv.fake.waitFor((f) => f.headers.req_id === enter && f.cmd === 'aibot_respond_welcome_msg');
      for (let i = 0; i < 50 && !srv.logs.some((l) => l.includes('wecom long connection event failed') && l.includes('846608')); i++) await new Promise((r) => setTimeout(r, 20));
      expect(srv.logs.some((l) => l.includes('wecom long connection event failed') && l.includes('846608'))).toBe(true);
    } finally {
      srv.fake.eventReplyMs = 5_000;
    }
  });

  it('pushes go over the connection (aibot_send_msg markdown) to a group without a push address, paced at one per 3.1 s per group', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const prisma = srv.app.database.prisma;
    const { chatid } = await boundGroup(srv, '娄底');
    const { worker } = createBackground(srv.app);
    // The weekly ranking job queues the group's ranking; the outbox sends it over the connection.
    srv.clock.set('2020-06-15T09:00:00+08:00');
    const queued = await weeklyRanking.run(
      { db: prisma, campaign: srv.app.campaign, senders: srv.app.senders, logger: srv.app.logger, eveHour: 18, pictures: false },
      new Date('2020-06-15T09:00:00+08:00'),
    );
    expect(queued).toBeGreaterThanOrEqual(1);
    const chat = await prisma.chat.findFirstOrThrow({ where: { platformChatId: chatid } });
    await enqueue(prisma, { chat, body: '第二条', dedupeKey: `t2-${chatid}`, at: srv.clock.now });
    await enqueue(prisma, { chat, body: '第三条', dedupeKey: `t3-${chatid}`, at: srv.clock.now });
    const sends = () => srv.fake.received.filter((f) => f.cmd === 'aibot_send_msg' && f.body.chatid === chatid);
    await worker.drain();
    // One message per group per turn: the rest wait for the group's next turn.
    expect(sends()).toHaveLength(1);
    expect(sends()[0].body.msgtype).toBe('markdown');
    expect(sends()[0].body.markdown.content).toContain('📊 好书荐读周排行（6月8日—6月14日）');
    expect(sends()[0].body.markdown.content).toContain('👉');
    await flushOutbox(worker, srv.clock, 4);
    expect(sends().map((f) => f.body.markdown.content).slice(1)).toEqual(['第二条', '第三条']);
    expect(await prisma.outbox.count({ where: { chatId: chat.id, status: 'SENT' } })).toBe(3);
  });

  it('the weekly ranking carries its chart over the connection: uploaded in chunks, then an image message after the text', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const prisma = srv.app.database.prisma;
    const { chatid } = await boundGroup(srv, '邵阳');
    const { worker } = createBackground(srv.app);
    srv.clock.set('2020-06-15T09:00:00+08:00');
    await weeklyRanking.run({ db: prisma, campaign: srv.app.campaign, senders: srv.app.senders, logger: srv.app.logger, eveHour: 18 }, new Date('2020-06-15T09:00:00+08:00'));
    await flushOutbox(worker, srv.clock, 4);
    const sends = srv.fake.received.filter((f) => f.cmd === 'aibot_send_msg' && f.body.chatid === chatid);
    expect(sends.map((f) => f.body.msgtype)).toEqual(['markdown', 'image']);
    expect(sends[0].body.markdown.content).toContain('📊 好书荐读周排行');
    const png = srv.fake.media.get(sends[1].body.image.media_id)!;
    expect(png.type).toBe('image');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Width and height from the IHDR chunk: a real chart, not a placeholder.
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(400);
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(300);
    expect(srv.fake.received.some((f) => f.cmd === 'aibot_upload_media_chunk')).toBe(true);
  });

  it('排行图: the finished stream carries the chart as msg_item (base64 and md5 of the PNG), the text without it', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const { chatid } = await boundGroup(srv, '岳阳', 'yy');
    const done = await srv.fake.finishedStream(srv.fake.groupText(chatid, 'yy', '排行图'), 15_000);
    expect(done.content).toContain('排行');
    expect(done.content).not.toContain('<!--picture');
    const items = done.msg_item as Array<{ msgtype: string; image: { base64: string; md5: string } }>;
    expect(items.map((i) => i.msgtype)).toEqual(['image']);
    const png = Buffer.from(items[0].image.base64, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(items[0].image.md5).toBe(createHash('md5').update(png).digest('hex'));
  });

  it('a reply WeCom no longer takes on the stream (846608) goes to the chat as a new message; one that fails is sent by the outbox', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const prisma = srv.app.database.prisma;
    const { chatid } = await boundGroup(srv, '湘潭');
    const { worker } = createBackground(srv.app);
    const sent = () => srv.fake.received.filter((f) => f.cmd === 'aibot_send_msg' && f.body.chatid === chatid).map((f) => f.body.markdown.content as string);
    const rowOf = (msgid: string) => prisma.processedMessage.findUniqueOrThrow({ where: { platform_messageId: { platform: 'wecom', messageId: msgid } } });
    srv.fake.streamTtlMs = -1;
    try {
      const first = `msg-${randomUUID()}`;
      const reqId = srv.fake.groupText(chatid, 'xt', '荐书 《平凡的世界》 微博', first);
      await srv.fake.waitFor((f) => f.cmd === 'aibot_send_msg' && f.body.chatid === chatid);
      expect(srv.fake.repliesTo(reqId).map((f) => f.body.stream.finish)).toEqual([true]);
      expect(sent()).toEqual([expect.stringContaining('已记录')]);
      expect((await rowOf(first)).repliedAt).not.toBeNull();

      // The new message fails too (WeCom busy): the outbox sends it on its next try.
      srv.fake.sendErrors.push(-1);
      const second = `msg-${randomUUID()}`;
      srv.fake.groupText(chatid, 'xt', '荐书 《人生》 微博', second);
      await srv.fake.waitFor((f) => f.cmd === 'aibot_send_msg' && String(f.body.markdown?.content).includes('人生'));
      await srv.app.inflight.drain();
      await new Promise((r) => setTimeout(r, 200));
      const queued = await prisma.outbox.findFirstOrThrow({ where: { kind: 'reply', dedupeKey: `reply:wecom:${second}` } });
      expect(queued.status).toBe('QUEUED');
      srv.clock.set(new Date(srv.clock.now.getTime() + 60_000).toISOString());
      await worker.drain();
      expect(sent().filter((c) => c.includes('人生'))).toHaveLength(2);
      expect((await prisma.outbox.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe('SENT');
      expect((await rowOf(second)).repliedAt).not.toBeNull();
    } finally {
      srv.fake.streamTtlMs = 6 * 60_000;
    }
  });

  it('reconnects after the connection drops, and answers on the new one', async () => {
    const srv = s();
    const first = await srv.fake.waitSubscribed();
    srv.fake.drop();
    const started = Date.now();
    const second = await srv.fake.waitSubscribed(10_000, first);
    expect(second).not.toBe(first);
    expect(Date.now() - started).toBeLessThan(5_000);
    const health = await (await fetch(`${srv.base}/healthz`)).json();
    expect(health.platforms.wecom).toEqual({ mode: 'long-connection', holder: true, connected: true });
    const { say } = await boundGroup(srv, '株洲');
    expect(await say('帮助')).toContain('绑定');
    expect(srv.fake.kicks).toBe(0);
  });
});

describe('WeCom long connection: a reply not ready within the wait', () => {
  const s = useWeComWsServer('sqlite', { WECOM_REPLY_WAIT_MS: '0' });

  it('is preceded by a "working" frame on the same stream, then finished with the reply', async () => {
    const srv = s();
    await srv.fake.waitSubscribed();
    const chatid = `wrk-${randomUUID()}`;
    const reqId = srv.fake.groupText(chatid, 'sunqi', '绑定 湘潭');
    const done = await srv.fake.finishedStream(reqId);
    expect(done.content).toContain('绑定成功');
    const frames = srv.fake.repliesTo(reqId).map((f) => f.body.stream);
    expect(frames.map((f) => f.finish)).toEqual([false, true]);
    expect(frames[0].content).toContain('正在处理');
    expect(new Set(frames.map((f) => f.id)).size).toBe(1);
  });
});

describe('WeCom long connection: another connection takes the bot', () => {
  const s = useWeComWsServer('sqlite');

  it('the dropped instance lets go of the lease and does not fight back at once', async () => {
    const srv = s();
    const ours = await srv.fake.waitSubscribed();
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const rogue = new WSClient({ botId: srv.fake.botId, secret: srv.fake.secret, wsUrl: srv.fake.url, logger: quiet, maxReconnectAttempts: 0 });
    try {
      rogue.connect();
      const theirs = await srv.fake.waitSubscribed(5_000, ours);
      expect(srv.fake.kicks).toBe(1);
      await new Promise((r) => setTimeout(r, 2_500));
      // Still theirs: ours paused instead of taking it back.
      expect(srv.fake.subscribed).toBe(theirs);
      const health = await (await fetch(`${srv.base}/healthz`)).json();
      expect(health.platforms.wecom).toEqual({ mode: 'long-connection', holder: false, connected: false });
      expect(await srv.app.database.prisma.lease.count()).toBe(0);
      expect(srv.logs.some((l) => l.includes('taken over by another connection'))).toBe(true);
    } finally {
      rogue.disconnect();
    }
  });
});

describe('WeCom long connection: configuration and sending off the holder', () => {
  const base = { WECOM_BOT_ID: 'aib1', WECOM_BOT_SECRET: 's' };

  it('takes the BotID and Secret together, not with the callback keys, and a ws(s) URL', () => {
    expect(loadConfig(base).WECOM_WS_URL).toBe('wss://openws.work.weixin.qq.com');
    expect(() => loadConfig({ WECOM_BOT_ID: 'aib1' })).toThrow(/WECOM_BOT_SECRET missing/);
    expect(() => loadConfig({ WECOM_BOT_SECRET: 's' })).toThrow(/WECOM_BOT_ID missing/);
    expect(() => loadConfig({ ...base, WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' })).toThrow(/exclude each other/);
    expect(() => loadConfig({ ...base, WECOM_WS_URL: 'https://x' })).toThrow(/WECOM_WS_URL must be a ws\(s\) URL/);
  });

  it('an instance that does not hold the connection fails a send as transient (the outbox tries again)', async () => {
    const logger = createLogger('silent');
    const connection = new WeComLongConnection({ botId: 'aib1', secret: 's', wsUrl: 'ws://127.0.0.1:9', logger });
    const sender = new WeComLongConnectionSender(new WeComApi({ base: 'http://127.0.0.1:9', logger, now: Date.now }), { base: 'http://127.0.0.1:9' }, connection);
    expect(sender.reachesChats).toBe(true);
    const err = await sender.sendToChat('wrk-1', 'hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect((err as SendError).kind).toBe('transient');
  });
});
