import { hostDate } from '../src/domain/hosting.js';
import { defineCommand } from '../src/bot/command.js';
import { itemLabel, listHostDeliverables } from '../src/domain/deliverables.js';
import { t } from '../src/texts.js';

/** Every approved host whose event has passed, and what it still owes (admins). */
export default defineCommand({
  names: ['材料情况', 'deliverables'],
  section: '管理',
  summary: '查看各承办单位活动后材料的提交情况（管理员）',
  usage: '材料情况',
  examples: ['材料情况'],
  access: 'admin',
  async run(ctx) {
    const hosts = await listHostDeliverables(ctx.tx, { campaignId: ctx.campaign.id, now: ctx.now });
    if (!hosts.length) {
      ctx.reply(t('deliverables.noHosts'));
      return;
    }
    const lines = [t('deliverables.statusHeading')];
    for (const { request, missing } of hosts) {
      lines.push(
        t('deliverables.statusLine', {
          id: request.id,
          unit: request.unit.name,
          date: hostDate(request.proposedAt),
          theme: request.theme,
          missing: missing?.map(itemLabel),
        }),
      );
    }
    ctx.reply(lines.join('\n'));
  },
});
