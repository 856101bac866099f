import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

/** 撤销's 30 minutes are counted on the app's clock (the test clock here), not the database's. */
describe.each(KINDS)('撤销 within 30 minutes by the app clock on %s', (kind) => {
  const bot = useBot(kind, '2020-06-10T10:00:00+08:00');

  it('a registration at 10:00 is offered for undoing at 10:20, not at 10:45, 13:00 or the next day', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    await b.say('王芳', '长沙群', '登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周线上共读 电话=13800000000');
    const row = await b.app.database.prisma.auditLog.findFirstOrThrow({ where: { entity: 'ReadingGroup', action: 'create' } });
    expect(row.createdAt.toISOString()).toBe('2020-06-10T02:00:00.000Z');
    b.clock.set('2020-06-10T10:20:00+08:00');
    expect(await b.say('王芳', '长沙群', '撤销')).toContain('要撤销您20 分钟前的这一步吗？');
    await b.say('王芳', '长沙群', '算了');
    for (const at of ['2020-06-10T10:45:00+08:00', '2020-06-10T13:00:00+08:00', '2020-06-11T10:00:00+08:00']) {
      b.clock.set(at);
      expect(await b.say('王芳', '长沙群', '撤销')).toContain('没有');
    }
    expect(await b.app.database.prisma.readingGroup.count({ where: { name: '书香长沙', deletedAt: null } })).toBe(1);
  });
});
