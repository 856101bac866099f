import { defineCommand } from '../src/bot/command.js';
import { listScope } from '../src/bot/scope.js';
import { formatDate } from '../src/time.js';

export default defineCommand({
  names: ['社群列表', 'groups'],
  section: '读书社群',
  summary: '查看本单位（含下属基层单位）登记的读书社群',
  usage: '社群列表',
  examples: ['社群列表', 'groups'],
  access: 'bound',
  async run(ctx) {
    const where = await listScope(ctx);
    const [groups, total] = await Promise.all([
      ctx.db.readingGroup.findMany({ where, include: { unit: true }, orderBy: { id: 'asc' }, take: 30 }),
      ctx.db.readingGroup.count({ where }),
    ]);
    if (!groups.length) {
      ctx.reply('还没有登记社群。发送「登记社群」开始，例如：登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周共读');
      return;
    }
    const sum = await ctx.db.readingGroup.aggregate({ where, _sum: { memberCount: true } });
    const lines = groups.map((g) => `#${g.id} ${g.name}（${g.unit.name}）${g.memberCount} 人，${formatDate(g.foundedOn)} 成立，联系人 ${g.contactName}`);
    ctx.reply(
      [`读书社群 ${total} 个，共 ${sum._sum.memberCount ?? 0} 人：`, ...lines, total > groups.length ? `……只显示前 ${groups.length} 个` : '']
        .filter(Boolean)
        .join('\n'),
    );
  },
});
