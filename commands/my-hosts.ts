import { defineCommand } from '../src/bot/command.js';
import { actingUnit } from '../src/bot/scope.js';
import { HOST_STATUS_LABEL } from '../src/domain/labels.js';
import { formatDate } from '../src/time.js';

export default defineCommand({
  names: ['我的申报', 'my-hosts'],
  section: '承办申报',
  summary: '查看本单位的承办申报和审批结果',
  usage: '我的申报',
  examples: ['我的申报', 'my-hosts'],
  access: 'bound',
  async run(ctx) {
    const unit = actingUnit(ctx);
    const items = await ctx.db.hostRequest.findMany({
      where: { campaignId: ctx.campaign.id, unitId: unit.id },
      orderBy: [{ month: 'desc' }, { id: 'desc' }],
      take: 20,
    });
    if (!items.length) {
      ctx.reply(`「${unit.name}」还没有承办申报。发送「帮助 申报承办」看怎么申报。`);
      return;
    }
    ctx.reply(
      [
        `「${unit.name}」的承办申报：`,
        ...items.map((r) => {
          const why = r.status === 'REJECTED' && r.reason ? `，理由：${r.reason}` : '';
          return `#${r.id} ${r.month}「${r.theme}」${formatDate(r.proposedAt)} ${r.place} — ${HOST_STATUS_LABEL[r.status]}${why}`;
        }),
      ].join('\n'),
    );
  },
});
