import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalKey } from '../../../src/bot/card-actions.js';
import { UserError } from '../../../src/domain/errors.js';
import { createLogger } from '../../../src/logger.js';
import { DingTalkApi } from '../../../src/platforms/dingtalk/api.js';
import { DingTalkSender } from '../../../src/platforms/dingtalk/sender.js';
import { robotSign } from '../../../src/platforms/dingtalk/sign.js';
import { FakeDingTalk } from '../../fakes/dingtalk.js';
import { KINDS } from '../../helpers/db.js';
import { useDingTalkServer } from '../../helpers/dingtalk.js';

const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const token = () => randomBytes(32).toString('hex');
const secret = () => `SEC${randomBytes(24).toString('hex')}`;

describe('DingTalk sender against the fake DingTalk', () => {
  let fake: FakeDingTalk;
  let now = Date.parse('2020-06-10T02:00:00Z');
  const api = () =>
    new DingTalkApi({ apiBase: fake.base, oapiBase: fake.base, clientId: fake.clientId, clientSecret: fake.clientSecret, logger: createLogger('silent'), now: () => now });
  const sender = (cardTemplateId?: string) => new DingTalkSender(api(), { robotCode: fake.clientId, cardTemplateId });

  beforeAll(async () => {
    fake = await new FakeDingTalk().start();
    fake.now = () => now;
  });
  afterAll(() => fake.stop());

  it('pushes signed markdown to a custom robot; 20 a minute, then 130101 as rate-limited; a wrong secret is permanent', async () => {
    const t = token();
    const sec = secret();
    fake.addRobot(t, sec);
    const s = sender();
    for (let i = 0; i < 20; i++) await s.pushMarkdown({ key: t, secret: sec }, `第 ${i} 条\n第二行`);
    const call = fake.calls('/robot/send').at(-1)!;
    expect(call.query.sign).toBe(robotSign(sec, call.query.timestamp));
    expect(call.body).toEqual({ msgtype: 'markdown', markdown: { title: '第 19 条', text: '第 19 条  \n第二行' } });
    expect(await s.pushMarkdown({ key: t, secret: sec }, 'x').catch((e) => e)).toMatchObject({ kind: 'rate-limited', code: 130101 });
    now += 61_000;
    await s.pushMarkdown({ key: t, secret: sec }, '下一分钟');
    expect(await s.pushMarkdown({ key: t, secret: secret() }, 'x').catch((e) => e)).toMatchObject({ kind: 'permanent', code: 310000, detail: 'sign not match' });
  });

  it('reads custom robot addresses and secrets as admins paste them, and masks them', () => {
    const s = sender();
    const t = token();
    const sec = secret();
    expect(s.parsePushAddress(`https://oapi.dingtalk.com/robot/send?access_token=${t}`, sec)).toEqual({ key: t, secret: sec });
    expect(s.parsePushAddress(`${fake.base}/robot/send?access_token=${t}`)).toEqual({ key: t });
    expect(s.maskPushAddress({ key: t, secret: sec })).toBe(`access_token=${t.slice(0, 4)}…${t.slice(-4)}，已加签`);
    expect(() => s.parsePushAddress(`https://evil.example.com/robot/send?access_token=${t}`)).toThrow(UserError);
    expect(() => s.parsePushAddress(t, 'not-a-secret')).toThrow('加签密钥应以 SEC 开头');
  });

  it('caches the app token (one fetch for a burst) and sends to a group through the app robot', async () => {
    const s = sender();
    const before = fake.calls('/v1.0/oauth2/accessToken').length;
    await Promise.all(Array.from({ length: 5 }, (_, i) => s.sendToChat('cidGroup==', `第 ${i} 条`)));
    expect(fake.calls('/v1.0/oauth2/accessToken').length - before).toBe(1);
    const sent = fake.calls('/v1.0/robot/groupMessages/send').at(-1)!;
    expect(sent.body).toMatchObject({ robotCode: fake.clientId, openConversationId: 'cidGroup==', msgKey: 'sampleMarkdown' });
    expect(sent.headers['x-acs-dingtalk-access-token']).toBeTruthy();
  });

  it('approval cards: an interactive card per admin from the template, or an actionCard whose buttons send the command', async () => {
    const card = {
      taskId: 'hostreq-7-ab',
      title: '承办申报 #7：长沙市总工会',
      fields: [['月份', '2020-07']] as Array<[string, string]>,
      buttons: [
        { key: approvalKey('approve', 7), text: '批准', command: '批准 7' },
        { key: approvalKey('reject', 7), text: '驳回', command: '驳回 7' },
      ],
    };
    await sender('tpl.schema').sendCard(['a1', 'a2'], card);
    const created = fake.calls('/v1.0/card/instances/createAndDeliver').map((c) => c.body);
    expect(created.map((b) => [b.outTrackId, b.openSpaceId])).toEqual([
      ['hostreq-7-ab.a1', 'dtv1.card//IM_ROBOT.a1'],
      ['hostreq-7-ab.a2', 'dtv1.card//IM_ROBOT.a2'],
    ]);
    expect(created[0]).toMatchObject({ cardTemplateId: 'tpl.schema', callbackType: 'STREAM', imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: fake.clientId } });

    await sender().sendCard(['a1', 'a2'], card);
    const sent = fake.calls('/v1.0/robot/oToMessages/batchSend').at(-1)!.body;
    expect(sent).toMatchObject({ userIds: ['a1', 'a2'], msgKey: 'sampleActionCard2' });
    const param = JSON.parse(sent.msgParam);
    expect(param.actionTitle1).toBe('批准');
    expect(decodeURIComponent(param.actionURL2)).toBe('dtmd://dingtalkclient/sendMessage?content=驳回 7');
  });

  it('renews a token DingTalk refuses (401 InvalidAuthentication) once', async () => {
    const s = sender();
    await s.sendText('u1', '你好');
    fake.revokeTokens();
    const before = fake.calls('/v1.0/oauth2/accessToken').length;
    await Promise.all([s.sendText('u1', '再次你好'), s.sendText('u2', '你好')]);
    expect(fake.calls('/v1.0/oauth2/accessToken').length - before).toBe(1);
    const last = fake.calls('/v1.0/robot/oToMessages/batchSend').slice(-2);
    expect(last.map((c) => c.body.userIds[0]).sort()).toEqual(['u1', 'u2']);
  });
});

