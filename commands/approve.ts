import { defineCommand } from '../src/bot/command.js';
import { idOrName, text } from '../src/bot/field-types.js';
import { typedWord } from '../src/bot/access.js';
import { UserError } from '../src/domain/errors.js';
import { approve } from '../src/domain/hosting.js';
import { t } from '../src/texts.js';
import { decideByWord } from './contact-decision.js';

const ASK_NUMBER = '要批准哪个申报？请回复编号（发送「审批列表」可查看）';
const USAGE = '批准 4';

export default defineCommand({
  names: ['批准', 'approve'],
  variants: ['同意', '通过', '批准申报', '同意申报'],
  section: '管理',
  summary: '批准一个承办申报（管理员）；单独回复「同意」则同意等您处理的联系人申请',
  usage: '批准 <编号>　或　同意 [申请人]',
  examples: ['批准 4', '同意', '同意 李强'],
  access: 'contact',
  fields: {
    id: { label: '编号', prompt: ASK_NUMBER, schema: idOrName('编号', 50), optional: true },
  },
  async run(ctx, { id: typed }) {
    const id = typeof typed === 'number' ? typed : undefined;
    // No number: a contact request waiting for this person.
    if (id === undefined) return decideByWord(ctx, typed as string | undefined, { approve: true, askNumber: ASK_NUMBER, usage: USAGE });
    if (!ctx.isAdmin) throw new UserError('access.adminOnly', { command: typedWord(this, ctx.message.text) });
    const { request, waitlisted, slots, notices } = await approve(ctx.tx, { actor: ctx.actor, id, now: ctx.now });
    ctx.notify(...notices);
    const { month } = request;
    const approved = t('hosting.approved', { id: request.id, unit: request.unit.name, month, theme: request.theme, ...slots });
    ctx.reply(waitlisted.length ? `${approved}\n${t('hosting.approvalWaitlisted', { month, ids: waitlisted.map((w) => w.id) })}` : approved);
  },
});
