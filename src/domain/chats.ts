import type { Tx } from '../db/client.js';
import type { Chat, Unit } from '../generated/sqlite/client.js';
import { audit, mayActFor, type Actor } from './actor.js';
import { UserError } from './errors.js';
import { unitToBind } from './units.js';

/**
 * Group chats: which unit a chat (and the member speaking in it) belongs to, and where the bot
 * pushes to the chat on its own (设置推送).
 */

export type Binding =
  /** Bound; `created` when the 基层单位 was registered by this binding. */
  | { unit: Unit; created: boolean }
  /** The typed name fits several units: `answers[i]` binds to `units[i]` when typed again. */
  | { ambiguous: string; units: Unit[]; answers: string[] }
  /** Only a unit that sounds like the typed name: ask before binding (input.confirmedSound). */
  | { soundsLike: Unit; typed: string };

/**
 * 绑定: binds the chat and the actor to the unit `typed` stands for (see `unitToBind`). A chat
 * already bound to another unit is rebound only by an admin or a member bound to that unit
 * themselves — not by anyone who merely speaks in the chat — so a group cannot be taken over
 * by a newcomer.
 */
export async function bindChat(tx: Tx, actor: Actor, input: { chatId: number; typed: string; confirmedSound?: boolean }): Promise<Binding> {
  const target = await unitToBind(tx, input.typed, input.confirmedSound);
  if ('ambiguous' in target || 'soundsLike' in target) return target;
  const chat = await tx.chat.findUniqueOrThrow({ where: { id: input.chatId }, include: { unit: true } });
  const member = await tx.member.findUniqueOrThrow({ where: { id: actor.memberId } });
  if (chat.unit && chat.unit.id !== target.unit.id && !actor.isAdmin && member.unitId !== chat.unit.id) {
    throw new UserError('units.rebindRefused', { unit: chat.unit.name });
  }
  await tx.chat.update({ where: { id: chat.id }, data: { unitId: target.unit.id } });
  await tx.member.update({ where: { id: member.id }, data: { unitId: target.unit.id } });
  await audit(tx, actor, 'bind', 'Unit', target.unit.id, { chat: chat.platformChatId, created: target.created });
  return target;
}

/**
 * Who may set a group's push address: an admin, or a contact of the unit the group is bound to
 * (or of its parent). Checked before the test message goes out, so nobody else makes the bot
 * post into a group.
 */
export async function assertMaySetPush(tx: Tx, actor: Actor, chatId: number): Promise<void> {
  if (actor.isAdmin) return;
  const chat = await tx.chat.findUniqueOrThrow({ where: { id: chatId }, include: { unit: true } });
  if (!chat.unit) throw new UserError('units.push.bindFirst');
  if (!(await mayActFor(tx, actor, chat.unit.id))) throw new UserError('units.push.notYourChat', { unit: chat.unit.name });
}

/**
 * Stores a push address that has just carried a test message. The address is a credential: the
 * audit row holds it only as `shown` (shortened by the platform's sender).
 */
export async function savePushAddress(
  tx: Tx,
  actor: Actor,
  input: { chatId: number; key: string; secret?: string; shown: string; at: Date },
): Promise<Chat> {
  await assertMaySetPush(tx, actor, input.chatId);
  const chat = await tx.chat.update({
    where: { id: input.chatId },
    data: { pushKey: input.key, pushSecret: input.secret ?? '', pushSetAt: input.at },
  });
  await audit(tx, actor, 'set-push', 'Chat', input.chatId, { address: input.shown });
  return chat;
}
