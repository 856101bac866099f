import { defineCommand } from '../src/bot/command.js';
import { id } from '../src/bot/field-types.js';
import { withdraw } from '../src/domain/hosting.js';
import { t } from '../src/texts.js';

export default defineCommand({
  names: ['撤回申报', 'withdraw'],
  variants: ['撤回', '撤销申报', '取消申报', '撤回承办', '申报撤回'],
  section: '承办申报',
  summary: '撤回本单位的承办申报（申报人、单位联系人或管理员）',
  usage: '撤回申报 <编号>',
  examples: ['撤回申报 4', 'withdraw 4'],
  access: 'bound',
  fields: {
    id: { label: '编号', prompt: '要撤回哪个申报？请回复编号（发送「我的申报」可查看）', schema: id('申报', '撤回申报 4') },
  },
  async run(ctx, { id }) {
    const result = await withdraw(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id, now: ctx.now, confirmed: ctx.confirmed('withdraw') });
    if ('confirm' in result) {
      const { month, theme, unit, status } = result.confirm;
      const ask = t('hosting.confirmWithdraw', { id, unit: unit.name, month, theme });
      return ctx.confirm('withdraw', status === 'APPROVED' ? `${ask}\n${t('hosting.confirmWithdrawApproved', { id, month, theme })}` : ask);
    }
    const { request, promoted, notices } = result;
    ctx.notify(...notices);
    const withdrawn = t('hosting.withdrawn', { id: request.id, month: request.month, theme: request.theme });
    ctx.reply(promoted ? `${withdrawn}\n${t('hosting.withdrawPromoted', { month: request.month, id: promoted.id })}` : withdrawn);
  },
});
