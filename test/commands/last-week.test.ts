import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';
import { queuedTo, tick } from '../jobs/helpers.js';

/**
 * 上报 … 上周: on Monday morning a unit reports the week that just ended, until that week’s
 * ranking goes out; then only an admin corrects it, and the next ranking says so.
 */
describe.each(KINDS)('reporting last week on %s', (kind) => {
  const bot = useBot(kind, '2020-06-15T08:00:00+08:00');

  // First: the others move the clock past the weeks this one reports.
  it('上周 outside the campaign, or a unit the sender does not act for, is refused with what to send', async () => {
    const b = bot();
    await b.say('李四', '株洲群', '绑定 株洲');
    b.clock.set('2020-05-01T10:00:00+08:00'); // the campaign’s first day: last week was before it
    const before = await b.say('李四', '株洲群', '上报 荐读 5 上周');
    expect(before).toContain('上周（4月20日—4月26日）不在活动期内');
    expect(before).toContain('例如：上报 荐读 35');
    b.clock.set('2020-05-04T08:00:00+08:00'); // last week ended on 3 May and began before the campaign: it counts
    expect(await b.say('李四', '株洲群', '上报 荐读 5 上周')).toContain('已上报「株洲市总工会」上周（4月27日—5月3日）');
    b.clock.set('2020-06-16T10:00:00+08:00');
    const notMine = await b.say('李四', '株洲群', '上报 荐读 5 单位=长沙');
    expect(notMine).toContain('「长沙市总工会」不在其中');
    expect(notMine).toContain('例如：上报 荐读 35');
  });

  it('counts for the week that just ended until its ranking goes out; then an admin corrects it and the next ranking notes it', async () => {
    const b = bot();
    b.clock.set('2020-06-15T08:00:00+08:00'); // Monday, before the 09:00 ranking
    const prisma = b.app.database.prisma;
    await b.say('省总王处', '省总群', '绑定 省总');
    await b.say('王芳', '长沙群', '绑定 长沙');
    expect(await b.say('王芳', '长沙群', '上报 荐读 35 上周')).toContain('已上报「长沙市总工会」上周（6月8日—6月14日）好书荐读参与人数：35');
    expect(await b.say('王芳', '长沙群', '上报 荐读 36 上一周')).toContain('上周（6月8日—6月14日）好书荐读参与人数：35 → 36');
    expect(await b.say('王芳', '长沙群', '上报上星期荐读 37')).toContain('36 → 37');
    expect(await b.say('王芳', '长沙群', '上报 荐读 3')).toContain('已上报「长沙市总工会」本周（6月15日—6月21日）好书荐读参与人数：3');
    const weeks = async () => (await prisma.countReport.findMany({ where: { unit: { name: '长沙市总工会' } }, orderBy: { week: 'asc' } })).map((r) => [r.week, r.count, r.correctedAt !== null]);
    expect(await weeks()).toEqual([
      ['2020-06-08', 37, false],
      ['2020-06-15', 3, false],
    ]);

    await tick(b, '2020-06-15T09:00:00+08:00');
    expect((await queuedTo(b, 'ranking:2020-06-08:'))['长沙群']).toContain('👉1. 长沙市总工会 37 人');

    b.clock.set('2020-06-15T09:30:00+08:00');
    const closed = await b.say('王芳', '长沙群', '上报 荐读 40 上周');
    expect(closed).toContain('上周（6月8日—6月14日）的排行已于 2020年6月15日 09:00 发布，这一周的上报已截止');
    expect(closed).toContain('请联系管理员（省总王处）');
    expect(closed).toContain('例如：上报 荐读 35');
    expect(await weeks()).toEqual([
      ['2020-06-08', 37, false],
      ['2020-06-15', 3, false],
    ]);

    const corrected = await b.say('省总王处', '省总群', '上报 荐读 40 上周 单位=长沙');
    expect(corrected).toContain('已更新「长沙市总工会」上周（6月8日—6月14日）好书荐读参与人数：37 → 40（原由 王芳 上报 37）');
    expect(corrected).toContain('下次周排行会注明这次更正');
    expect(await weeks()).toEqual([
      ['2020-06-08', 40, true],
      ['2020-06-15', 3, false],
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entity: 'CountReport', action: 'correct' } });
    expect(JSON.parse(audit.detail)).toEqual({ metric: 'recommend', week: '2020-06-08', count: [37, 40] });

    await tick(b, '2020-06-22T09:00:00+08:00');
    const next = (await queuedTo(b, 'ranking:2020-06-15:'))['长沙群'];
    expect(next.split('\n').filter((line) => line.includes('更正'))).toEqual(['📝 已更正：长沙市总工会（6月8日—6月14日）改为 40 人']);
    // Noted once: the ranking after that one does not repeat it.
    await tick(b, '2020-06-29T09:00:00+08:00');
    expect((await queuedTo(b, 'ranking:2020-06-22:'))['长沙群']).not.toContain('更正');
  });

  it('someone else replacing a unit’s figure is told who reported what before', async () => {
    const b = bot();
    b.clock.set('2020-06-16T10:00:00+08:00');
    await b.say('李四', '株洲群', '绑定 株洲');
    await b.say('李四', '株洲群', '上报 荐读 50');
    // Far below someone else's figure: shown and confirmed first.
    expect(await b.say('钱七', '株洲群', '上报 荐读 1')).toContain('要从 50 人改为 1 人吗？原来的 50 人是 李四 上报的');
    expect(await b.say('钱七', '株洲群', '是')).toContain('已更新「株洲市总工会」本周（6月15日—6月21日）好书荐读参与人数：50 → 1（原由 李四 上报 50）');
    expect(await b.say('李四', '株洲群', '上报 荐读 52')).toContain('1 → 52（原由 钱七 上报 1）');
    expect(await b.say('李四', '株洲群', '上报 荐读 53')).toContain('52 → 53（同一周再次上报会覆盖上次的数）');
  });

});
