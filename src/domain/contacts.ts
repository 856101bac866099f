import type { Tx } from '../db/client.js';
import type { ContactRequest, Member, Unit } from '../generated/sqlite/client.js';
import { audit, type Actor } from './actor.js';
import { UserError } from './errors.js';
import { memberNamed } from './members.js';
import type { Notice } from './notices.js';
import { resolveUnit } from './units.js';

/**
 * Who speaks for a unit. A member is a unit's contact when their binding (`Member.unitId`) names
 * it. Becoming one is self-service only while the unit has none (the first contact, whom admins
 * are told about and may revoke); after that a request waits for one of its contacts or an admin
 * to agree. Admins name or remove contacts directly (设联系人).
 */

/** How a binding came about, as `Member.unitHow` records it. */
export type ContactHow = 'first' | 'approved' | 'named';

/** What asking to act for a unit led to. */
export type ContactOutcome =
  | { kind: 'already' }
  /** The unit had no contact: the member is now its first one (admins are told). */
  | { kind: 'first' }
  /** An admin binds themselves: no one to ask. */
  | { kind: 'named' }
  /** The unit has contacts: a request now waits for one of them or an admin. */
  | { kind: 'requested'; request: ContactRequest; contacts: Member[] }
  /** The same request was already waiting. */
  | { kind: 'pending'; request: ContactRequest; contacts: Member[] };

/**
 * Whether the actor speaks for `unit` as a contact — of it or of its parent — or as an admin:
 * who may move or unbind a group, or set its push address. Acting for a unit as a member of its
 * group is not enough for these.
 */
export async function speaksFor(tx: Tx, actor: Actor, unit: Pick<Unit, 'id' | 'parentId'>): Promise<boolean> {
  if (actor.isAdmin) return true;
  const member = await tx.member.findUniqueOrThrow({ where: { id: actor.memberId } });
  return member.unitId !== null && (member.unitId === unit.id || member.unitId === unit.parentId);
}

/** Binds a group chat to a unit, with its audit row. */
export async function bindGroup(
  tx: Tx,
  actor: Actor,
  chat: { id: number; platformChatId: string },
  unit: Unit,
  detail: { before?: Unit; created?: boolean },
): Promise<void> {
  await tx.chat.update({ where: { id: chat.id }, data: { unitId: unit.id } });
  await audit(tx, actor, detail.before ? 'rebind' : 'bind', 'Chat', chat.id, {
    chat: chat.platformChatId,
    unit: unit.name,
    before: detail.before?.name ?? null,
    created: detail.created ?? false,
  });
}

/** The unit's contacts (bound members), oldest first. */
export function contactsOf(tx: Tx, unitId: number, except?: number): Promise<Member[]> {
  return tx.member.findMany({
    where: { unitId, ...(except === undefined ? {} : { id: { not: except } }) },
    orderBy: [{ unitSince: 'asc' }, { id: 'asc' }],
  });
}

async function makeContact(tx: Tx, actor: Actor, member: Member, unit: Unit, how: ContactHow, now: Date): Promise<void> {
  await tx.member.update({ where: { id: member.id }, data: { unitId: unit.id, unitHow: how, unitSince: now } });
  await tx.contactRequest.updateMany({ where: { memberId: member.id, status: 'PENDING' }, data: { status: 'WITHDRAWN', decidedAt: now } });
  await audit(tx, actor, `contact-${how}`, 'Member', member.id, { unit: unit.name, before: member.unitId });
}

/**
 * The actor asks to act for `unit` (绑定). `chatId` is where they asked: the answer to a request
 * goes there. Notices tell admins about a first contact, and a unit's contacts and the admins
 * about a request.
 */
