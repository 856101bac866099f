import { defineCommand, text } from '../src/bot/command.js';
import { parseId } from '../src/bot/scope.js';
import { UserError } from '../src/domain/errors.js';
import { channelOf } from '../src/outbox/outbox.js';

/** Puts a failed push back in the queue, through the group's current push address (admins). */
export default defineCommand({
  names: ['重发', 'resend'],
  section: '管理',
  summary: '重新发送一条发送失败的推送（管理员）',
  usage: '重发 <编号>',
  examples: ['重发 12', 'resend 12'],
  access: 'admin',
  fields: [{ key: 'id', label: '编号', prompt: '要重发哪一条？请回复编号（发送「发送状态」可查看）', schema: text('编号', 12) }],
  async run(ctx, v) {
    const id = parseId(v.id, '推送', '重发 12');
    const m = await ctx.db.outbox.findUnique({ where: { id }, include: { chat: true } });
    if (!m) throw new UserError(`没有编号为 ${id} 的推送。发送「发送状态」查看失败的推送。`);
    if (m.status !== 'FAILED') throw new UserError(`推送 #${id} 没有失败（现在是${m.status === 'SENT' ? '已发送' : '排队中'}），不需要重发。`);
    // The group may have a new push address since: the channel follows it.
    await ctx.db.outbox.update({
      where: { id },
      data: { status: 'QUEUED', attempts: 0, nextAttemptAt: ctx.now, lastError: '', claimedBy: '', claimedUntil: null, ...(m.chat ? { channel: channelOf(m.chat) } : {}) },
    });
    await ctx.audit('resend', 'Outbox', id);
    ctx.reply(`推送 #${id} 已重新排队，马上发送。`);
  },
});
