import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../../src/app.js';
import { approvalTaskId } from '../../../src/bot/card-actions.js';
import { createLogger } from '../../../src/logger.js';
import { KINDS } from '../../helpers/db.js';
import { useDingTalkServer, type DingTalkServer } from '../../helpers/dingtalk.js';
import { startPlatforms } from '../../../src/app.js';
import { createBackground } from '../../../src/jobs/index.js';

const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const TOPIC_CARD = '/v1.0/card/instances/callback';

/** Pushes a robot message through the fake gateway and waits for its ack; returns the message. */
async function say(s: DingTalkServer, text: string, o: Parameters<DingTalkServer['fake']['robotMessage']>[1] = {}) {
  const message = s.fake.robotMessage(text, o);
  const frame = s.fake.push(TOPIC_ROBOT, message);
  await s.fake.waitAck(frame);
  return { message, frame, replies: s.fake.sessionReplies(message) };
}

describe.each(KINDS)('DingTalk Stream mode on %s', (kind) => {
  const s = useDingTalkServer(kind, { SUPERADMINS: 'dingtalk:boss', DINGTALK_CARD_TEMPLATE_ID: 'tpl-approval.schema' });

  it('connects through the gateway with the robot and card subscriptions; /healthz says so', async () => {
    const { fake, base } = s();
    await fake.waitConnected();
    const open = fake.calls('/v1.0/gateway/connections/open')[0].body;
    expect(open.clientId).toBe(fake.clientId);
    expect(open.subscriptions).toEqual(expect.arrayContaining([
      { type: 'CALLBACK', topic: TOPIC_ROBOT },
      { type: 'CALLBACK', topic: TOPIC_CARD },
    ]));
    const health = await (await fetch(`${base}/healthz`)).json();
    expect(health.platforms).toEqual({ dingtalk: { mode: 'stream', connected: true } });
  });

  it('a robot message: acked, answered on its sessionWebhook in markdown, rows written', async () => {
    const srv = s();
    await srv.fake.waitConnected();
    const conversationId = `cid-${randomUUID()}`;
    const bind = await say(srv, '绑定 长沙', { conversationId, userId: 'liwei', nick: '李伟' });
    expect(bind.replies).toHaveLength(1);
    expect(bind.replies[0]).toMatchObject({ msgtype: 'markdown', markdown: { text: expect.stringContaining('绑定成功') } });
    const report = await say(srv, '上报 荐读 35', { conversationId, userId: 'liwei', nick: '李伟' });
    expect(report.replies[0].markdown.text).toContain('已上报「长沙市总工会」');

    const prisma = srv.app.database.prisma;
    const chat = await prisma.chat.findUniqueOrThrow({
      where: { platform_platformChatId: { platform: 'dingtalk', platformChatId: conversationId } },
      include: { unit: true },
    });
    expect(chat.unit?.name).toBe('长沙市总工会');
    expect(chat.title).toBe('长沙读书群');
    const member = await prisma.member.findUniqueOrThrow({ where: { platform_platformUserId: { platform: 'dingtalk', platformUserId: 'liwei' } } });
    expect(member.displayName).toBe('李伟');
    expect(await prisma.countReport.count({ where: { reporterId: member.id, count: 35 } })).toBe(1);
  });

  it('a robot frame that lacks what we use is acknowledged with no effect and a warning', async () => {
    const srv = s();
    await srv.fake.waitConnected();
    const prisma = srv.app.database.prisma;
    const before = { chats: await prisma.chat.count(), processed: await prisma.processedMessage.count() };
    const { text: _text, ...bare } = srv.fake.robotMessage('绑定 长沙', { conversationId: `cid-${randomUUID()}` });
    const frame = srv.fake.push(TOPIC_ROBOT, bare);
    await srv.fake.waitAck(frame);
    await srv.app.inflight.drain();
    expect(srv.fake.sessionReplies(bare)).toHaveLength(0);
    expect({ chats: await prisma.chat.count(), processed: await prisma.processedMessage.count() }).toEqual(before);
    expect(srv.logs.some((l) => l.includes('dingtalk stream message refused') && l.includes(frame))).toBe(true);
  });

  it('a frame not acknowledged in time is redelivered: one effect, one reply', async () => {
    const srv = s();
    await srv.fake.waitConnected();
    const conversationId = `cid-${randomUUID()}`;
    await say(srv, '绑定 株洲', { conversationId, userId: 'zhou' });
    srv.fake.redeliverMs = 1; // the gateway gives up waiting at once and sends the frame again
    try {
      const message = srv.fake.robotMessage('荐书 《活着》 微博', { conversationId, userId: 'zhou' });
      const frame = srv.fake.push(TOPIC_ROBOT, message);
      await srv.fake.waitAck(frame);
      await expect.poll(() => srv.fake.sentFrames.filter((f) => f.headers.messageId === frame).length).toBeGreaterThan(1);
      await srv.app.inflight.drain();
      expect(await srv.app.database.prisma.recommendation.count({ where: { bookTitle: '活着', personName: 'zhou' } })).toBe(1);
      expect(srv.fake.sessionReplies(message)).toHaveLength(1);
    } finally {
      srv.fake.redeliverMs = 60_000;
    }
  });

  /**
   * Pushes `text` to the first instance with its ack lost (and its reply failing when `failReply`),
   * then starts a second instance on the same database, which the gateway sends the open frame to.
   */
  async function lostAck(srv: DingTalkServer, text: string, userId: string, failReply: boolean) {
    await srv.fake.waitConnected();
    const conversationId = `cid-${randomUUID()}`;
    // Each test its own unit: a unit's second contact waits for approval.
    await say(srv, failReply ? '绑定 衡阳' : '绑定 岳阳', { conversationId, userId });
    const message = srv.fake.robotMessage(text, { conversationId, userId });
    srv.fake.loseAcks = 1;
    srv.fake.failSessions = failReply ? 1 : 0;
    const frame = srv.fake.push(TOPIC_ROBOT, message);
    await expect.poll(() => srv.fake.calls('/robot/sendBySession').filter((c) => c.body.markdown?.text.includes('平凡的世界')).length).toBe(1);
    await expect.poll(() => srv.fake.loseAcks).toBe(0);
    const other = await startApp(srv.app.config, createLogger('silent'), srv.clock.read);
    try {
      await startPlatforms(other);
      await srv.fake.waitAck(frame);
      await other.inflight.drain();
      // A reply that failed is in the outbox: the outbox worker (here the other instance's) sends it.
      await createBackground(other).worker.drain();
      expect(srv.fake.sentFrames.filter((f) => f.headers.messageId === frame).length).toBeGreaterThan(1);
      expect(await srv.app.database.prisma.recommendation.count({ where: { bookTitle: '平凡的世界', personName: userId } })).toBe(1);
      return srv.fake.sessionReplies(message);
    } finally {
      await other.close();
      // The first instance gets the gateway back for the tests that follow.
      const n = srv.fake.connections + 1;
      srv.fake.dropAll();
      await srv.fake.waitConnected(n);
    }
  }

  it('a frame whose ack was lost comes again on another instance: acked there, not answered twice', async () => {
    expect(await lostAck(s(), '荐书 《平凡的世界》 微博', 'yue', false)).toHaveLength(1);
  });

  it('…and when the first reply failed, the outbox sends it, once', async () => {
    // Two posts: the first refused with a 503, the second from the outbox.
    expect(await lostAck(s(), '荐书 《平凡的世界》 微博', 'yang', true)).toHaveLength(2);
  });

  it('a frame whose reply failed and whose ack was lost, redelivered to the same instance: the outbox sends the reply, once', async () => {
    const srv = s();
    await srv.fake.waitConnected();
    const conversationId = `cid-${randomUUID()}`;
    await say(srv, '绑定 娄底', { conversationId, userId: 'loudi' });
    const message = srv.fake.robotMessage('荐书 《呐喊》 微博', { conversationId, userId: 'loudi' });
    srv.fake.loseAcks = 1;
    srv.fake.failSessions = 1;
    const frame = srv.fake.push(TOPIC_ROBOT, message);
    // The reply was refused (503) and the ack lost on the way.
    await expect.poll(() => srv.fake.sessionReplies(message).length).toBe(1);
    await expect.poll(() => srv.fake.loseAcks).toBe(0);
    await srv.app.inflight.drain();
    // The gateway sends the open frame again on the next connection, to this same instance.
    const n = srv.fake.connections + 1;
    srv.fake.dropConnection();
    await srv.fake.waitConnected(n);
    await srv.fake.waitAck(frame);
    await srv.app.inflight.drain();
    // The redelivery finds the reply in the outbox, not sent twice; the outbox worker sends it.
    expect(srv.fake.sessionReplies(message)).toHaveLength(1);
    await createBackground(srv.app).worker.drain();
    await createBackground(srv.app).worker.drain();
    const replies = srv.fake.sessionReplies(message);
    expect(replies).toHaveLength(2);
    expect(replies[1].markdown.text).toContain('已记录');
    expect(await srv.app.database.prisma.recommendation.count({ where: { bookTitle: '呐喊', personName: 'loudi' } })).toBe(1);
  });

  it('the gateway dropping the socket or asking to disconnect: the client reconnects and the next message is handled', async () => {
    const srv = s();
    await srv.fake.waitConnected();
    const before = srv.fake.connections;
    srv.fake.dropConnection();
    await srv.fake.waitConnected(before + 1);
    expect((await say(srv, '帮助')).replies[0].markdown.text).toContain('绑定');

    srv.fake.askToDisconnect();
    await srv.fake.waitConnected(before + 2);
    expect((await say(srv, '帮助')).replies[0].markdown.text).toContain('绑定');
    expect(srv.fake.calls('/v1.0/gateway/connections/open').length).toBeGreaterThanOrEqual(before + 2);
  });

  it('a card click on TOPIC_CARD reaches the approval handler; the card is updated and the admin told', async () => {
    const srv = s();
    await srv.fake.waitConnected();
    const conversationId = `cid-${randomUUID()}`;
    await say(srv, '绑定 郴州', { conversationId, userId: 'chen' });
    const host = await say(srv, '申报承办 月份=2020-09 主题=书香郴州 日期=9月12日下午2点 地点=郴州市图书馆 人数=120', { conversationId, userId: 'chen' });
    expect(host.replies[0].markdown.text).toContain('已提交');
    const { id } = await srv.app.database.prisma.hostRequest.findFirstOrThrow({ where: { theme: '书香郴州' } });

    const click = (userId: string) => ({
      extension: '{}',
      corpId: 'dingcorp',
      type: 'actionCallback',
      userIdType: 1,
      userId,
      outTrackId: `${approvalTaskId(id, 'n1')}.${userId}`,
      content: JSON.stringify({ cardPrivateData: { actionIds: ['btn_1'], params: { action: 'approve' } } }),
    });
    // Not an admin: nothing changes, no card update.
    await srv.fake.waitAck(srv.fake.push(TOPIC_CARD, click('chen')));
    await srv.app.inflight.drain();
    expect((await srv.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
    expect(srv.fake.calls('/v1.0/card/instances', 'PUT')).toHaveLength(0);

    await srv.fake.waitAck(srv.fake.push(TOPIC_CARD, click('boss')));
    await srv.app.inflight.drain();
    expect((await srv.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
    const [update] = srv.fake.calls('/v1.0/card/instances', 'PUT');
    expect(update.body).toEqual({
      outTrackId: `${approvalTaskId(id, 'n1')}.boss`,
      cardData: { cardParamMap: { status: 'accept', status_text: '已批准' } },
      cardUpdateOptions: { updateCardDataByKey: true },
    });
    const told = srv.fake.calls('/v1.0/robot/oToMessages/batchSend').map((c) => c.body);
    expect(told.find((b) => b.userIds[0] === 'boss')).toMatchObject({ robotCode: srv.fake.clientId, msgKey: 'sampleMarkdown' });
    expect(JSON.parse(told.find((b) => b.userIds[0] === 'boss').msgParam).text).toContain(`已批准 #${id}`);
    expect(JSON.parse(told.find((b) => b.userIds[0] === 'chen').msgParam).text).toContain('只有省总工会管理员可以使用');
  });
});
