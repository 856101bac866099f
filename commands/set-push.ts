import { defineCommand, text } from '../src/bot/command.js';
import { mayActFor } from '../src/bot/scope.js';
import { SendError } from '../src/bot/sender.js';
import { UserError } from '../src/domain/errors.js';

/**
 * Sets where the bot pushes to this group on its own (rankings, reminders): the group robot's
 * webhook address. The bot sends one test message through it and keeps it only when that works;
 * the address is a credential, so replies and the audit log show it shortened.
 */
export default defineCommand({
  names: ['设置推送', 'set-push'],
  section: '开始',
  summary: '设置本群的推送地址（群机器人 Webhook），排行和提醒会发到这里',
  usage: '设置推送 <群机器人Webhook地址> [加签密钥]',
  examples: ['设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'],
  access: 'bound',
  fields: [
    {
      key: 'address',
      label: '地址',
      names: ['推送地址', 'webhook'],
      prompt: '请发送本群群机器人的 Webhook 地址（群设置 › 群机器人 › 复制 Webhook 地址）。',
      schema: text('地址', 600),
    },
    { key: 'secret', label: '密钥', names: ['加签密钥', 'secret'], prompt: '', schema: text('密钥', 200), optional: true },
  ],
  positional: ['address', 'secret'],
  async run(ctx, v) {
    if (ctx.message.chatType !== 'group') throw new UserError('请在要接收推送的群里发送这条命令。');
    if (!ctx.sender) throw new UserError('这里不需要推送地址：本地控制台的推送会直接显示出来。');
    if (!ctx.isAdmin) {
      if (!ctx.chat.unitId) throw new UserError('请先在本群发送「绑定 单位名」，再设置推送地址。');
      if (!(await mayActFor(ctx, ctx.chat.unitId))) {
        throw new UserError(`本群属于「${ctx.chat.unit?.name}」，只有该单位的联系人或管理员可以设置推送地址。`);
      }
    }
    const target = ctx.sender.parsePushAddress(v.address, v.secret);
    const shown = ctx.sender.maskPushAddress(target);
    try {
      await ctx.sender.pushMarkdown(target, `**推送测试**\n「${ctx.campaign.name}」的排行和提醒以后会发到本群。`);
    } catch (err) {
      if (!(err instanceof SendError)) throw err;
      const said = [err.code, err.detail].filter((x) => x !== undefined && x !== '').join(' ');
      throw new UserError(
        `测试消息没有发出去${said ? `（平台返回：${said}）` : ''}，地址没有保存。\n请确认地址复制完整、群机器人还在本群，再发一次「设置推送 <地址>」。`,
      );
    }
    await ctx.db.chat.update({
      where: { id: ctx.chat.id },
      data: { pushKey: target.key, pushSecret: target.secret ?? '', pushSetAt: ctx.now },
    });
    await ctx.audit('set-push', 'Chat', ctx.chat.id, { address: shown });
    ctx.reply(`推送地址已保存（${shown}），测试消息已发到本群。以后排行和提醒会通过它推送。`);
  },
});
