import { defineCommand } from '../src/bot/command.js';
import { id } from '../src/bot/field-types.js';
import { requeueFailed } from '../src/outbox/outbox.js';
import { t } from '../src/texts.js';

/** Puts a failed push back in the queue, through the group's current push address (admins). */
export default defineCommand({
  names: ['重发', 'resend'],
  section: '管理',
  summary: '重新发送一条发送失败的推送（管理员）',
  usage: '重发 <编号>',
  examples: ['重发 12', 'resend 12'],
  access: 'admin',
  fields: {
    id: { label: '编号', prompt: '要重发哪一条？请回复编号（发送「发送状态」可查看）', schema: id('推送', '重发 12') },
  },
  async run(ctx, { id }) {
    await requeueFailed(ctx.tx, ctx.actor, { id, now: ctx.now });
    ctx.reply(t('admin.outbox.requeued', { id }));
  },
});