export async function askToActFor(
  tx: Tx,
  actor: Actor,
  input: { unit: Unit; chatId: number; now: Date },
): Promise<{ outcome: ContactOutcome; notices: Notice[] }> {
  const { unit, now } = input;
  const member = await tx.member.findUniqueOrThrow({ where: { id: actor.memberId } });
  if (member.unitId === unit.id) return { outcome: { kind: 'already' }, notices: [] };
  const contacts = await contactsOf(tx, unit.id, member.id);
  if (!contacts.length) {
    await makeContact(tx, actor, member, unit, 'first', now);
    return { outcome: { kind: 'first' }, notices: [{ kind: 'contact-first', unit, member: { ...member, unitId: unit.id } }] };
  }
  if (actor.isAdmin) {
    await makeContact(tx, actor, member, unit, 'named', now);
    return { outcome: { kind: 'named' }, notices: [] };
  }
  const waiting = await tx.contactRequest.findFirst({ where: { unitId: unit.id, memberId: member.id, status: 'PENDING' } });
  if (waiting) return { outcome: { kind: 'pending', request: waiting, contacts }, notices: [] };
  // One open request per person: asking for another unit replaces the earlier one.
  await tx.contactRequest.updateMany({ where: { memberId: member.id, status: 'PENDING' }, data: { status: 'WITHDRAWN', decidedAt: now } });
  const request = await tx.contactRequest.create({ data: { unitId: unit.id, memberId: member.id, chatId: input.chatId } });
  await audit(tx, actor, 'contact-request', 'ContactRequest', request.id, { unit: unit.name });
  return {
    outcome: { kind: 'requested', request, contacts },
    notices: [{ kind: 'contact-requested', request, unit, member, contacts }],
  };
}

export type PendingRequest = ContactRequest & { unit: Unit; member: Member };

/** The requests the actor may decide: those for units they are a contact of; an admin, all. */
export async function requestsToDecide(tx: Tx, actor: Actor): Promise<PendingRequest[]> {
  const member = await tx.member.findUniqueOrThrow({ where: { id: actor.memberId } });
  if (!actor.isAdmin && !member.unitId) return [];
  return tx.contactRequest.findMany({
    where: { status: 'PENDING', ...(actor.isAdmin ? {} : { unitId: member.unitId! }) },
    include: { unit: true, member: true },
    orderBy: { id: 'asc' },
    take: 20,
  });
}

/** The actor's own request still waiting, if any. */
export function ownPendingRequest(tx: Tx, memberId: number): Promise<(ContactRequest & { unit: Unit }) | null> {
  return tx.contactRequest.findFirst({ where: { memberId, status: 'PENDING' }, include: { unit: true } });
}

/**
 * 同意 / 拒绝 without a number: decides the one request waiting for the actor, or the one of the
 * person `who` names. Undefined when nothing waits for them (the caller then reads the words as
 * a host request's decision); several without a name are refused with the names to choose from.
 */
export async function decideContactRequest(
  tx: Tx,
  actor: Actor,
  input: { approve: boolean; who?: string; now: Date },
): Promise<{ request: PendingRequest; notices: Notice[] } | undefined> {
  const waiting = await requestsToDecide(tx, actor);
  if (!waiting.length) return undefined;
  const who = input.who?.replace(/^@/, '').trim();
  const picked = who ? waiting.filter((r) => r.member.displayName === who || r.member.platformUserId === who) : waiting;
  if (who && !picked.length) {
    throw new UserError('contacts.noRequestFrom', { who, names: waiting.map((r) => r.member.displayName), approve: input.approve });
  }
  if (picked.length > 1) throw new UserError('contacts.whichRequest', { names: picked.map((r) => r.member.displayName), approve: input.approve });
  const request = picked[0];
  const status = input.approve ? 'APPROVED' : 'REJECTED';
  const claimed = await tx.contactRequest.updateMany({
    where: { id: request.id, status: 'PENDING' },
    data: { status, decidedById: actor.memberId, decidedAt: input.now },
  });
  if (claimed.count !== 1) throw new UserError('contacts.decidedMeanwhile', { name: request.member.displayName });
  if (input.approve) {
    await makeContact(tx, actor, request.member, request.unit, 'approved', input.now);
    // The group they asked from, still unbound, joins the unit with them.
    const chat = request.chatId ? await tx.chat.findUnique({ where: { id: request.chatId } }) : null;
    if (chat?.isGroup && chat.unitId === null) await bindGroup(tx, actor, chat, request.unit, {});
  }
  await audit(tx, actor, input.approve ? 'contact-approve' : 'contact-reject', 'ContactRequest', request.id, {
    unit: request.unit.name,
    member: request.member.platformUserId,
  });
  const decided = { ...request, status };
  return { request: decided, notices: [{ kind: 'contact-decided', request: decided, by: actor.name }] };
}

