import { defineCommand } from '../src/bot/command.js';
import { ITEM_LABEL, missingItems } from '../src/domain/deliverables.js';
import { formatDate } from '../src/time.js';

/** Every approved host whose event has passed, and what it still owes (admins). */
export default defineCommand({
  names: ['材料情况', 'deliverables'],
  section: '管理',
  summary: '查看各承办单位活动后材料的提交情况（管理员）',
  usage: '材料情况',
  examples: ['材料情况'],
  access: 'admin',
  async run(ctx) {
    const hosts = await ctx.db.hostRequest.findMany({
      where: { campaignId: ctx.campaign.id, status: 'APPROVED' },
      include: { unit: true, deliverable: true },
      orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }],
    });
    if (!hosts.length) {
      ctx.reply('还没有批准的承办活动。');
      return;
    }
    const lines = ['承办活动材料情况：'];
    for (const h of hosts) {
      const head = `#${h.id} ${h.unit.name} ${formatDate(h.proposedAt)}「${h.theme}」`;
      if (h.proposedAt > ctx.now) lines.push(`${head}：活动还没举办`);
      else {
        const missing = missingItems(h.deliverable);
        lines.push(`${head}：${missing.length ? `还差 ${missing.map((i) => ITEM_LABEL[i]).join('、')}` : '✅ 已齐全'}`);
      }
    }
    ctx.reply(lines.join('\n'));
  },
});
