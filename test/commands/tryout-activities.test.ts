import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

describe.each(KINDS)('registering activities on %s', (kind) => {
  const bot = useBot(kind);
  const count = () => bot().app.database.prisma.activity.count({ where: { theme: '读书会', deletedAt: null } });

  it('the same activity typed twice (14:00-16:00, then 下午2点到4点) is asked about before a second one is made', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    expect(await b.say('王芳', '长沙群', '登记活动 沙龙 读书会 图书馆 6月20日 14:00-16:00')).toContain('已登记阅读沙龙');
    const first = await b.app.database.prisma.activity.findFirstOrThrow({ where: { theme: '读书会' } });
    const asked = await b.say('王芳', '长沙群', '登记活动 沙龙 读书会 图书馆 6月20日下午2点到4点');
    expect(asked).toContain(`已有相同的活动 #${first.id}（阅读沙龙「读书会」2020年6月20日 14:00 图书馆），还要再登记一个吗？`);
    expect(await count()).toBe(1);
    expect(await b.say('王芳', '长沙群', '不用了')).not.toContain('已登记');
    expect(await count()).toBe(1);
    // A different place but the same theme is still the same event.
    expect(await b.say('王芳', '长沙群', '登记活动 沙龙 读书会 市图书馆三楼 6月20日下午2点')).toContain('已有相同的活动');
    expect(await b.say('王芳', '长沙群', '是')).toContain('已登记阅读沙龙');
    expect(await count()).toBe(2);
    // Another time is another activity: not asked.
    expect(await b.say('王芳', '长沙群', '登记活动 沙龙 读书会 图书馆 6月27日下午2点')).toContain('已登记阅读沙龙');
  });

  it('a head count given when registering is echoed as 预计人数', async () => {
    const b = bot();
    const reply = await b.say('王芳', '长沙群', '登记活动 快闪 诵读 橘子洲 6月21日下午2点 人数 80');
    expect(reply).toContain('预计人数：80');
    expect(await b.say('王芳', '长沙群', '登记活动 快闪 朗读 橘子洲 6月22日下午2点')).not.toContain('预计人数');
  });
});
