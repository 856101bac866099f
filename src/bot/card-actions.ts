import type { Db } from '../db/client.js';
import { decisionOf } from '../domain/hosting.js';
import { t } from '../texts.js';
import type { CardAction, CardUpdate } from './sender.js';

/**
 * The approval card's protocol: what its buttons send back, and what a click stands for. The
 * card is built in the outbox's host notices; a click comes back through a platform receiver to
 * Dispatcher.handleAction, which runs the same command as 「批准 12」 / 「驳回 12」.
 */

export type ApprovalVerb = 'approve' | 'reject';

/** Button keys of an approval card: `approve:<request id>` and `reject:<request id>`. */
export const approvalKey = (verb: ApprovalVerb, requestId: number) => `${verb}:${requestId}`;

/**
 * An approval card's task id. Where a platform's card template can only send a fixed button id
 * (`approve` / `reject`, e.g. a DingTalk card made in the card builder), the request comes from here.
 */
export const approvalTaskId = (requestId: number, nonce: string) => `hostreq-${requestId}-${nonce}`;

/** What a click on an approval card asks for; undefined for a button we do not know (stale). */
export function readApprovalClick(action: Pick<CardAction, 'key' | 'taskId'>): { verb: ApprovalVerb; requestId: number } | undefined {
  const button = /^(approve|reject)(?::(\d{1,9}))?$/.exec(action.key);
  const subject = button?.[2] ?? /^hostreq-(\d{1,9})(?:[-.]|$)/.exec(action.taskId)?.[1];
  if (!button || !subject) return undefined;
  return { verb: button[1] as ApprovalVerb, requestId: Number(subject) };
}

/** How a card looks once its request is decided; undefined while it is not. */
export async function decidedCard(db: Db, requestId: number): Promise<CardUpdate | undefined> {
  const decision = await decisionOf(db, requestId);
  if (decision === 'APPROVED') return { text: t('card.approved'), state: 'accepted' };
  if (decision === 'REJECTED') return { text: t('card.rejected'), state: 'rejected' };
  return undefined;
}
