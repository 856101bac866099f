import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';

/**
 * What union contacts actually type, through the real dispatcher and database: figures recorded
 * exactly as written or asked about, follow-up questions that never trap, and a one-word
 * confirmation before anything recorded from a guess.
 */
describe.each(KINDS)('the language layer on %s', (kind) => {
  const bot = useBot(kind);
  const weekly = async (unit: string) => {
    const b = bot();
    const report = await b.app.database.prisma.countReport.findFirst({ where: { unit: { name: unit } } });
    return report?.count;
  };

  it('records a figure exactly as written: thousands, punctuation, mentions, 人次', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '@读书助手 绑定 长沙');
    expect(await b.say('王芳', '长沙群', '上报 荐读 1,234')).toContain('参与人数：1234');
    expect(await weekly('长沙市总工会')).toBe(1234);
    expect(await b.say('王芳', '长沙群', '上报 荐读 38。')).toContain('1234 → 38');
    expect(await b.say('王芳', '长沙群', '@读书助手 上报 荐读 44！ @张三')).toContain('38 → 44');
    expect(await b.say('王芳', '长沙群', '麻烦帮我上报一下本周荐读人数：42人')).toContain('44 → 42');
    expect(await b.say('王芳', '长沙群', '本周荐读四十二人次')).toContain('已经是 42，没有变化');
    expect(await b.say('王芳', '长沙群', '上報 荐读 35人，其中劳模3人')).toContain('42 → 35');
    expect(await weekly('长沙市总工会')).toBe(35);
  });

  it('asks instead of guessing a figure: about, two figures, negative — and records nothing meanwhile', async () => {
    const b = bot();
    await b.say('李四', '株洲群', '绑定 株洲');
    const about = await b.say('李四', '株洲群', '上报 荐读 约50人');
    expect(about).toContain('「约50人」是个估计数');
    expect(await weekly('株洲市总工会')).toBeUndefined();
    expect(await b.say('李四', '株洲群', '50')).toContain('参与人数：50');
    const two = await b.say('李四', '株洲群', '上报 荐读 35 36');
    expect(two).toContain('您写了 35 和 36');
    expect(await b.say('李四', '株洲群', '36')).toContain('50 → 36');
    expect(await b.say('李四', '株洲群', '上报 荐读 -5')).toContain('不能是负数');
    await b.say('李四', '株洲群', '取消');
    expect(await weekly('株洲市总工会')).toBe(36);
  });

  it('a clear command escapes an open question and says so; 你好 does not answer it; 取消 always answers', async () => {
    const b = bot();
    await b.say('赵六', '湘潭群', '绑定 湘潭');
    await b.say('赵六', '湘潭群', '上报 荐读 38元');
    const ranking = await b.say('赵六', '湘潭群', '排行榜');
    expect(ranking).toContain('「上报」的问题已放下');
    expect(ranking).toContain('排行');
    expect(await b.say('赵六', '湘潭群', '取消')).toContain('没有需要取消');
    await b.say('赵六', '湘潭群', '荐书');
    const hello = await b.say('赵六', '湘潭群', '你好');
    expect(hello).toContain('我还在等您回答');
    expect(hello).toContain('推荐的是哪本书');
    expect(await b.app.database.prisma.recommendation.count({ where: { bookTitle: '你好' } })).toBe(0);
    const glued = await b.say('赵六', '湘潭群', '荐书《活着》微博');
    expect(glued).toContain('「荐书」的问题已放下');
    expect(glued).toContain('推荐《活着》');
  });

  it('a time given in answer completes the date typed before; 撤销 during a question cancels it', async () => {
    const b = bot();
    await b.say('孙九', '张家界读书群', '绑定 张家界');
    expect(await b.say('孙九', '张家界读书群', '登记活动 沙龙 读书分享会 图书馆 6月15日')).toContain('还缺具体钟点');
    const done = await b.say('孙九', '张家界读书群', '下午两点');
    expect(done).toContain('时间：2020年6月15日 14:00');
    // A day named in the answer stands on its own.
    await b.say('孙九', '张家界读书群', '登记活动 沙龙 第二场分享会 图书馆 6月15日');
    expect(await b.say('孙九', '张家界读书群', '6月16日晚上7点')).toContain('时间：2020年6月16日 19:00');
    // A time given where the place was asked is not stored as the place.
    await b.say('孙九', '张家界读书群', '登记活动 快闪 地铁读书');
    expect(await b.say('孙九', '张家界读书群', '明天下午3点')).toContain('这看起来是时间，不是活动地点');
    await b.say('孙九', '张家界读书群', '取消');
    // 撤销 while a question is open ends the question, and undoes nothing.
    await b.say('孙九', '张家界读书群', '登记活动 快闪 地铁读书');
    expect(await b.say('孙九', '张家界读书群', '撤销')).toBe('好的，已取消「登记活动」。');
    expect(await b.app.database.prisma.activity.count({ where: { theme: '第二场分享会', deletedAt: null } })).toBe(1);
  });

  it('an answer that does not fit is asked again once, then the question is dropped with an example', async () => {
    const b = bot();
    await b.say('钱七', '衡阳群', '绑定 衡阳');
    await b.say('钱七', '衡阳群', '上报 荐读');
    expect(await b.say('钱七', '衡阳群', '很多')).toContain('本周有多少人参与');
    const given = await b.say('钱七', '衡阳群', '不知道');
    expect(given).toContain('这次先不记录了');
    expect(given).toContain('上报 荐读 35');
    expect(await b.say('钱七', '衡阳群', '取消')).toContain('没有需要取消');
  });

  it('a typo of a command or a unit is confirmed with one word before anything is recorded', async () => {
    const b = bot();
    const sounds = await b.say('孙八', '常德群', '绑定 常得');
    expect(sounds).toContain('您是说「常德市总工会」吗？');
    expect(await b.app.database.prisma.member.findFirst({ where: { displayName: '孙八', unitId: { not: null } } })).toBeNull();
    expect(await b.say('孙八', '常德群', '是')).toContain('绑定成功');
    const typo = await b.say('孙八', '常德群', '上抱 荐读 36');
    expect(typo).toContain('您是想发送「上报 荐读 36」吗？');
    expect(await weekly('常德市总工会')).toBeUndefined();
    expect(await b.say('孙八', '常德群', '是')).toContain('参与人数：36');
    await b.say('孙八', '常德群', '上抱 荐读 40');
    expect(await b.say('孙八', '常德群', '不是')).toContain('没有执行「上报」');
    expect(await weekly('常德市总工会')).toBe(36);
  });

  it('a figure far above the unit’s usual one is confirmed; anything but yes cancels', async () => {
    const b = bot();
    await b.say('周九', '岳阳群', '绑定 岳阳');
    b.clock.set('2020-06-03T10:00:00+08:00');
    await b.say('周九', '岳阳群', '上报 荐读 300');
    b.clock.set('2020-06-10T10:00:00+08:00');
    expect(await b.say('周九', '岳阳群', '上报 荐读 3000')).toContain('以往最多的一周（300 人）');
    expect(await b.say('周九', '岳阳群', '好的')).toContain('参与人数：3000');
    expect(await b.say('周九', '岳阳群', '上报 荐读 30000')).toContain('请再核对');
    expect(await b.say('周九', '岳阳群', '30000')).toContain('没有执行「上报」');
    b.clock.set('2020-06-10T10:00:00+08:00');
  });

  it('several books in one message are all recorded; commas stay as typed', async () => {
    const b = bot();
    await b.say('吴十', '郴州群', '绑定 郴州');
    const reply = await b.say('吴十', '郴州群', '荐书 《平凡的世界》、《活着》 微博');
    expect(reply).toContain('推荐《平凡的世界》');
    expect(reply).toContain('推荐《活着》');
    expect(await b.app.database.prisma.recommendation.count({ where: { personName: '吴十' } })).toBe(2);
    await b.say('吴十', '郴州群', '登记社群 书香郴州 2020-06-01 35人 每周共读一本书，月末线下分享');
    const group = await b.app.database.prisma.readingGroup.findFirstOrThrow({ where: { name: '书香郴州' } });
    expect(group.features).toBe('每周共读一本书，月末线下分享');
    expect(group.memberCount).toBe(35);
  });

  it('a date without a year is the one inside the campaign: an activity registered the day after', async () => {
    const b = bot();
    await b.say('郑一', '益阳群', '绑定 益阳');
    const reply = await b.say('郑一', '益阳群', '登记活动 沙龙 读书会 图书馆 6月9日下午3点');
    expect(reply).toContain('2020年6月9日 15:00');
    const glued = await b.say('郑一', '益阳群', '活动登记 快闪 红色经典诵读 五一广场 下周六14:00');
    expect(glued).toContain('2020年6月20日 14:00');
  });
});
