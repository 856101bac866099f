import { defineCommand } from '../src/bot/command.js';
import { id } from '../src/bot/field-types.js';
import { approve } from '../src/domain/hosting.js';
import { t } from '../src/texts.js';

export default defineCommand({
  names: ['批准', 'approve'],
  variants: ['同意', '通过', '批准申报', '同意申报'],
  section: '管理',
  summary: '批准一个承办申报（管理员）',
  usage: '批准 <编号>',
  examples: ['批准 4', 'approve 4'],
  access: 'admin',
  fields: {
    id: { label: '编号', prompt: '要批准哪个申报？请回复编号（发送「审批列表」可查看）', schema: id('申报', '批准 4') },
  },
  async run(ctx, { id }) {
    const { request, waitlisted, slots, notices } = await approve(ctx.tx, { actor: ctx.actor, id, now: ctx.now });
    ctx.notify(...notices);
    const { month } = request;
    const approved = t('hosting.approved', { id: request.id, unit: request.unit.name, month, theme: request.theme, ...slots });
    ctx.reply(waitlisted.length ? `${approved}\n${t('hosting.approvalWaitlisted', { month, ids: waitlisted.map((w) => w.id) })}` : approved);
  },
});