/**
 * 设联系人 (admins): names `member` a contact of `unit`, or with `revoke` takes that back. A
 * request of theirs that was waiting is settled by it.
 */
export async function nameContact(
  tx: Tx,
  actor: Actor,
  input: { unit: Unit; member: Member; revoke: boolean; now: Date },
): Promise<{ changed: boolean }> {
  const { unit, member, now } = input;
  if (!actor.isAdmin) throw new UserError('contacts.setByAdmins');
  if (input.revoke) {
    if (member.unitId !== unit.id) return { changed: false };
    await tx.member.update({ where: { id: member.id }, data: { unitId: null, unitHow: '', unitSince: null } });
    await audit(tx, actor, 'contact-revoke', 'Member', member.id, { unit: unit.name });
    return { changed: true };
  }
  if (member.unitId === unit.id) return { changed: false };
  await tx.contactRequest.updateMany({
    where: { memberId: member.id, unitId: unit.id, status: 'PENDING' },
    data: { status: 'APPROVED', decidedById: actor.memberId, decidedAt: now },
  });
  await makeContact(tx, actor, member, unit, 'named', now);
  return { changed: true };
}

/** 解绑 of oneself: the actor stops being a contact of their unit. */
export async function leaveUnit(tx: Tx, actor: Actor): Promise<Unit | undefined> {
  const member = await tx.member.findUniqueOrThrow({ where: { id: actor.memberId }, include: { unit: true } });
  if (!member.unit) return undefined;
  await tx.member.update({ where: { id: member.id }, data: { unitId: null, unitHow: '', unitSince: null } });
  await audit(tx, actor, 'contact-leave', 'Member', member.id, { unit: member.unit.name });
  return member.unit;
}

/** Members who became a unit's first contact by themselves lately, for admins to look over. */
export function recentFirstContacts(tx: Tx, since: Date): Promise<Array<Member & { unit: Unit | null }>> {
  return tx.member.findMany({
    where: { unitHow: 'first', unitSince: { gte: since }, unitId: { not: null } },
    include: { unit: true },
    orderBy: { unitSince: 'desc' },
    take: 10,
  });
}

/** 设联系人 as typed: the unit and the member by what people call them (see `nameContact`). */
export async function nameContactTyped(
  tx: Tx,
  actor: Actor,
  input: { platform: string; unit: string; who: string; revoke: boolean; now: Date },
): Promise<{ unit: Unit; member: Member; changed: boolean }> {
  if (!actor.isAdmin) throw new UserError('contacts.setByAdmins');
  const found = await resolveUnit(tx, input.unit);
  // A name typed with the right sound, wrong character (株州): the right one is shown in the command to send.
  if ('unit' in found && found.bySound) {
    const short = found.unit.shortName ?? found.unit.name;
    throw new UserError('contacts.soundsLike', { typed: input.unit, unit: found.unit.name, short, who: input.who, revoke: input.revoke });
  }
  if (!('unit' in found)) throw new UserError('contacts.unitNotFound', { query: input.unit });
  const member = await memberNamed(tx, input.platform, input.who.replace(/^@/, '').trim());
  const { changed } = await nameContact(tx, actor, { unit: found.unit, member, revoke: input.revoke, now: input.now });
  return { unit: found.unit, member, changed };
}
