import type { Tx } from '../db/client.js';
import type { Chat, Unit } from '../generated/sqlite/client.js';
import { audit, type Actor } from './actor.js';
import { askToActFor, speaksFor, type ContactOutcome } from './contacts.js';
import { UserError } from './errors.js';
import type { Notice } from './notices.js';
import { unitToBind } from './units.js';

/**
 * Group chats: which unit a chat (and the member speaking in it) belongs to, and where the bot
 * pushes to the chat on its own (设置推送).
 */

export type Binding =
  /**
   * Done. `chat` says what happened to the group (bound now, rebound from `previous`, or left
   * as it was: a private chat, or a 基层单位 under the group's unit); `contact` what became of the
   * sender's own binding. `created` when the 基层单位 was registered by this binding.
   */
  | {
      unit: Unit;
      created: boolean;
      chat: 'bound' | 'rebound' | 'unchanged';
      previous?: Unit;
      /** Undefined when the sender's own binding was left alone (a rebind, an admin). */
      contact?: ContactOutcome;
      notices: Notice[];
    }
  /** The typed name fits several units: `answers[i]` binds to `units[i]` when typed again. */
  | { ambiguous: string; units: Unit[]; answers: string[] }
  /** Only a unit that sounds like the typed name: ask before binding (input.confirmedSound). */
  | { soundsLike: Unit; typed: string }
  /** The group is bound to another unit: show old → new and ask first (input.confirmedRebind). */
  | { rebind: { from: Unit; to: Unit } };

/**
 * 绑定: binds the chat and the sender to the unit `typed` stands for (see `unitToBind`).
 * - The group: an unbound group is bound by anyone in it. A group bound to another unit is
 *   rebound only by an admin or that unit's contact (or its parent's), and only after they
 *   confirm old → new. Naming a 基层单位 under the group's unit leaves the group as it is.
 * - The sender: becomes the unit's contact when it has none, else asks its contacts and the
 *   admins (see `askToActFor`). Rebinding a group, and an admin binding one, leave the sender's
 *   own binding as it was.
 */
export async function bindChat(
  tx: Tx,
  actor: Actor,
  input: { chatId: number; typed: string; now: Date; confirmedSound?: boolean; confirmedRebind?: boolean },
): Promise<Binding> {
  const target = await unitToBind(tx, input.typed, input.confirmedSound);
  if ('ambiguous' in target || 'soundsLike' in target) return target;
  const chat = await tx.chat.findUniqueOrThrow({ where: { id: input.chatId }, include: { unit: true } });
  const member = await tx.member.findUniqueOrThrow({ where: { id: actor.memberId } });
  const to = target.unit;
  let change: 'bound' | 'rebound' | 'unchanged' = 'unchanged';
  const previous = chat.unit ?? undefined;
  if (chat.isGroup && !previous) change = 'bound';
  else if (chat.isGroup && previous && previous.id !== to.id && to.parentId !== previous.id) {
    if (!(await speaksFor(tx, actor, previous))) throw new UserError('units.rebindRefused', { unit: previous.name });
    if (!input.confirmedRebind) return { rebind: { from: previous, to } };
    change = 'rebound';
  }
  if (change !== 'unchanged') {
    await tx.chat.update({ where: { id: chat.id }, data: { unitId: to.id } });
    await audit(tx, actor, change === 'bound' ? 'bind' : 'rebind', 'Chat', chat.id, {
      chat: chat.platformChatId,
      unit: to.name,
      before: previous?.name ?? null,
      created: target.created,
    });
  }
  // Moving a group to another unit is about the group: the sender's own binding stays as it
  // was (a contact of the old unit does not become the new one's). Admins binding a group
  // keep theirs too.
  if (change === 'rebound' || (actor.isAdmin && change === 'bound')) {
    return { unit: to, created: target.created, chat: change, previous, notices: [] };
  }
  const { outcome, notices } = await askToActFor(tx, actor, { unit: to, chatId: chat.id, now: input.now });
  return { unit: to, created: target.created, chat: change, previous, contact: outcome, notices };
}

/** 解绑 in a group: the group leaves its unit; only that unit's contact (or its parent's) or an admin. */
export async function unbindChat(tx: Tx, actor: Actor, chatId: number): Promise<Unit> {
  const chat = await tx.chat.findUniqueOrThrow({ where: { id: chatId }, include: { unit: true } });
  if (!chat.unit) throw new UserError('units.unbind.nothing');
  if (!(await speaksFor(tx, actor, chat.unit))) throw new UserError('units.unbind.refused', { unit: chat.unit.name });
  await tx.chat.update({ where: { id: chat.id }, data: { unitId: null } });
  await audit(tx, actor, 'unbind', 'Chat', chat.id, { chat: chat.platformChatId, before: chat.unit.name });
  return chat.unit;
}

/**
 * Who may set a group's push address: an admin, or a contact of the unit the group is bound to
 * (or of its parent) — not every member who acts for the unit in the group. Checked before the test message goes out, so nobody else makes the bot
 * post into a group.
 */
export async function assertMaySetPush(tx: Tx, actor: Actor, chatId: number): Promise<void> {
  if (actor.isAdmin) return;
  const chat = await tx.chat.findUniqueOrThrow({ where: { id: chatId }, include: { unit: true } });
  if (!chat.unit) throw new UserError('units.push.bindFirst');
  if (!(await speaksFor(tx, actor, chat.unit))) throw new UserError('units.push.notYourChat', { unit: chat.unit.name });
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
