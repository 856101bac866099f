import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../src/jobs/index.js';
import { latestAt, parseSchedule, windowKey } from '../../src/jobs/schedule.js';
import { KINDS } from '../helpers/db.js';
import { flushOutbox } from '../helpers/server.js';
import { useWeComServer, type WeComServer } from '../helpers/wecom.js';

const HOUR = 3_600_000;

/** Shanghai wall time of an instant, `06-15 09:00`. */
const wall = (ms: number) => windowKey(new Date(ms)).slice(5);

describe('schedules in Asia/Shanghai', () => {
  it('find the latest window at or before now, whatever the server TZ', () => {
    const monday9 = parseSchedule('0 9 * * 1');
    expect(windowKey(latestAt(monday9, new Date('2020-06-15T01:00:00Z'))!)).toBe('2020-06-15 09:00');
    expect(windowKey(latestAt(monday9, new Date('2020-06-15T00:59:00Z'))!)).toBe('2020-06-08 09:00');
    expect(windowKey(latestAt(parseSchedule('0 10 20 * *'), new Date('2020-07-19T12:00:00Z'))!)).toBe('2020-06-20 10:00');
    expect(windowKey(latestAt(parseSchedule('0 * * * *'), new Date('2020-06-30T16:30:00Z'))!)).toBe('2020-07-01 00:00');
    expect(windowKey(latestAt(parseSchedule('30 16 * * 5'), new Date('2020-06-12T08:29:59Z'))!)).toBe('2020-06-05 16:30');
  });
});

describe('housekeeping', () => {
  const s = useWeComServer('sqlite');
  it('forgets old message ids, expired questions and old sent pushes; keeps failures', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const old = new Date('2020-06-01T00:00:00Z');
    await prisma.processedMessage.create({ data: { platform: 'wecom', messageId: 'old-msg', reply: 'x', createdAt: old } });
    await prisma.processedMessage.create({ data: { platform: 'wecom', messageId: 'new-msg', reply: 'x', createdAt: new Date('2020-06-20T00:00:00Z') } });
    await prisma.conversation.create({ data: { platform: 'wecom', platformChatId: 'c', platformUserId: 'u', command: '绑定', state: '{}', expiresAt: old } });
    const chat = await prisma.chat.create({ data: { platform: 'wecom', platformChatId: `wrk-${randomUUID()}` } });
    await prisma.outbox.create({ data: { platform: 'wecom', chatId: chat.id, channel: 'x', body: 'sent', dedupeKey: 'hk-sent', status: 'SENT', sentAt: new Date('2020-01-01T00:00:00Z'), nextAttemptAt: old } });
    await prisma.outbox.create({ data: { platform: 'wecom', chatId: chat.id, channel: 'x', body: 'failed', dedupeKey: 'hk-failed', status: 'FAILED', nextAttemptAt: new Date('2020-01-01T00:00:00Z') } });
    srv.clock.set('2020-06-21T03:30:00+08:00');
    const ran = await createBackground(srv.app).scheduler.tick();
    expect(ran.map((r) => r.job)).toContain('housekeeping');
    expect((await prisma.processedMessage.findMany({ where: { messageId: { in: ['old-msg', 'new-msg'] } } })).map((m) => m.messageId)).toEqual(['new-msg']);
    expect(await prisma.conversation.count({ where: { platformChatId: 'c' } })).toBe(0);
    expect((await prisma.outbox.findMany({ where: { dedupeKey: { startsWith: 'hk-' } } })).map((m) => m.dedupeKey)).toEqual(['hk-failed']);
  });
});

