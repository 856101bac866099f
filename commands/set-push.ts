import { defineCommand } from '../src/bot/command.js';
import { text } from '../src/bot/field-types.js';
import { SendError } from '../src/bot/sender.js';
import { assertMaySetPush, savePushAddress } from '../src/domain/chats.js';
import { UserError } from '../src/domain/errors.js';
import { t } from '../src/texts.js';

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
  fields: {
    address: {
      label: '地址',
      names: ['推送地址', 'webhook'],
      prompt: '请发送本群群机器人的 Webhook 地址（群设置 › 群机器人 › 复制 Webhook 地址）。',
      schema: text('地址', 600),
    },
    secret: { label: '密钥', names: ['加签密钥', 'secret'], prompt: '', schema: text('密钥', 200), optional: true },
  },
  positional: ['address', 'secret'],
  async run(ctx, { address, secret }) {
    if (ctx.message.chatType !== 'group') throw new UserError('units.push.groupOnly');
    if (!ctx.sender) throw new UserError('units.push.notNeeded');
    await assertMaySetPush(ctx.tx, ctx.actor, ctx.chat.id);
    // The test message is a call to the platform: it stays here, where the sender is.
    const target = ctx.sender.parsePushAddress(address, secret);
    const shown = ctx.sender.maskPushAddress(target);
    try {
      await ctx.sender.pushMarkdown(target, t('units.push.test', { campaign: ctx.campaign.name }));
    } catch (err) {
      if (!(err instanceof SendError)) throw err;
      const said = [err.code, err.detail].filter((part) => part !== undefined && part !== '').join(' ');
      throw new UserError('units.push.testFailed', { said });
    }
    await savePushAddress(ctx.tx, ctx.actor, { chatId: ctx.chat.id, key: target.key, secret: target.secret, shown, at: ctx.now });
    ctx.reply(t('units.push.saved', { address: shown }));
  },
});
