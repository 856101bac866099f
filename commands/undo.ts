import { defineCommand } from '../src/bot/command.js';
import { showChange } from '../src/domain/changes.js';
import { UserError } from '../src/domain/errors.js';
import { undoLast } from '../src/domain/undo.js';
import { ACTIVITY_KIND_LABEL, t } from '../src/texts.js';

/**
 * 撤销: undoes the sender's own last change within 30 minutes (a registration goes, a change goes
 * back, a deleted record comes back), after saying what and a one-word yes.
 */
export default defineCommand({
  names: ['撤销', 'undo'],
  variants: ['撤回上一步', '撤销上一步', '撤回刚才的', '撤销刚才的', '撤回刚才', '撤销刚才', '撤回上一条', '撤销上一条', '撤销操作', '撤回操作', '撤销上次', '撤消'],
  section: '开始',
  summary: '撤回您本人 30 分钟内的最后一步（登记、修改、删除、取消、活动完成、荐书），确认后执行',
  usage: '撤销',
  examples: ['撤销', '撤回上一步'],
  access: 'bound',
  async run(ctx, _values, rest) {
    // 「撤销 4」 names a record: that is another command's work (删除社群 4, 撤回申报 4…).
    if (/\d/u.test(rest)) throw new UserError('undo.takesNoNumber');
    const found = await undoLast(ctx.tx, { actor: ctx.actor, now: ctx.now, confirmed: (auditId) => ctx.confirmed(`undo:${auditId}`) });
    if (!found) return ctx.reply(t('undo.nothing'));
    const { plan, done } = found;
    const what = t('undo.what', {
      entity: plan.entity,
      action: plan.action,
      id: plan.id,
      title: plan.title,
      kind: plan.kind ? ACTIVITY_KIND_LABEL[plan.kind] : '',
      person: plan.person ?? '',
    });
    const effect = t('undo.effect', { effect: plan.effect, entity: plan.entity, id: plan.id, lines: plan.changes.map(showChange), done });
    if (done) return ctx.reply(t('undo.done', { what, effect }));
    const minutes = Math.max(0, Math.floor((ctx.now.getTime() - plan.at.getTime()) / 60_000));
    await ctx.confirm(`undo:${plan.auditId}`, t('undo.confirm', { what, ago: t('undo.ago', { minutes }), effect }));
  },
});
