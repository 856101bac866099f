import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';
import { queuedTo, tick } from '../jobs/helpers.js';

/** The 市州 of the seed file, by short name, in its order. */
const CITIES = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西'];
const OTHERS = ['省直机关', '省直属工委', '教育', '卫生健康', '交通运输', '能源化学', '机械冶金建材', '农林水利', '财贸金融', '国防邮电', '建设', '科教文卫体'];

/**
 * 未上报: which reporting units (市州, 产业工会, 省直) have neither a 上报 nor any 荐书 this week —
 * for admins, and in one line of the weekly ranking.
 */
describe.each(KINDS)('未上报 on %s', (kind) => {
  const bot = useBot(kind);

  it('lists the units with neither 上报 nor 荐书 this week, for admins; the weekly ranking names them in one line', async () => {
    const b = bot();
    await b.say('刘', '长沙群', '绑定 长沙');
    await b.say('刘', '长沙群', '上报 荐读 35');
    await b.say('李四', '株洲群', '绑定 株洲');
    await b.say('李四', '株洲群', '荐书 《活着》 微博');
    // A 基层单位’s 荐书 is its 市州’s figure too.
    await b.say('孙', '衡钢群', '绑定 衡阳/衡钢工会');
    await b.say('孙', '衡钢群', '荐书 《红岩》 微博');
    await b.say('钱', '教育群', '绑定 教育');
    await b.say('钱', '教育群', '上报 荐读 8');
    await b.say('省总王处', '省总群', '绑定 省总');

    expect(await b.say('刘', '长沙群', '未上报')).toContain('「未上报」只有省总工会管理员可以使用。');
    const cities = CITIES.filter((c) => !['长沙', '株洲', '衡阳'].includes(c));
    const others = OTHERS.filter((c) => c !== '教育');
    const expected = [
      `本周（6月8日—6月14日）既没上报也没有荐书的单位 ${cities.length + others.length} 家：`,
      `【市州总工会】${cities.join('、')}`,
      `【产业工会及省直】${others.join('、')}`,
    ].join('\n');
    expect(await b.say('省总王处', '省总群', '未上报')).toBe(expected);
    for (const variant of ['谁没报', '没上报', '未报']) expect(await b.say('省总王处', '省总群', variant)).toBe(expected);

    await tick(b, '2020-06-15T09:00:00+08:00');
    const pushed = await queuedTo(b, 'ranking:2020-06-08:');
    const line = `未上报（${cities.length + others.length} 家）：${[...cities, ...others].join('、')}`;
    for (const group of ['长沙群', '株洲群', '衡钢群', '教育群', '省总群']) {
      expect(pushed[group].split('\n').filter((l) => l.startsWith('未上报'))).toEqual([line]);
    }
  });

  it('上周 lists the week that just ended; a week where everyone reported says so', async () => {
    const b = bot();
    b.clock.set('2020-06-15T08:00:00+08:00');
    const lastWeek = await b.say('省总王处', '省总群', '未上报 上周');
    expect(lastWeek.split('\n')[0]).toBe('上周（6月8日—6月14日）既没上报也没有荐书的单位 22 家：');
    const prisma = b.app.database.prisma;
    const all = await prisma.unit.findMany({ where: { kind: { in: ['CITY', 'INDUSTRY', 'ORGAN', 'DIRECT'] } } });
    await prisma.countReport.createMany({ data: all.map((unit) => ({ campaignId: b.app.campaign.id, unitId: unit.id, metric: 'recommend', week: '2020-06-15', count: 1 })) });
    expect(await b.say('省总王处', '省总群', '未上报')).toBe('本周（6月15日—6月21日）各单位都已上报或有荐书记录。');
    b.clock.set('2020-06-10T10:00:00+08:00');
  });
});
