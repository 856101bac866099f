import { count, defineCommand, mapIdAndCount, text } from '../src/bot/command.js';
import { assertMayChange, parseId } from '../src/bot/scope.js';
import { UserError } from '../src/domain/errors.js';

export default defineCommand({
  names: ['更新社群', 'update-group'],
  section: '读书社群',
  summary: '更新读书社群的参与人数',
  usage: '更新社群 <编号> 人数 <n>',
  examples: ['更新社群 3 人数 150', '更新社群 3 一百五十'],
  access: 'bound',
  fields: [
    { key: 'id', label: '编号', prompt: '要更新哪个社群？请回复社群编号（发送「社群列表」可查看）', schema: text('编号', 12) },
    { key: 'memberCount', label: '人数', names: ['参与人数'], prompt: '现在有多少人参与？例如：150', schema: count('参与人数') },
  ],
  mapArgs: mapIdAndCount('memberCount'),
  async run(ctx, v) {
    const id = parseId(v.id, '社群', '更新社群 3 人数 150');
    const g = await ctx.db.readingGroup.findFirst({ where: { id, campaignId: ctx.campaign.id } });
    if (!g) throw new UserError(`没有编号为 ${id} 的社群。发送「社群列表」查看编号。`);
    await assertMayChange(ctx, g.unitId, '社群');
    await ctx.db.readingGroup.update({ where: { id }, data: { memberCount: v.memberCount } });
    await ctx.audit('update', 'ReadingGroup', id, { memberCount: [g.memberCount, v.memberCount] });
    ctx.reply(`已更新社群 #${id}「${g.name}」：参与人数 ${g.memberCount} → ${v.memberCount}`);
  },
});