describe.each(KINDS)('设置推送 in a DingTalk group on %s', (kind) => {
  const s = useDingTalkServer(kind);

  it('stores a signed custom robot after a test message, never echoing the token or secret', async () => {
    const { fake, app } = s();
    await fake.waitConnected();
    const conversationId = `cid-${randomUUID()}`;
    const say = async (text: string) => {
      const m = fake.robotMessage(text, { conversationId, userId: 'lw' });
      await fake.waitAck(fake.push(TOPIC_ROBOT, m));
      return fake.sessionReplies(m)[0].markdown.text as string;
    };
    await say('绑定 娄底');
    const t = token();
    const sec = secret();
    fake.addRobot(t, sec);
    const reply = await say(`设置推送 https://oapi.dingtalk.com/robot/send?access_token=${t} ${sec}`);
    expect(reply).toContain('推送地址已保存');
    expect(reply).not.toContain(t);
    expect(reply).not.toContain(sec);
    const test = fake.calls('/robot/send').filter((c) => c.query.access_token === t);
    expect(test).toHaveLength(1);
    expect(test[0].query.sign).toBe(robotSign(sec, test[0].query.timestamp));
    const chat = await app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: conversationId } });
    expect([chat.pushKey, chat.pushSecret]).toEqual([t, sec]);

    const wrong = token();
    fake.addRobot(wrong, secret());
    expect(await say(`设置推送 ${wrong} ${secret()}`)).toContain('测试消息没有发出去（平台返回：310000 sign not match），地址没有保存');
  });
});
