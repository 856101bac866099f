import { defineCommand } from '../src/bot/command.js';
import { text } from '../src/bot/field-types.js';
import { unbindChat } from '../src/domain/chats.js';
import { leaveUnit } from '../src/domain/contacts.js';
import { UserError } from '../src/domain/errors.js';
import { SELF_WORDS, t } from '../src/texts.js';

export default defineCommand({
  names: ['解绑', 'unbind'],
  variants: ['解除绑定', '取消绑定'],
  section: '开始',
  summary: '在群里：解除本群与单位的绑定（该单位联系人或管理员）；「解绑 我」或私聊：取消自己的联系人身份',
  usage: '解绑　或　解绑 我',
  examples: ['解绑', '解绑 我'],
  access: 'anyone',
  fields: {
    who: { label: '对象', prompt: '', schema: text('对象', 10), optional: true },
  },
  async run(ctx, { who }) {
    const self = !ctx.chat.isGroup || (who !== undefined && SELF_WORDS.includes(who));
    if (self) {
      const unit = ctx.member.unit;
      if (!unit) throw new UserError('units.unbind.selfNothing');
      if (!ctx.confirmed('unbind')) return ctx.confirm('unbind', t('units.unbind.confirmSelf', { unit: unit.name }));
      await leaveUnit(ctx.tx, ctx.actor);
      return ctx.reply(t('units.unbind.selfDone', { unit: unit.name }));
    }
    const unit = ctx.chat.unit;
    if (!unit) throw new UserError(ctx.member.unit ? 'units.unbind.selfHint' : 'units.unbind.nothing');
    if (!ctx.confirmed('unbind')) {
      // Ask only someone who may: the refusal comes before the question.
      if (!ctx.isAdmin && ctx.member.unitId !== unit.id && ctx.member.unitId !== unit.parentId) {
        throw new UserError(ctx.member.unit ? 'units.unbind.refused' : 'units.unbind.refusedUnbound', { unit: unit.name });
      }
      return ctx.confirm('unbind', t('units.unbind.confirmChat', { unit: unit.name }));
    }
    await unbindChat(ctx.tx, ctx.actor, ctx.chat.id);
    ctx.reply(t('units.unbind.chatDone', { unit: unit.name }));
  },
});
