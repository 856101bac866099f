import { defineCommand } from '../src/bot/command.js';
import { failedMessages, outboxStatus } from '../src/outbox/outbox.js';
import { t } from '../src/texts.js';
import { formatDateTime } from '../src/time.js';

/** What the bot has queued, sent today and failed to send, with the platforms' reasons (admins). */
export default defineCommand({
  names: ['发送状态', 'outbox'],
  section: '管理',
  summary: '查看推送的发送情况：排队中、今天已发、发送失败及原因，以及处理出错的消息数（管理员）',
  usage: '发送状态',
  examples: ['发送状态', 'outbox'],
  access: 'admin',
  async run(ctx) {
    const status = await outboxStatus(ctx.tx, ctx.now);
    const lines = [
      t('admin.outbox.summary', { queued: status.queued, sentToday: status.sentToday, failed: status.failed }),
      t('admin.outbox.failedMessages', { count: await failedMessages(ctx.tx) }),
    ];
    if (status.recentFailures.length) {
      lines.push(t('admin.outbox.recentFailures'));
      for (const message of status.recentFailures) {
        const where = message.chat
          ? message.chat.title || message.chat.unit?.name || message.chat.platformChatId
          : t('admin.outbox.toPerson', { userId: message.userId });
        lines.push(
          t('admin.outbox.failure', { id: message.id, where, at: formatDateTime(message.updatedAt), attempts: message.attempts, error: message.lastError }),
        );
      }
      lines.push(t('admin.outbox.resendHint'));
    }
    ctx.reply(lines.join('\n'));
  },
});
