import { defineCommand } from '../src/bot/command.js';
import { formatDateTime, startOfShanghaiDay } from '../src/time.js';

const SHOW_FAILED = 10;

/** What the bot has queued, sent today and failed to send, with the platforms' reasons (admins). */
export default defineCommand({
  names: ['发送状态', 'outbox'],
  section: '管理',
  summary: '查看推送的发送情况：排队中、今天已发、发送失败及原因（管理员）',
  usage: '发送状态',
  examples: ['发送状态', 'outbox'],
  access: 'admin',
  async run(ctx) {
    const [queued, sentToday, failedCount, failed] = await Promise.all([
      ctx.db.outbox.count({ where: { status: { in: ['QUEUED', 'SENDING'] } } }),
      ctx.db.outbox.count({ where: { status: 'SENT', sentAt: { gte: startOfShanghaiDay(ctx.now) } } }),
      ctx.db.outbox.count({ where: { status: 'FAILED' } }),
      ctx.db.outbox.findMany({ where: { status: 'FAILED' }, include: { chat: { include: { unit: true } } }, orderBy: { id: 'desc' }, take: SHOW_FAILED }),
    ]);
    const lines = [`推送发送情况：排队中 ${queued} 条，今天已发送 ${sentToday} 条，发送失败 ${failedCount} 条。`];
    if (failed.length) {
      lines.push('最近的失败：');
      for (const m of failed) {
        const where = m.chat ? m.chat.title || m.chat.unit?.name || m.chat.platformChatId : `发给 ${m.userId}`;
        lines.push(`#${m.id} ${where}（${formatDateTime(m.updatedAt)}，试了 ${m.attempts} 次）：${m.lastError}`);
      }
      lines.push('修好原因后（例如重新「设置推送」），发送：重发 <编号>');
    }
    ctx.reply(lines.join('\n'));
  },
});
