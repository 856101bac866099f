import { describe, expect, it } from 'vitest';
import type { PlatformSender } from '../../src/bot/sender.js';
import { withdraw } from '../../src/domain/hosting.js';
import { hostNoticePublisher } from '../../src/outbox/host-notices.js';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';
import { actorFor, inTx } from '../helpers/domain.js';

/** What a console platform can reach: its groups and its people (the outbox queues for both). */
const SENDERS: ReadonlyMap<string, PlatformSender> = new Map([['console', { reachesChats: true, reachesPeople: true } as PlatformSender]]);

describe.each(KINDS)('who hears a withdrawn host request on %s', (kind) => {
  const bot = useBot(kind);

  it('the admins always; the unit (its group, else its contacts) when someone other than the requester withdrew it', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    await b.say('省总王处', '省总群', '帮助');
    await b.say('王芳', '长沙群', '绑定 长沙');
    await b.say('王芳', '长沙群', '申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日下午2点 地点=市图书馆 人数=200');
    await b.handle({ senderId: '王芳', senderName: '王芳', chatId: '王芳私聊', chatType: 'single', text: '申报承办 月份=2020-08 主题=书香八月 日期=8月8日 地点=市图书馆 人数=100' });
    const [inGroup, inPrivate] = await prisma.hostRequest.findMany({ orderBy: { id: 'asc' } });
    expect(inPrivate?.theme).toBe('书香八月');
    const admin = await actorFor(b.app.database, '管理员甲', null, 'ADMIN');
    const publish = hostNoticePublisher({ db: prisma, senders: SENDERS });
    for (const request of [inGroup, inPrivate]) {
      const done = await inTx(b.app.database, (tx) => withdraw(tx, { actor: admin, campaignId: request.campaignId, id: request.id, now: b.clock.now, confirmed: true }));
      if ('confirm' in done) throw new Error('asked to confirm');
      await publish(done.notices, b.clock.now);
    }
    const queued = async (id: number) =>
      (await prisma.outbox.findMany({ where: { dedupeKey: { startsWith: `host:${id}:withdrawn` } }, include: { chat: true }, orderBy: { id: 'asc' } })).map(
        (o) => [o.chat?.isGroup ? o.chat.title : o.userId, o.body],
      );
    const toGroup = `承办申报 #${inGroup.id}（长沙市总工会 2020-07「劳模讲书」）已由 管理员甲 撤回。如有疑问，请联系省总工会。`;
    expect(await queued(inGroup.id)).toEqual(
      expect.arrayContaining([
        ['省总王处', `长沙市总工会 的承办申报 #${inGroup.id}（2020-07「劳模讲书」）已由 管理员甲 撤回，无需再审批。`],
        ['长沙群', toGroup],
      ]),
    );
    // Asked for in a private chat: 王芳, the unit's contact, hears it herself.
    expect((await queued(inPrivate.id)).map(([to]) => to)).toEqual(expect.arrayContaining(['省总王处', '王芳']));
  });
});
