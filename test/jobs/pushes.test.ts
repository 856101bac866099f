import { describe, expect, it } from 'vitest';
import type { PlatformSender } from '../../src/bot/sender.js';
import { activityReminders, deliverables, hostWindow, weeklyRanking, type JobContext } from '../../src/jobs/jobs.js';
import { useBot, type Bot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

/** The jobs' texts word for word, read from the outbox they queue to (no sending needed). */
describe.each(KINDS)('what the jobs push on %s', (kind) => {
  const bot = useBot(kind);

  function jobContext(b: Bot): JobContext {
    // The console's sender reaches every group.
    const senders = new Map([['console', { reachesChats: true } as PlatformSender]]);
    return { db: b.app.database.prisma, campaign: b.app.campaign, senders, logger: b.app.logger, eveHour: 18 };
  }

  async function groupOf(b: Bot, unitName: string) {
    const prisma = b.app.database.prisma;
    const unit = await prisma.unit.findUniqueOrThrow({ where: { name: unitName } });
    const chat = await prisma.chat.create({ data: { platform: 'console', platformChatId: `${unitName}群`, title: `${unitName}群`, isGroup: true, unitId: unit.id } });
    return { unit, chat };
  }

  const queued = (b: Bot, prefix: string) =>
    b.app.database.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { id: 'asc' } }).then((rows) => rows.map((row) => row.body));

  it('after a hosted event, its group hears what it still owes and how to hand it in', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const { unit, chat } = await groupOf(b, '常德市总工会');
    const request = await prisma.hostRequest.create({
      data: {
        campaignId: b.app.campaign.id,
        unitId: unit.id,
        chatId: chat.id,
        month: '2020-07',
        theme: '书香常德',
        proposedAt: new Date('2020-07-04T14:00:00+08:00'),
        place: '常德市图书馆',
        expectedParticipants: 80,
        contactName: '刘',
        status: 'APPROVED',
      },
    });
    await prisma.hostDeliverable.create({ data: { hostRequestId: request.id, photos: 5, articleLink: 'https://example.org/a', articleChars: 820 } });
    expect(await deliverables.run(jobContext(b), new Date('2020-07-05T10:00:00+08:00'))).toBe(1);
    expect(await queued(b, `deliverables:${request.id}:`)).toEqual([
      [
        '📦 承办活动「书香常德」（2020年7月4日 14:00）辛苦了！请提交活动材料，还差：',
        '⬜ 剪辑视频 1 个（3 分钟内，附链接）',
        '⬜ 现场使用「湘悦读·工力量」活动标识',
        '提交方式：提交材料 视频 https://… 2分40秒；提交材料 标识 已使用',
      ].join('\n'),
    ]);
  });

  it('after a down time the count question starts at 1/3, a day apart; a cancelled activity is never asked', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const { unit, chat } = await groupOf(b, '邵阳市总工会');
    const base = { campaignId: b.app.campaign.id, unitId: unit.id, chatId: chat.id, kind: 'SALON' as const, place: '邵阳图书馆', contactName: '周' };
    const held = await prisma.activity.create({ data: { ...base, theme: '邵阳共读', startsAt: new Date('2020-07-01T14:00:00+08:00') } });
    const cancelled = await prisma.activity.create({
      data: { ...base, theme: '取消的沙龙', startsAt: new Date('2020-07-01T15:00:00+08:00'), deletedAt: new Date('2020-06-30T10:00:00+08:00') },
    });
    // The server was down from the activity until two days later: its first question is the 1st.
    const ctx = jobContext(b);
    await activityReminders.run(ctx, new Date('2020-07-03T10:00:00+08:00'));
    await activityReminders.run(ctx, new Date('2020-07-03T11:00:00+08:00'));
    await activityReminders.run(ctx, new Date('2020-07-04T10:00:00+08:00'));
    const asked = await queued(b, `activity:${held.id}:count:`);
    expect(asked.map((body) => /第 (\d)\/3 次/.exec(body)?.[1])).toEqual(['1', '2']);
    expect(await queued(b, `activity:${cancelled.id}:`)).toEqual([]);
  });

  it('a month already full is announced as full: requests now go to the waitlist', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const { chat } = await groupOf(b, '岳阳市总工会');
    await prisma.hostMonth.create({ data: { campaignId: b.app.campaign.id, month: '2020-09', capacity: 1, approved: 1 } });
    await hostWindow.run(jobContext(b), new Date('2020-08-20T10:00:00+08:00'));
    const [body] = await queued(b, `host-window:2020-09:chat:${chat.id}`);
    expect(body).toContain('2020年9月省总主题读书月活动的 1 个承办名额已满；现在申报会列入候补');
  });

  it('the weekly ranking shows each group the top places, its own unit after a gap, and the change', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const campaignId = b.app.campaign.id;
    const cities = await prisma.unit.findMany({ where: { kind: 'CITY' }, orderBy: { sortOrder: 'asc' } });
    // Week of 8 June: eleven 市州 ahead of 娄底, which has nobody; the week before, 邵阳 had 1 and the others 20.
    const thisWeek = cities.filter((city) => city.name !== '娄底市总工会').slice(0, 11);
    for (const [i, city] of thisWeek.entries()) {
      await prisma.countReport.create({ data: { campaignId, unitId: city.id, metric: 'recommend', week: '2020-06-08', count: 30 - i } });
      await prisma.countReport.create({ data: { campaignId, unitId: city.id, metric: 'recommend', week: '2020-06-01', count: city.name === '邵阳市总工会' ? 1 : 20 } });
    }
    const { chat } = await groupOf(b, '娄底市总工会');
    // Every bound group gets its own message (the 常德 group of the test before as well).
    expect(await weeklyRanking.run(jobContext(b), new Date('2020-06-15T09:00:00+08:00'))).toBeGreaterThanOrEqual(1);
    const [body] = await queued(b, `ranking:2020-06-08:chat:${chat.id}`);
    // Last week the ten others shared the first place and 邵阳 was 11th; 永州 (11th now) is cut.
    expect(body).toBe(
      [
        '📊 好书荐读周排行（6月8日—6月14日）',
        '【市州总工会】',
        '1. 长沙市总工会 30 人（+10）',
        '2. 株洲市总工会 29 人（+9，↓1）',
        '3. 湘潭市总工会 28 人（+8，↓2）',
        '4. 衡阳市总工会 27 人（+7，↓3）',
        '5. 邵阳市总工会 26 人（+25，↑6）',
        '6. 岳阳市总工会 25 人（+5，↓5）',
        '7. 常德市总工会 24 人（+4，↓6）',
        '8. 张家界市总工会 23 人（+3，↓7）',
        '9. 益阳市总工会 22 人（+2，↓8）',
        '10. 郴州市总工会 21 人（+1，↓9）',
        '…',
        '👉— 娄底市总工会 0 人（+0）',
        '【产业工会及省直】',
        '暂无数据',
        // The units with no figure that week, in one line (the seed file's order, short names).
        '未上报（15 家）：怀化、娄底、湘西、省直机关、省直属工委、教育、卫生健康、交通运输、能源化学、机械冶金建材、农林水利、财贸金融、国防邮电、建设、科教文卫体',
        '计数：上报了按上报数（已含荐书和基层单位），没上报按荐书职工人数；每人只计一次。括号里是与前一周相比。发送「排行」看实时排行。',
      ].join('\n'),
    );
  });
});
