import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

/** Figures someone else wrote, replaced by one far below them, are asked about like a large rise. */
describe.each(KINDS)('large drops of someone else\'s figure on %s', (kind) => {
  const bot = useBot(kind);

  it('上报: 99 by 李强 replaced by 路人甲 with 1 is confirmed first; 李强 lowering his own is not', async () => {
    const b = bot();
    await b.say('李强', '长沙群', '绑定 长沙');
    expect(await b.say('李强', '长沙群', '上报 荐读 99')).toContain('99');
    const asked = await b.say('路人甲', '长沙群', '上报 荐读 1');
    expect(asked).toContain('本周好书荐读参与人数要从 99 人改为 1 人吗？原来的 99 人是 李强 上报的');
    expect(asked).toContain('回复「是」确认');
    const row = () => b.app.database.prisma.countReport.findFirstOrThrow({ where: { unit: { name: '长沙市总工会' } } });
    expect((await row()).count).toBe(99);
    expect(await b.say('路人甲', '长沙群', '是')).toContain('99 → 1');
    expect((await row()).count).toBe(1);
    // Back to 李强's own figure, then his own correction downwards is not asked about.
    expect(await b.say('李强', '长沙群', '上报 荐读 99')).toContain('1 → 99');
    expect(await b.say('李强', '长沙群', '上报 荐读 30')).toContain('99 → 30');
    expect((await row()).count).toBe(30);
    // A small drop of someone else's figure is not asked about.
    expect(await b.say('路人甲', '长沙群', '上报 荐读 20')).toContain('30 → 20');
  });

  it('修改社群 / 更新社群: 120 registered by 王芳 changed to 5 by someone else is confirmed first', async () => {
    const b = bot();
    await b.say('王芳', '株洲群', '绑定 株洲');
    await b.say('王芳', '株洲群', '登记社群 名称=书香株洲 成立=2020-06-01 人数=120 特色=每周线上共读 电话=13800000000');
    const g = await b.app.database.prisma.readingGroup.findFirstOrThrow({ where: { name: '书香株洲' } });
    const count = async () => (await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } })).memberCount;
    expect(await b.say('路人乙', '株洲群', `修改社群 ${g.id} 人数 5`)).toContain('参与人数要从 120 改为 5 吗？原来的 120 是 王芳 填的');
    expect(await count()).toBe(120);
    expect(await b.say('路人乙', '株洲群', '算了')).not.toContain('120 → 5');
    expect(await count()).toBe(120);
    expect(await b.say('路人乙', '株洲群', `更新社群 ${g.id} 人数 5`)).toContain('要从 120 改为 5 吗');
    expect(await b.say('路人乙', '株洲群', '是')).toContain('120 → 5');
    expect(await count()).toBe(5);
  });
});
