import { defineCommand } from '../src/bot/command.js';
import { text } from '../src/bot/field-types.js';
import { nameContactTyped } from '../src/domain/contacts.js';
import { UserError } from '../src/domain/errors.js';
import { t } from '../src/texts.js';

export default defineCommand({
  names: ['设联系人', 'set-contact'],
  variants: ['指定联系人', '设置联系人'],
  section: '管理',
  summary: '指定某位成员为单位的联系人；加「撤销」则取消（管理员）',
  usage: '设联系人 <单位> <成员名或账号> [撤销]',
  examples: ['设联系人 株洲 李强', '设联系人 株洲 李强 撤销'],
  access: 'admin',
  fields: {
    unit: { label: '单位', prompt: '要给哪个单位设联系人？例如：株洲', schema: text('单位', 80) },
    who: { label: '成员', prompt: '请回复成员的名字或账号（对方需先和我说过话），例如：李强', schema: text('成员', 50) },
    revoke: { label: '撤销', prompt: '', schema: text('撤销', 4), optional: true },
  },
  positional: ['unit', 'who', 'revoke'],
  async run(ctx, values) {
    const revoke = values.revoke !== undefined;
    if (revoke && !t('admin.revokeWords').split(' ').includes(values.revoke!.toLowerCase())) throw new UserError('contacts.revokeWord');
    const { unit, member, changed } = await nameContactTyped(ctx.tx, ctx.actor, {
      platform: ctx.message.platform,
      unit: values.unit,
      who: values.who,
      revoke,
      now: ctx.now,
    });
    const about = { name: member.displayName, unit: unit.name };
    if (revoke) ctx.reply(t(changed ? 'contacts.revoked' : 'contacts.notContact', about));
    else ctx.reply(t(changed ? 'contacts.set' : 'contacts.alreadySet', about));
  },
});