describe.each(KINDS)('a campaign month of scheduled pushes on %s', (kind) => {
  const s = useWeComServer(kind, { SUPERADMINS: 'wecom:boss' });

  async function setUp(srv: WeComServer) {
    const say = async (chatid: string, userid: string, text: string) =>
      (await srv.bot.postBot(srv.base, srv.bot.botText(text, { chatid, userid }))).reply.stream.content as string;
    const groups = { cs: `wrk-cs-${randomUUID()}`, zz: `wrk-zz-${randomUUID()}`, yy: `wrk-yy-${randomUUID()}` };
    const keys = { cs: randomUUID(), zz: randomUUID() };
    await say(groups.cs, 'cs1', '绑定 长沙');
    await say(groups.zz, 'zz1', '绑定 株洲');
    await say(groups.yy, 'yy1', '绑定 岳阳'); // no push robot: nothing can reach it
    expect(await say(groups.cs, 'cs1', `设置推送 ${keys.cs}`)).toContain('推送地址已保存');
    expect(await say(groups.zz, 'zz1', `设置推送 ${keys.zz}`)).toContain('推送地址已保存');
    await say(groups.cs, 'cs1', '上报 荐读 35');
    await say(groups.zz, 'zz1', '荐书 《活着》 微博');
    expect(await say(groups.cs, 'cs1', '登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆 时间=6月20日下午2点 人数=40')).toContain('已登记');
    return { say, groups, keys };
  }

  it('sends exactly the rankings, reminders and host invitation due, when they are due, each group its own', async () => {
    const srv = s();
    const { say, groups, keys } = await setUp(srv);
    const activity = await srv.app.database.prisma.activity.findFirstOrThrow({ where: { theme: '读懂中国' } });
    const { scheduler, worker } = createBackground(srv.app);
    srv.fake.now = () => srv.clock.now.getTime();
    const before = srv.fake.calls('/cgi-bin/webhook/send').length;

    // Every hour from 10 June to the end of the month, as node-cron would; the worker drains
    // what is due, with a few seconds for a group's second message of the hour.
    let t = Date.parse('2020-06-10T11:00:00+08:00');
    const end = Date.parse('2020-07-01T00:00:00+08:00');
    for (; t <= end; t += HOUR) {
      srv.clock.set(new Date(t).toISOString());
      await scheduler.tick();
      await flushOutbox(worker, srv.clock);
      if (t === Date.parse('2020-06-21T10:00:00+08:00')) {
        srv.clock.set(new Date(t).toISOString());
        expect(await say(groups.cs, 'cs1', `活动完成 ${activity.id} 人数 38`)).toContain('38');
      }
    }

    const calls = srv.fake.calls('/cgi-bin/webhook/send').slice(before);
    // Each weekly ranking is followed by its chart, to each group, in the same minute (src/outbox/pictures.ts).
    const images = calls.filter((c) => c.body.msgtype === 'image');
    expect(images.map((c) => `${c.query.key === keys.cs ? 'cs' : 'zz'} ${wall(c.at - (c.at % 60_000))}`).sort()).toEqual(
      ['06-15 09:00', '06-22 09:00', '06-29 09:00'].flatMap((at) => [`cs ${at}`, `zz ${at}`]).sort(),
    );
    const sent = calls
      .filter((c) => c.body.msgtype === 'markdown')
      .map((c) => ({ to: c.query.key === keys.cs ? 'cs' : c.query.key === keys.zz ? 'zz' : '?', at: wall(c.at - (c.at % 60_000)), text: c.body.markdown.content as string }))
      // Groups are sent to in parallel: within a minute, order by group.
      .sort((x, y) => x.at.localeCompare(y.at) || x.to.localeCompare(y.to));
    // 株洲's 荐书 of the week of 8 June is its figure (the counting rule): no reminder that Friday.
    expect(sent.map((m) => [m.to, m.at, m.text.split('\n')[0]])).toEqual([
      ['cs', '06-15 09:00', '📊 好书荐读周排行（6月8日—6月14日）'],
      ['zz', '06-15 09:00', '📊 好书荐读周排行（6月8日—6月14日）'],
      ['cs', '06-19 16:00', '⏰ 本周（6月15日—6月21日）「长沙市总工会」还没有上报好书荐读参与人数。'],
      ['zz', '06-19 16:00', '⏰ 本周（6月15日—6月21日）「株洲市总工会」还没有上报好书荐读参与人数。'],
      ['cs', '06-19 18:00', '📅 明天有活动：阅读沙龙「读懂中国」（2020年6月20日 14:00，市图书馆）。请做好准备，活动结束后发送：活动完成 ' + activity.id + ' 人数 <参与人数>'],
      ['cs', '06-20 10:00', '📣 2020年7月省总主题读书月活动开始接受承办申报，还剩 3/3 个名额。'],
      ['zz', '06-20 10:00', '📣 2020年7月省总主题读书月活动开始接受承办申报，还剩 3/3 个名额。'],
      ['cs', '06-20 16:00', `📝 阅读沙龙「读懂中国」（2020年6月20日 14:00，市图书馆）结束了吗？请发送：活动完成 ${activity.id} 人数 <参与人数>（第 1/3 次提醒）`],
      ['cs', '06-22 09:00', '📊 好书荐读周排行（6月15日—6月21日）'],
      ['zz', '06-22 09:00', '📊 好书荐读周排行（6月15日—6月21日）'],
      ['cs', '06-26 16:00', '⏰ 本周（6月22日—6月28日）「长沙市总工会」还没有上报好书荐读参与人数。'],
      ['zz', '06-26 16:00', '⏰ 本周（6月22日—6月28日）「株洲市总工会」还没有上报好书荐读参与人数。'],
      ['cs', '06-29 09:00', '📊 好书荐读周排行（6月22日—6月28日）'],
      ['zz', '06-29 09:00', '📊 好书荐读周排行（6月22日—6月28日）'],
    ]);
    // Each group sees its own unit marked in the ranking, with the change against the week before.
    const first = sent.filter((m) => m.at === '06-15 09:00');
    expect(first.find((m) => m.to === 'cs')!.text).toContain('👉1. 长沙市总工会 35 人（+35）');
    expect(first.find((m) => m.to === 'zz')!.text).toContain('👉2. 株洲市总工会 1 人（+1）');
    expect(first.find((m) => m.to === 'zz')!.text).not.toContain('👉1.');
    // Every window ran once; nothing is left in the outbox.
    const runs = await srv.app.database.prisma.jobRun.findMany();
    expect(new Set(runs.map((r) => `${r.job} ${r.window}`)).size).toBe(runs.length);
    expect(await srv.app.database.prisma.outbox.count({ where: { status: { not: 'SENT' } } })).toBe(0);
    srv.fake.now = () => Date.now();
    // 480 hourly ticks, three Mondays drawing their charts: longer than most on a loaded machine.
  }, 60_000);

  it('a second instance ticking the same windows adds nothing; a start after a down time catches up on the latest window only', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const a = createBackground(srv.app).scheduler;
    const b = createBackground(srv.app).scheduler;
    srv.clock.set('2020-07-06T09:00:00+08:00');
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    const ranked = [...ra, ...rb].filter((r) => r.job === 'weekly-ranking');
    expect(ranked.map((r) => r.window)).toEqual(['2020-07-06 09:00']);
    // Down from Monday 6 July 09:30 to Wednesday 15 July 12:00: the Monday 13 July ranking is
    // 2 days late and still sent; the Friday 10 July reminder (5 days late) is not.
    srv.clock.set('2020-07-15T12:00:00+08:00');
    const after = await a.tick();
    expect(after.map((r) => `${r.job} ${r.window}`).sort()).toEqual([
      'activity-reminders 2020-07-15 12:00',
      'deliverables 2020-07-15 10:00',
      'housekeeping 2020-07-15 03:30',
      'weekly-ranking 2020-07-13 09:00',
    ]);
    expect(await prisma.jobRun.count({ where: { job: 'report-reminder', window: '2020-07-10 16:00' } })).toBe(0);
  });
});
