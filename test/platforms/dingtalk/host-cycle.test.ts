import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../../src/jobs/index.js';
import { KINDS } from '../../helpers/db.js';
import { flushOutbox } from '../../helpers/server.js';
import { useDingTalkServer, type DingTalkServer } from '../../helpers/dingtalk.js';

const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const TOPIC_CARD = '/v1.0/card/instances/callback';

describe.each(KINDS)('the 承办 cycle through DingTalk on %s', (kind) => {
  const s = useDingTalkServer(kind, { SUPERADMINS: 'dingtalk:boss', DINGTALK_CARD_TEMPLATE_ID: 'tpl-approval.schema' });
  /** Sends `text` to the robot as `o` says, and returns the robot's first reply in that session. */
  const say = async (text: string, o: Parameters<DingTalkServer['fake']['robotMessage']>[1]) => {
    const { fake } = s();
    const m = fake.robotMessage(text, o);
    await fake.waitAck(fake.push(TOPIC_ROBOT, m));
    return (fake.sessionReplies(m)[0]?.markdown.text ?? '') as string;
  };
  /** `userId` clicks 「同意」 on the approval card `outTrackId`. */
  const approveByCard = async (outTrackId: string, userId: string) => {
    const { fake } = s();
    await fake.waitAck(
      fake.push(TOPIC_CARD, {
        outTrackId,
        userId,
        type: 'actionCallback',
        content: JSON.stringify({ cardPrivateData: { actionIds: ['agree_btn'], params: { action: 'approve' } } }),
      }),
    );
  };

  it('request → a card to each admin → a click decides → every card shows it → the group hears it', async () => {
    const srv = s();
    const { fake, app } = srv;
    const prisma = app.database.prisma;
    await fake.waitConnected();
    const { worker } = createBackground(app);
    const flush = () => flushOutbox(worker, srv.clock);
    await say('我的', { group: false, userId: 'li2' });
    expect(await say('设管理员 li2', { group: false, userId: 'boss' })).toContain('管理员');

    const conversationId = `cid-${randomUUID()}`;
    const token = randomBytes(32).toString('hex');
    const secret = `SEC${randomBytes(24).toString('hex')}`;
    fake.addRobot(token, secret);
    await say('绑定 衡阳', { conversationId, userId: 'hy' });
    await say(`设置推送 ${token} ${secret}`, { conversationId, userId: 'hy' });
    expect(await say('申报承办 月份=2020-08 主题=雁城书香 日期=8月22日下午2点 地点=衡阳市图书馆 人数=150', { conversationId, userId: 'hy' })).toContain('已提交');
    const { id } = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '雁城书香' } });
    await flush();

    const cards = fake.calls('/v1.0/card/instances/createAndDeliver').map((c) => c.body).filter((b) => b.outTrackId.startsWith(`hostreq-${id}-`));
    expect(cards.map((b) => b.openSpaceId).sort()).toEqual(['dtv1.card//IM_ROBOT.boss', 'dtv1.card//IM_ROBOT.li2']);
    expect(cards[0].cardData.cardParamMap).toMatchObject({ title: `承办申报 #${id}：衡阳市总工会`, status: 'pending' });
    expect(cards[0].cardData.cardParamMap.content).toContain('- 地点：衡阳市图书馆');
    const bossCard = cards.find((b) => b.openSpaceId.endsWith('.boss'))!;

    await approveByCard(bossCard.outTrackId, 'boss');
    await app.inflight.drain();
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
    const updates = () => fake.calls('/v1.0/card/instances', 'PUT').map((c) => [c.body.outTrackId, c.body.cardData.cardParamMap.status_text]);
    // The clicked card at once, then every admin's card through the outbox.
    expect(updates()).toEqual([[bossCard.outTrackId, '已批准']]);
    await flush();
    expect(updates().sort()).toEqual(
      [
        [bossCard.outTrackId, '已批准'],
        [bossCard.outTrackId, '已由boss批准'],
        [cards.find((b) => b.openSpaceId.endsWith('.li2'))!.outTrackId, '已由boss批准'],
      ].sort(),
    );
    await flush();
    const pushed = fake.calls('/robot/send').filter((c) => c.query.access_token === token).map((c) => c.body.markdown.text as string);
    expect(pushed.some((t) => t.includes(`承办申报 #${id}（衡阳市总工会 2020-08「雁城书香」）已获省总工会批准`))).toBe(true);
  });
  it("a click keeps the admin's name: the card and the group read 「已由省总王处批准」, not the user id", async () => {
    const srv = s();
    const { fake, app } = srv;
    const prisma = app.database.prisma;
    await fake.waitConnected();
    const { worker } = createBackground(app);
    // The admin is known by her nick from her chat with the robot.
    await say('我的', { group: false, userId: 'wangchu', nick: '省总王处' });
    expect(await say('设管理员 wangchu', { group: false, userId: 'boss' })).toContain('管理员');
    const conversationId = `cid-${randomUUID()}`;
    await say('绑定 娄底', { conversationId, userId: 'ld' });
    await say('申报承办 月份=2020-11 主题=梅山书会 日期=11月7日下午2点 地点=娄底市图书馆 人数=100', { conversationId, userId: 'ld' });
    const { id } = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '梅山书会' } });
    await flushOutbox(worker, srv.clock);
    const card = fake.calls('/v1.0/card/instances/createAndDeliver').map((c) => c.body).find((b) => b.outTrackId.startsWith(`hostreq-${id}-`) && b.openSpaceId.endsWith('.wangchu'))!;
    await approveByCard(card.outTrackId, 'wangchu');
    await app.inflight.drain();
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
    expect((await prisma.member.findFirstOrThrow({ where: { platformUserId: 'wangchu' } })).displayName).toBe('省总王处');
    await flushOutbox(worker, srv.clock);
    const shown = fake.calls('/v1.0/card/instances', 'PUT').filter((c) => c.body.outTrackId === card.outTrackId).map((c) => c.body.cardData.cardParamMap.status_text);
    expect(shown).toContain('已由省总王处批准');
    expect(shown.join()).not.toContain('wangchu');
    // Asked again by text, the admin is still named.
    expect(await say(`批准 ${id}`, { group: false, userId: 'boss' })).toContain(`已由省总王处于`);
  });
});
