import { defineCommand, text } from '../src/bot/command.js';
import { parseId } from '../src/bot/scope.js';
import { reject } from '../src/domain/hosting.js';
import { announceDecision } from '../src/bot/host-notices.js';

export default defineCommand({
  names: ['驳回', 'reject'],
  section: '管理',
  summary: '驳回一个承办申报并说明理由（管理员）',
  usage: '驳回 <编号> <理由>',
  examples: ['驳回 4 场地容量不足，建议改到下月', 'reject 4 时间与省总活动冲突'],
  access: 'admin',
  fields: [
    { key: 'id', label: '编号', prompt: '要驳回哪个申报？请回复编号（发送「审批列表」可查看）', schema: text('编号', 12) },
    { key: 'reason', label: '理由', names: ['原因'], prompt: '请告诉我驳回的理由，会转告申报单位。', schema: text('理由', 200) },
  ],
  async run(ctx, v) {
    const id = parseId(v.id, '申报', '驳回 4 场地容量不足');
    const request = await reject(ctx.db, id, ctx.member.id, v.reason, ctx.now);
    const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: request.unitId } });
    await ctx.audit('reject', 'HostRequest', id, { reason: v.reason });
    ctx.afterCommit(({ db, senders }) => announceDecision({ db, senders, now: ctx.now }, { ...request, unit }, ctx.member.displayName));
    ctx.reply(`已驳回 #${id}：${unit.name} ${request.month}「${request.theme}」。理由：${v.reason}`);
  },
});
