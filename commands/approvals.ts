import { defineCommand } from '../src/bot/command.js';
import { slotsLeft } from '../src/domain/hosting.js';
import { HOST_STATUS_LABEL } from '../src/domain/labels.js';
import { formatDate } from '../src/time.js';

export default defineCommand({
  names: ['审批列表', 'approvals'],
  section: '管理',
  summary: '查看待审批和候补的承办申报（管理员）',
  usage: '审批列表',
  examples: ['审批列表', 'approvals'],
  access: 'admin',
  async run(ctx) {
    const items = await ctx.db.hostRequest.findMany({
      where: { campaignId: ctx.campaign.id, status: { in: ['PENDING', 'WAITLISTED'] } },
      include: { unit: true },
      orderBy: [{ month: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: 50,
    });
    if (!items.length) {
      ctx.reply('目前没有待审批的承办申报。');
      return;
    }
    const lines: string[] = ['待审批的承办申报：'];
    let month = '';
    for (const r of items) {
      if (r.month !== month) {
        month = r.month;
        const { left, capacity } = await slotsLeft(ctx.db, ctx.campaign.id, month);
        lines.push(`【${month}】剩余名额 ${left}/${capacity}`);
      }
      lines.push(
        `#${r.id} ${r.unit.name}「${r.theme}」${formatDate(r.proposedAt)} ${r.place}，预计 ${r.expectedParticipants} 人，联系人 ${r.contactName}${r.contactPhone ? ` ${r.contactPhone}` : ''} — ${HOST_STATUS_LABEL[r.status]}`,
      );
    }
    lines.push('批准：批准 <编号>；驳回：驳回 <编号> <理由>');
    ctx.reply(lines.join('\n'));
  },
});
