import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import type { Dispatcher } from './dispatcher.js';
import type { CardAction, CardActionHandler, CardUpdate } from './sender.js';

/** Button keys of an approval card: `approve:<request id>` and `reject:<request id>`. */
export const approvalKey = (verb: 'approve' | 'reject', requestId: number) => `${verb}:${requestId}`;

/**
 * An approval card's task id. Where a platform's card template can only send a fixed button id
 * (`approve` / `reject`, e.g. a DingTalk card made in the card builder), the request comes from here.
 */
export const approvalTaskId = (requestId: number, nonce: string) => `hostreq-${requestId}-${nonce}`;

const COMMAND = { approve: '批准', reject: '驳回' } as const;
const DONE: Partial<Record<string, CardUpdate>> = {
  APPROVED: { text: '已批准', state: 'accepted' },
  REJECTED: { text: '已驳回', state: 'rejected' },
};

/**
 * A click on an approval card is the clicker saying 「批准 12」 or 「驳回 12」 in the chat the card
 * sits in: the same dispatcher, the same admin check, the same race-free decision, the same
 * audit row, and the click's event id as the message id so a redelivered click has one effect.
 * 驳回 then asks for the reason in that chat. The card's buttons are replaced only when the
 * request has been decided.
 */
export function approvalCardHandler(dispatcher: Dispatcher, database: Database, logger: Logger): CardActionHandler {
  return async (action: CardAction) => {
    const member = await database.prisma.member.findUnique({ where: { platform_platformUserId: { platform: action.platform, platformUserId: action.userId } } });
    if (member?.role !== 'ADMIN' && member?.role !== 'SUPERADMIN') {
      logger.warn({ platform: action.platform, userId: action.userId, taskId: action.taskId, key: action.key }, 'approval card clicked by a non-admin; nothing changes');
    }
    const m = /^(approve|reject)(?::(\d{1,9}))?$/.exec(action.key);
    const subject = m?.[2] ?? /^hostreq-(\d{1,9})(?:[-.]|$)/.exec(action.taskId)?.[1];
    if (!m || !subject) return { reply: '这个按钮已失效。请发送「审批列表」查看待审批的申报。' };
    const verb = m[1] as keyof typeof COMMAND;
    const id = Number(subject);
    const reply = await dispatcher.handle({
      platform: action.platform,
      chatId: action.chatId,
      chatType: action.chatType,
      senderId: action.userId,
      senderName: action.userId,
      text: `${COMMAND[verb]} ${id}`,
      messageId: action.eventId,
    });
    const request = await database.prisma.hostRequest.findUnique({ where: { id } });
    const decided = request && DONE[request.status];
    return { reply, card: decided && request.decidedAt ? decided : undefined };
  };
}
