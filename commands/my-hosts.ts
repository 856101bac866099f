import { defineCommand } from '../src/bot/command.js';
import { hostDate, listUnitRequests } from '../src/domain/hosting.js';
import { HOST_STATUS_LABEL, t } from '../src/texts.js';

export default defineCommand({
  names: ['我的申报', 'my-hosts'],
  variants: ['申报情况', '申报进度', '我们的申报'],
  glued: false,
  section: '承办申报',
  summary: '查看本单位的承办申报和审批结果',
  usage: '我的申报',
  examples: ['我的申报', 'my-hosts'],
  access: 'bound',
  async run(ctx) {
    const { unit, requests } = await listUnitRequests(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id });
    if (!requests.length) {
      ctx.reply(t('hosting.noneForUnit', { unit: unit.name }));
      return;
    }
    ctx.reply(
      [
        t('hosting.unitHeading', { unit: unit.name }),
        ...requests.map((request) =>
          t('hosting.unitLine', {
            id: request.id,
            month: request.month,
            theme: request.theme,
            date: hostDate(request.proposedAt),
            place: request.place,
            status: HOST_STATUS_LABEL[request.status],
            reason: request.status === 'REJECTED' ? request.reason : '',
          }),
        ),
      ].join('\n'),
    );
  },
});
