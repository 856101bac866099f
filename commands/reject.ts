import { defineCommand } from '../src/bot/command.js';
import { id, text } from '../src/bot/field-types.js';
import { reject } from '../src/domain/hosting.js';
import { t } from '../src/texts.js';

export default defineCommand({
  names: ['驳回', 'reject'],
  variants: ['不同意', '不通过', '退回', '驳回申报', '拒绝'],
  section: '管理',
  summary: '驳回一个承办申报并说明理由（管理员）',
  usage: '驳回 <编号> <理由>',
  examples: ['驳回 4 场地容量不足，建议改到下月', 'reject 4 时间与省总活动冲突'],
  access: 'admin',
  fields: {
    id: { label: '编号', prompt: '要驳回哪个申报？请回复编号（发送「审批列表」可查看）', schema: id('申报', '驳回 4 场地容量不足') },
    reason: { label: '理由', names: ['原因'], prompt: '请告诉我驳回的理由，会转告申报单位。', schema: text('理由', 200) },
  },
  async run(ctx, { id, reason }) {
    const { request, notices } = await reject(ctx.tx, { actor: ctx.actor, id, reason, now: ctx.now });
    ctx.notify(...notices);
    ctx.reply(t('hosting.rejected', { id: request.id, unit: request.unit.name, month: request.month, theme: request.theme, reason }));
  },
});
