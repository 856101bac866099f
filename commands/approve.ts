import { defineCommand, text } from '../src/bot/command.js';
import { parseId } from '../src/bot/scope.js';
import { approve } from '../src/domain/hosting.js';
import { announceDecision } from '../src/bot/host-notices.js';

export default defineCommand({
  names: ['批准', 'approve'],
  section: '管理',
  summary: '批准一个承办申报（管理员）',
  usage: '批准 <编号>',
  examples: ['批准 4', 'approve 4'],
  access: 'admin',
  fields: [{ key: 'id', label: '编号', prompt: '要批准哪个申报？请回复编号（发送「审批列表」可查看）', schema: text('编号', 12) }],
  async run(ctx, v) {
    const id = parseId(v.id, '申报', '批准 4');
    const { request, waitlisted, slots } = await approve(ctx.db, id, ctx.member.id, ctx.now);
    const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: request.unitId } });
    await ctx.audit('approve', 'HostRequest', id, { waitlisted: waitlisted.map((w) => w.id) });
    const units = new Map((await ctx.db.unit.findMany({ where: { id: { in: waitlisted.map((w) => w.unitId) } } })).map((u) => [u.id, u]));
    ctx.afterCommit(({ db, senders }) =>
      announceDecision({ db, senders, now: ctx.now }, { ...request, unit }, ctx.member.displayName, waitlisted.map((w) => ({ ...w, unit: units.get(w.unitId)! }))),
    );
    const more = waitlisted.length ? `\n${request.month} 名额已满，${waitlisted.map((w) => `#${w.id}`).join('、')} 转为候补。` : '';
    ctx.reply(`已批准 #${id}：${unit.name} 承办 ${request.month}「${request.theme}」。${request.month} 剩余名额 ${slots.left}/${slots.capacity}。${more}`);
  },
});
