import { defineCommand } from '../src/bot/command.js';
import { text } from '../src/bot/field-types.js';
import { UserError } from '../src/domain/errors.js';
import { setAdmin } from '../src/domain/members.js';
import { t } from '../src/texts.js';

export default defineCommand({
  names: ['设管理员', 'set-admin'],
  section: '管理',
  summary: '把某位成员设为省总工会管理员；加「撤销」则取消（超级管理员）',
  usage: '设管理员 <成员名或账号> [撤销]',
  examples: ['设管理员 王芳', '设管理员 wangfang 撤销'],
  access: 'superadmin',
  fields: {
    who: { label: '成员', prompt: '要设谁为管理员？请回复成员的名字或账号（对方需先和我说过话）', schema: text('成员', 50) },
    revoke: { label: '撤销', prompt: '', schema: text('撤销', 4), optional: true },
  },
  positional: ['who', 'revoke'],
  async run(ctx, values) {
    const who = values.who.replace(/^@/, '').trim();
    const revoke = values.revoke !== undefined;
    if (revoke && !isRevokeWord(values.revoke!)) throw new UserError('admin.revokeWord');
    const { member, changed } = await setAdmin(ctx.tx, ctx.actor, { platform: ctx.message.platform, who, revoke });
    const name = member.displayName;
    if (!changed) ctx.reply(revoke ? t('admin.alreadyNotAdmin', { name }) : t('admin.alreadyAdmin', { name }));
    else ctx.reply(revoke ? t('admin.revoked', { name }) : t('admin.granted', { name, userId: member.platformUserId }));
  },
});

/** 撤销, 取消 or revoke, in any case. */
function isRevokeWord(word: string): boolean {
  return t('admin.revokeWords').split(' ').includes(word.toLowerCase());
}
