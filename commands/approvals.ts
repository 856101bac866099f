import { defineCommand } from '../src/bot/command.js';
import { listUndecided } from '../src/domain/hosting.js';
import { HOST_STATUS_LABEL, t } from '../src/texts.js';
import { requestDetails } from './host.js';

export default defineCommand({
  names: ['审批列表', 'approvals'],
  variants: ['待审批', '待审批列表'],
  section: '管理',
  summary: '查看待审批和候补的承办申报（管理员）',
  usage: '审批列表',
  examples: ['审批列表', 'approvals'],
  access: 'admin',
  async run(ctx) {
    const months = await listUndecided(ctx.tx, ctx.campaign.id);
    if (!months.length) {
      ctx.reply(t('hosting.noneToDecide'));
      return;
    }
    const lines = [t('hosting.approvalsHeading')];
    for (const { month, slots, requests } of months) {
      lines.push(t('hosting.approvalsMonth', { month, ...slots }));
      for (const request of requests) {
        lines.push(t('hosting.approvalsLine', { id: request.id, ...requestDetails(request), status: HOST_STATUS_LABEL[request.status] }));
      }
    }
    lines.push(t('hosting.approvalsHint'));
    ctx.reply(lines.join('\n'));
  },
});
