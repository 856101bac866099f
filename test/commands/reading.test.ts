import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';

describe.each(KINDS)('荐书 / 上报 / 排行 on %s', (kind) => {
  const bot = useBot(kind);

  it('荐书 records one recommendation per person and book, counted for the unit', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const r = await b.say('张三', '长沙群', '荐书 《平凡的世界》 微博 https://weibo.com/123/abc');
    expect(r).toContain('已记录：张三 在微博推荐《平凡的世界》，计入「长沙市总工会」');
    expect(await b.say('张三', '长沙群', '荐书 《平凡的世界》 微博')).toContain('不重复计数');
    await b.say('张三', '长沙群', '荐书 《红星照耀中国》 喜马拉雅 荐书人=李梅');
    const recs = await b.app.database.prisma.recommendation.findMany({ orderBy: { id: 'asc' } });
    expect(recs.map((x) => [x.personName, x.bookTitle, x.platform, x.week])).toEqual([
      ['张三', '平凡的世界', 'WEIBO', '2020-06-08'],
      ['李梅', '红星照耀中国', 'XIMALAYA', '2020-06-08'],
    ]);
    expect(await b.say('张三', '长沙群', '荐书 《书》 抖音')).toContain('不在可选范围内');
    await b.say('张三', '长沙群', '取消');
    expect(await b.say('张三', '长沙群', '荐书 《书》 微博 weibo.com/x')).toContain('链接需要是 http:// 或 https:// 开头');
    await b.say('张三', '长沙群', '取消');
  });

  it('上报 replaces the same week and says so; a new week is a new report', async () => {
    const b = bot();
    await b.say('李四', '株洲群', '绑定 株洲');
    expect(await b.say('李四', '株洲群', '上报 荐读 35')).toContain('好书荐读参与人数：35');
    expect(await b.say('李四', '株洲群', '上报荐读 三十六')).toContain('35 → 36（同一周再次上报会覆盖');
    b.clock.set('2020-06-15T09:00:00+08:00'); // Monday of the next week
    expect(await b.say('李四', '株洲群', 'report 40')).toContain('已上报「株洲市总工会」本周（6月15日—6月21日）');
    const rows = await b.app.database.prisma.countReport.findMany({ orderBy: { week: 'asc' } });
    expect(rows.map((r) => [r.week, r.count])).toEqual([
      ['2020-06-08', 36],
      ['2020-06-15', 40],
    ]);
    expect(await b.say('李四', '株洲群', '上报 荐读 abc')).toContain('人数「abc」里没有看到人数');
    await b.say('李四', '株洲群', '取消');
    b.clock.set('2020-06-10T10:00:00+08:00');
  });

  it('week boundaries are Monday 00:00 in Asia/Shanghai whatever the server TZ', async () => {
    const b = bot();
    await b.say('王五', '湘潭群', '绑定 湘潭');
    b.clock.set('2020-06-14T23:59:00+08:00'); // Sunday night in Shanghai (Sunday afternoon UTC)
    await b.say('王五', '湘潭群', '上报 荐读 1');
    b.clock.set('2020-06-15T00:01:00+08:00'); // Monday in Shanghai, still Sunday in UTC
    await b.say('王五', '湘潭群', '上报 荐读 2');
    const weeks = await b.app.database.prisma.countReport.findMany({ where: { unit: { name: '湘潭市总工会' } }, orderBy: { week: 'asc' } });
    expect(weeks.map((w) => w.week)).toEqual(['2020-06-08', '2020-06-15']);
    b.clock.set('2020-06-10T10:00:00+08:00');
  });

  it('排行 ranks 市州 and 产业工会 by participants, rolls up 基层单位, ties share a rank, marks the sender', async () => {
    const b = bot();
    await b.say('赵', '银行群', '绑定 长沙/长沙银行工会');
    await b.say('赵', '银行群', '上报 荐读 10'); // 基层 → 长沙
    await b.say('钱', '教育群', '绑定 教育');
    await b.say('钱', '教育群', '上报 荐读 36');
    await b.say('孙', '衡阳群', '绑定 衡阳');
    await b.say('孙', '衡阳群', '上报 荐读 36');
    const r = await b.say('钱', '教育群', '排行');
    // 长沙: 张三 + 李梅 (2 recommenders) + 10 from its 基层单位 = 12; 株洲 36 (this week); 衡阳 36.
    expect(r).toContain('1. 株洲市总工会 36 人');
    expect(r).toContain('1. 衡阳市总工会 36 人');
    expect(r).toContain('3. 长沙市总工会 12 人');
    expect(r).toContain('👉1. 湖南省教育工会 36 人');
    const total = r.slice(r.indexOf('【市州总工会·累计】'));
    expect(total).toContain('1. 株洲市总工会 76 人');
  });

  it('排行 shows a unit with nobody yet after the top places, marked, word for word', async () => {
    const b = bot();
    await b.say('吴', '邵阳群', '绑定 邵阳');
    expect(await b.say('吴', '邵阳群', '排行')).toBe(
      [
        '好书荐读参与人数排行',
        '【市州总工会·本周 6月8日—6月14日】',
        '1. 株洲市总工会 36 人',
        '1. 衡阳市总工会 36 人',
        '3. 长沙市总工会 12 人',
        '4. 湘潭市总工会 1 人',
        '…',
        '👉5. 邵阳市总工会 0 人',
        '【市州总工会·累计】',
        '1. 株洲市总工会 76 人',
        '2. 衡阳市总工会 36 人',
        '3. 长沙市总工会 12 人',
        '4. 湘潭市总工会 3 人',
        '…',
        '👉5. 邵阳市总工会 0 人',
        '【产业工会及省直·本周 6月8日—6月14日】',
        '1. 湖南省教育工会 36 人',
        '【产业工会及省直·累计】',
        '1. 湖南省教育工会 36 人',
        '计数：单位某周上报了就按上报数（已含其荐书和基层单位），没上报按荐书职工人数加基层单位的数；每人只计一次。',
      ].join('\n'),
    );
  });

  it('荐书 with 发布平台= takes the platform from the named pair and does not ask for it', async () => {
    const b = bot();
    await b.say('周七', '岳阳群', '绑定 岳阳');
    const r = await b.say('周七', '岳阳群', '荐书 《平凡的世界》 发布平台=微博');
    expect(r).toContain('已记录：周七 在微博推荐《平凡的世界》，计入「岳阳市总工会」');
    expect(r).not.toContain('发布在哪个平台');
    const rec = await b.app.database.prisma.recommendation.findFirstOrThrow({ where: { personName: '周七' } });
    expect([rec.bookTitle, rec.platform]).toEqual(['平凡的世界', 'WEIBO']);
  });

  it('replacing this week’s figure with one far above it is confirmed first', async () => {
    const b = bot();
    await b.say('宋', '常德荐读群', '绑定 常德');
    await b.say('宋', '常德荐读群', '上报 荐读 35');
    const asked = await b.say('宋', '常德荐读群', '上报 荐读 1，234');
    expect(asked).toContain('本周好书荐读参与人数记为 1234 人？这比本单位以往最多的一周（35 人）多很多');
    const unit = await b.app.database.prisma.unit.findUniqueOrThrow({ where: { name: '常德市总工会' } });
    const count = () => b.app.database.prisma.countReport.findFirstOrThrow({ where: { unitId: unit.id } }).then((r) => r.count);
    expect(await count()).toBe(35);
    await b.say('宋', '常德荐读群', '是');
    expect(await count()).toBe(1234);
  });

  it('a 荐书 after the unit reported this week says the report counts instead', async () => {
    const b = bot();
    await b.say('邓', '郴州荐读群', '绑定 郴州');
    expect(await b.say('邓', '郴州荐读群', '荐书 《活着》 微博')).not.toContain('不再另计');
    await b.say('邓', '郴州荐读群', '上报 荐读 38');
    expect(await b.say('邓', '郴州荐读群', '荐书 《围城》 微博')).toContain('「郴州市总工会」本周已上报 38 人，排行按上报数计，这条荐书不再另计');
  });
});
