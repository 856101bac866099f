import type { Tx } from '../db/client.js';
import type { Chat, Unit } from '../generated/sqlite/client.js';
import { audit, type Actor } from './actor.js';
import { askToActFor, bindGroup, speaksFor, type ContactOutcome } from './contacts.js';
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
  | { ambiguous: string; units: Unit[]; more: number; answers: string[] }
  /** A new 基层单位 named near an existing one under the same parent: ask which (input.confirmedNew). */
  | { similar: Unit; typed: string; parent: Unit }
  /** Only a unit that sounds like the typed name: ask before binding (input.confirmedSound). */
  | { soundsLike: Unit; typed: string }
  /** The group is bound to another unit: show old → new and ask first (input.confirmedRebind). */
  | { rebind: { from: Unit; to: Unit } };

/**
 * 绑定: binds the chat and the sender to the unit `typed` stands for (see `unitToBind`).
 * - The group: an unbound group is bound by an admin or by whoever is (or now becomes) the
 *   unit's contact; someone who only asks to be one binds it once agreed. A group bound to
 *   another unit is moved only by an admin, or by a contact of both units (or of their
 *   parents), after they confirm old → new. Naming a 基层单位 under the group's unit leaves the
 *   group as it is. Only admins bind to the province.
 * - The sender: becomes the unit's contact when it has none, else asks its contacts and the
 *   admins (see `askToActFor`). Rebinding a group, and an admin binding one, leave the sender's
 *   own binding as it was.
 */
export async function bindChat(
  tx: Tx,
  actor: Actor,
  input: { chatId: number; typed: string; now: Date; confirmedSound?: boolean; confirmedRebind?: boolean; confirmedNew?: boolean },
): Promise<Binding> {
  const target = await unitToBind(tx, input.typed, input.confirmedSound, input.confirmedNew);
  if ('ambiguous' in target || 'soundsLike' in target || 'similar' in target) return target;
  const chat = await tx.chat.findUniqueOrThrow({ where: { id: input.chatId }, include: { unit: true } });
  const to = target.unit;
  // The province is the admins' own: nobody else binds a group or themselves to it.
  if (to.kind === 'PROVINCE' && !actor.isAdmin) throw new UserError('units.provinceAdminsOnly');
  const previous = chat.unit ?? undefined;
  if (chat.isGroup && previous && previous.id !== to.id && to.parentId !== previous.id) {
    // Moving a group: only who speaks for its unit, and only to a unit they speak for too —
    // never into a unit whose records they could not change otherwise.
    if (!(await speaksFor(tx, actor, previous))) throw new UserError('units.rebindRefused', { unit: previous.name });
    if (!(await speaksFor(tx, actor, to))) throw new UserError('units.rebindTargetRefused', { from: previous.name, to: to.name });
    if (!input.confirmedRebind) return { rebind: { from: previous, to } };
    await bindGroup(tx, actor, chat, to, { before: previous, created: target.created });
    // The sender's own binding stays as it was.
    return { unit: to, created: target.created, chat: 'rebound', previous, notices: [] };
  }
  const bindsGroup = chat.isGroup && !previous;
  if (bindsGroup && actor.isAdmin) {
    await bindGroup(tx, actor, chat, to, { created: target.created });
    return { unit: to, created: target.created, chat: 'bound', previous, notices: [] };
  }
  const { outcome, notices } = await askToActFor(tx, actor, { unit: to, chatId: chat.id, now: input.now });
  // An unbound group joins the unit with its contact; someone who only asked to be one binds it
  // once the request is agreed (see decideContactRequest), not before.
  const speaks = outcome.kind === 'first' || outcome.kind === 'already' || outcome.kind === 'named';
  if (bindsGroup && speaks) await bindGroup(tx, actor, chat, to, { created: target.created });
  return { unit: to, created: target.created, chat: bindsGroup && speaks ? 'bound' : 'unchanged', previous, contact: outcome, notices };
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
