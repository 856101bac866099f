import type { Context } from '../src/bot/command.js';
import { decideContactRequest } from '../src/domain/contacts.js';
import { UserError } from '../src/domain/errors.js';
import { t } from '../src/texts.js';

/**
 * 批准 / 驳回 (同意 / 拒绝) without a record number: the contact request waiting for the sender
 * (「同意」, 「同意 李强」). True when one was decided and answered. With nothing waiting, an
 * admin is asked for the request's number (or told how to write it), anyone else that nothing
 * waits for them.
 */
export async function decideByWord(
  ctx: Context,
  who: string | undefined,
  input: { approve: boolean; askNumber: string; usage: string },
): Promise<void> {
  const decided = await decideContactRequest(ctx.tx, ctx.actor, { approve: input.approve, who, now: ctx.now });
  if (decided) {
    ctx.notify(...decided.notices);
    const about = { name: decided.request.member.displayName, unit: decided.request.unit.name };
    return ctx.reply(t(input.approve ? 'contacts.approved' : 'contacts.rejected', about));
  }
  if (!ctx.isAdmin) throw new UserError('contacts.nothingToDecide');
  if (who === undefined) return ctx.ask('id', input.askNumber, {});
  throw new UserError('field.idMissing', { what: '申报', usage: input.usage });
}
