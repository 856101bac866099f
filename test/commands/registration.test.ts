import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';
import { formatDate } from '../../src/time.js';

describe.each(KINDS)('社群 and 活动 registration on %s', (kind) => {
  const bot = useBot(kind);

  it('登记社群 with 字段=值 stores 附件2 columns', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const r = await b.say('张三', '长沙群', '登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周线上共读一本书，月末线下分享 电话=138-0000-0000');
    expect(r).toMatch(/已登记社群 #\d+「书香长沙」/);
    const g = await b.app.database.prisma.readingGroup.findFirstOrThrow({ where: { name: '书香长沙' }, include: { unit: true } });
    expect(g.unit.name).toBe('长沙市总工会');
    expect(formatDate(g.foundedOn)).toBe('2020年6月1日');
    expect(g.memberCount).toBe(120);
    expect(g.features).toBe('每周线上共读一本书，月末线下分享');
    expect(g.contactName).toBe('张三');
    expect(g.contactPhone).toBe('13800000000');
    expect(await b.app.database.prisma.auditLog.count({ where: { entity: 'ReadingGroup', entityId: String(g.id) } })).toBe(1);
  });

  it('asks for missing fields one at a time, re-asks on a bad answer, and finishes', async () => {
    const b = bot();
    await b.say('李四', '株洲群', '绑定 株洲');
    expect(await b.say('李四', '株洲群', '登记社群 书香株洲')).toContain('社群是哪天成立的');
    expect(await b.say('李四', '株洲群', '6月1日')).toContain('多少人参与');
    const bad = await b.say('李四', '株洲群', '很多');
    expect(bad).toContain('参与人数「很多」里没有看到人数');
    expect(bad).toContain('多少人参与');
    expect(await b.say('李四', '株洲群', '三十五人')).toContain('组织方式和特色');
    const done = await b.say('李四', '株洲群', '每周共读 月末线下分享');
    expect(done).toContain('已登记社群');
    const g = await b.app.database.prisma.readingGroup.findFirstOrThrow({ where: { name: '书香株洲' } });
    expect(g.memberCount).toBe(35);
    expect(formatDate(g.foundedOn)).toBe('2020年6月1日'); // a founding date without a year is in the past
    expect(g.features).toBe('每周共读 月末线下分享');
  });

  it('取消 ends a follow-up; an unanswered question expires after 10 minutes', async () => {
    const b = bot();
    await b.say('王五', '湘潭群', '绑定 湘潭');
    await b.say('王五', '湘潭群', '登记社群');
    expect(await b.say('王五', '湘潭群', '取消')).toBe('好的，已取消「登记社群」。');
    expect(await b.say('王五', '湘潭群', '书香湘潭')).toContain('没有「书香湘潭」这个命令');
    await b.say('王五', '湘潭群', '登记社群');
    b.clock.set(new Date(b.clock.now.getTime() + 11 * 60_000).toISOString());
    expect(await b.say('王五', '湘潭群', '书香湘潭')).toContain('已超过 10 分钟没有回复');
    expect(await b.app.database.prisma.readingGroup.count({ where: { name: '书香湘潭' } })).toBe(0);
    b.clock.set('2020-06-10T10:00:00+08:00');
  });

  it('a new command during a follow-up replaces it; other people in the chat are not captured', async () => {
    const b = bot();
    await b.say('周一', '衡阳群', '绑定 衡阳');
    await b.say('周一', '衡阳群', '登记社群');
    expect(await b.say('周二', '衡阳群', '帮助')).toContain('活动助手');
    expect(await b.say('周一', '衡阳群', '我的')).toContain('我的单位：衡阳市总工会');
    expect(await b.say('周一', '衡阳群', '书香衡阳')).toContain('没有「书香衡阳」这个命令');
  });

  it('an answer that begins like a command is still an answer', async () => {
    const b = bot();
    await b.say('吴一', '岳阳群', '绑定 岳阳');
    await b.say('吴一', '岳阳群', '登记社群');
    expect(await b.say('吴一', '岳阳群', '我的读书群')).toContain('哪天成立');
    await b.say('吴一', '岳阳群', '取消');
    await b.say('吴一', '岳阳群', '登记社群');
    expect(await b.say('吴一', '岳阳群', '我的')).toContain('我的单位：岳阳市总工会');
  });

  it('duplicate community names are refused; 更新社群 changes the count for own unit only', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const dup = await b.say('张三', '长沙群', '登记社群 名称=书香长沙 成立=2020-06-01 人数=1 特色=x');
    expect(dup).toContain('已经登记过社群「书香长沙」');
    const g = await b.app.database.prisma.readingGroup.findFirstOrThrow({ where: { name: '书香长沙' } });
    expect(await b.say('张三', '长沙群', `更新社群 ${g.id} 人数 150`)).toContain('参与人数 120 → 150');
    expect(await b.say('李四', '株洲群', `更新社群 ${g.id} 人数 1`)).toContain('不属于您代表的单位');
    expect(await b.say('张三', '长沙群', '更新社群 9999 人数 1')).toContain('没有编号为 9999 的社群');
    expect((await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } })).memberCount).toBe(150);
    const list = await b.say('张三', '长沙群', '社群列表');
    expect(list).toContain('书香长沙');
    expect(list).not.toContain('书香株洲');
  });

  it('登记活动 parses Chinese times in Asia/Shanghai; 活动完成 records it held', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const r = await b.say('张三', '长沙群', '登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆三楼 时间=6月20日下午2点 人数=50');
    expect(r).toContain('已登记阅读沙龙');
    expect(r).toContain('2020年6月20日 14:00');
    const a = await b.app.database.prisma.activity.findFirstOrThrow({ where: { theme: '读懂中国' } });
    expect(a.startsAt.toISOString()).toBe('2020-06-20T06:00:00.000Z');
    expect(a.kind).toBe('SALON');
    expect(await b.say('张三', '长沙群', `活动完成 ${a.id} 人数 48`)).toContain('还没开始');
    b.clock.set('2020-06-20T18:00:00+08:00');
    expect(await b.say('张三', '长沙群', `活动完成 ${a.id} 四十八人`)).toContain('参与 48 人');
    const held = await b.app.database.prisma.activity.findUniqueOrThrow({ where: { id: a.id } });
    expect(held.status).toBe('HELD');
    expect(held.participantCount).toBe(48);
    expect(await b.say('张三', '长沙群', '活动列表')).toContain('已完成，48 人参与');
    b.clock.set('2020-06-10T10:00:00+08:00');
  });

  it('登记活动 positional form, and a time without an hour is asked again', async () => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const ask = await b.say('张三', '长沙群', '登记活动 快闪 红色经典诵读 五一广场 6月13日');
    expect(ask).toContain('活动时间还缺具体钟点');
    const done = await b.say('张三', '长沙群', '下周六 14:00');
    expect(done).toContain('已登记读书快闪');
    expect(done).toContain('2020年6月20日 14:00');
    expect(await b.say('张三', '长沙群', '登记活动 类型=茶话会')).toContain('活动类型「茶话会」不在可选范围内');
    await b.say('张三', '长沙群', '取消');
  });

  it('ids and counts as people write them, and the replies word for word', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const g = await prisma.readingGroup.findFirstOrThrow({ where: { name: '书香长沙' } });
    expect(await b.say('张三', '长沙群', `更新社群 ${g.id} 一百六十`)).toBe(`已更新社群 #${g.id}「书香长沙」：参与人数 150 → 160`);
    expect(await b.say('张三', '长沙群', `更新社群 #${g.id} 参与人数=170`)).toBe(`已更新社群 #${g.id}「书香长沙」：参与人数 160 → 170`);
    expect(await b.say('张三', '长沙群', `更新社群 编号${g.id}`)).toContain('现在有多少人参与？例如：150');
    expect(await b.say('张三', '长沙群', '一百八十')).toBe(`已更新社群 #${g.id}「书香长沙」：参与人数 170 → 180`);
    expect(await b.say('张三', '长沙群', '更新社群 三号 人数 5')).toContain('请写上社群编号（数字），例如：更新社群 3 人数 150');
    await b.say('张三', '长沙群', '取消');
    expect(await b.say('张三', '长沙群', '社群列表')).toBe(`读书社群 1 个，共 180 人：\n#${g.id} 书香长沙（长沙市总工会）180 人，2020年6月1日 成立，联系人 张三`);
    const registered = await b.say('张三', '长沙群', '登记社群 名称=书香星城 成立=2020-06-02 人数=30 特色=晨读打卡 联系人姓名=赵老师 电话=13800000001');
    const star = await prisma.readingGroup.findFirstOrThrow({ where: { name: '书香星城' } });
    expect(registered).toBe(
      [
        `已登记社群 #${star.id}「书香星城」`,
        '组织单位：长沙市总工会',
        '成立时间：2020年6月2日',
        '参与人数：30',
        '组织方式和特色：晨读打卡',
        '联系人：赵老师 13800000001',
        `人数有变化时发送：更新社群 ${star.id} 人数 <n>`,
      ].join('\n'),
    );
    expect(await b.say('张三', '长沙群', '登记社群 名称=明日书社 成立=2020-07-01 人数=3 特色=x')).toContain('成立时间 2020年7月1日 还没到（今天是 2020年6月10日），请发今天或以前的日期');

    const salon = await prisma.activity.findFirstOrThrow({ where: { theme: '读懂中国' } });
    b.clock.set('2020-06-21T10:00:00+08:00');
    expect(await b.say('张三', '长沙群', `活动完成 ${salon.id} 人数=50`)).toBe(`已记录阅读沙龙 #${salon.id}「读懂中国」完成，参与 50 人（原为 48 人，已更正）。辛苦了！`);
    const event = await b.say('张三', '长沙群', '登记活动 读书月 职工读书月 工人文化宫 7月1日上午9点 联系人=钱老师');
    const month = await prisma.activity.findFirstOrThrow({ where: { theme: '职工读书月' } });
    expect(event).toBe(
      [
        `已登记主题读书月 #${month.id}「职工读书月」`,
        '组织单位：长沙市总工会',
        '时间：2020年7月1日 09:00',
        '地点：工人文化宫',
        '联系人：钱老师',
        `活动结束后请发送：活动完成 ${month.id} 人数 <实际参与人数>`,
      ].join('\n'),
    );
    expect(await b.say('张三', '长沙群', '登记活动 沙龙 跨年共读 图书馆 2021年1月5日下午2点')).toBe(
      '活动时间 2021年1月5日 14:00 不在活动期内（2020年5月1日 至 2020年12月31日）。',
    );
    const flash = await prisma.activity.findFirstOrThrow({ where: { theme: '红色经典诵读' } });
    const list = (await b.say('张三', '长沙群', '活动列表')).split('\n');
    expect(list[0]).toBe('活动 3 场：');
    expect(list[1]).toBe(`#${month.id} 主题读书月「职工读书月」2020年7月1日 09:00 工人文化宫（长沙市总工会）— 计划中`);
    expect(list.slice(2).sort()).toEqual(
      [
        `#${flash.id} 读书快闪「红色经典诵读」2020年6月20日 14:00 五一广场（长沙市总工会）— 待上报人数`,
        `#${salon.id} 阅读沙龙「读懂中国」2020年6月20日 14:00 市图书馆三楼（长沙市总工会）— 已完成，50 人参与`,
      ].sort(),
    );
    b.clock.set('2020-06-10T10:00:00+08:00');
  });
});
