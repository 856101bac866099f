import { defineCommand, text } from '../src/bot/command.js';
import { UserError } from '../src/domain/errors.js';

export default defineCommand({
  names: ['设管理员', 'set-admin'],
  section: '管理',
  summary: '把某位成员设为省总工会管理员；加「撤销」则取消（超级管理员）',
  usage: '设管理员 <成员名或账号> [撤销]',
  examples: ['设管理员 王芳', '设管理员 wangfang 撤销'],
  access: 'superadmin',
  fields: [
    { key: 'who', label: '成员', prompt: '要设谁为管理员？请回复成员的名字或账号（对方需先和我说过话）', schema: text('成员', 50) },
    { key: 'revoke', label: '撤销', prompt: '', schema: text('撤销', 4), optional: true },
  ],
  positional: ['who', 'revoke'],
  async run(ctx, v) {
    const who = String(v.who).replace(/^@/, '').trim();
    const revoke = v.revoke !== undefined;
    if (revoke && !/^(撤销|取消|revoke)$/i.test(v.revoke)) throw new UserError('要取消管理员请写：设管理员 <成员> 撤销');
    const platform = ctx.message.platform;
    const found = await ctx.db.member.findMany({
      where: { platform, OR: [{ platformUserId: who }, { displayName: who }] },
      take: 5,
    });
    if (!found.length) throw new UserError(`没找到「${who}」。请让对方先在群里给我发一条消息（例如「帮助」），再设置。`);
    if (found.length > 1) {
      throw new UserError(`有多位成员叫「${who}」，请改用账号：\n${found.map((m) => `· ${m.displayName}（${m.platformUserId}）`).join('\n')}`);
    }
    const target = found[0];
    if (target.role === 'SUPERADMIN') throw new UserError(`${target.displayName} 是超级管理员（由配置指定），不在这里修改。`);
    const role = revoke ? 'CONTACT' : 'ADMIN';
    if (target.role === role) {
      ctx.reply(revoke ? `${target.displayName} 本来就不是管理员。` : `${target.displayName} 已经是管理员了。`);
      return;
    }
    await ctx.db.member.update({ where: { id: target.id }, data: { role } });
    await ctx.audit(revoke ? 'revoke-admin' : 'grant-admin', 'Member', target.id, { who: target.platformUserId });
    ctx.reply(revoke ? `已取消 ${target.displayName} 的管理员权限。` : `已把 ${target.displayName}（${target.platformUserId}）设为管理员，可以审批承办申报了。`);
  },
});
