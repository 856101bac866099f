import { defineCommand } from '../src/bot/command.js';
import { idOrName, text } from '../src/bot/field-types.js';
import { typedWord } from '../src/bot/access.js';
import { UserError } from '../src/domain/errors.js';
import { assertDecidable, reject } from '../src/domain/hosting.js';
import { t, YES_WORDS } from '../src/texts.js';
import { decideByWord } from './contact-decision.js';

const ASK_NUMBER = '要驳回哪个申报？请回复编号（发送「审批列表」可查看）';
const USAGE = '驳回 4 场地容量不足';
const REASON_PROMPT = '请告诉我驳回的理由，会转告申报单位。';

export default defineCommand({
  names: ['驳回', 'reject'],
  variants: ['不同意', '不通过', '退回', '驳回申报', '拒绝'],
  section: '管理',
  summary: '驳回一个承办申报并说明理由（管理员）；单独回复「拒绝」则拒绝等您处理的联系人申请',
  usage: '驳回 <编号> <理由>　或　拒绝 [申请人]',
  examples: ['驳回 4 场地容量不足，建议改到下月', 'reject 4 时间与省总活动冲突', '拒绝 李强'],
  access: 'contact',
  fields: {
    id: { label: '编号', prompt: ASK_NUMBER, schema: idOrName('编号', 50), optional: true },
    reason: { label: '理由', names: ['原因'], prompt: REASON_PROMPT, schema: text('理由', 200), optional: true },
    // The reason shown back for confirmation, while the admin's 「是」 (or a new reason) is awaited.
    proposed: { label: '待确认理由', prompt: REASON_PROMPT, schema: text('理由', 200), optional: true },
  },
  positional: ['id', 'reason'],
  async run(ctx, { id: typed, reason, proposed }) {
    const id = typeof typed === 'number' ? typed : undefined;
    // No number: a contact request waiting for this person.
    if (id === undefined) return decideByWord(ctx, typed as string | undefined, { approve: false, askNumber: ASK_NUMBER, usage: USAGE });
    if (!ctx.isAdmin) throw new UserError('access.adminOnly', { command: typedWord(this, ctx.message.text) });
    if (!reason) {
      // A request that cannot be rejected is said so before the reason is asked for.
      await assertDecidable(ctx.tx, id);
      return ctx.ask('reason', REASON_PROMPT, { id: String(id) });
    }
    // A rejection cannot be taken back: it is shown first, and goes out on a one-word yes. Anything
    // else is taken as a new reason, shown again.
    const yes = proposed !== undefined && YES_WORDS.includes(reason.replace(/[。.！!]+$/u, '').trim());
    if (!yes) {
      const found = await assertDecidable(ctx.tx, id);
      const prompt = t('hosting.confirmReject', { id, unit: found.unit.name, month: found.month, theme: found.theme, reason });
      return ctx.ask('reason', prompt, { id: String(id), proposed: reason });
    }
    const { request, notices } = await reject(ctx.tx, { actor: ctx.actor, id, reason: proposed, now: ctx.now });
    ctx.notify(...notices);
    ctx.reply(t('hosting.rejected', { id: request.id, unit: request.unit.name, month: request.month, theme: request.theme, reason: proposed }));
  },
});
