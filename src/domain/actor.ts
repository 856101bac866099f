import type { Tx } from '../db/client.js';
import type { Unit } from '../generated/sqlite/client.js';
import { UserError } from './errors.js';
import { unitScope } from './units.js';

/**
 * Who is changing something, as plain values: what a domain function needs to decide whether
 * they may, and to write the audit row. Built by the dispatcher from the message (or a card click).
 */
export interface Actor {
  memberId: number;
  /** The name people know them by, e.g. in 「已由省总王处批准」. */
  name: string;
  /** `platform:userId`, as the audit log records it. */
  ref: string;
  platform: string;
  /** The platform message (or click) that asked for the change. */
  messageId: string;
  isAdmin: boolean;
  /** The unit they act for (see `actingFor`); null when they act for none. */
  unit: Unit | null;
  /**
   * Why they act for it: as its contact (their own binding), as a member of the group bound to
   * it, or not at all.
   */
  via?: 'contact' | 'group' | null;
  /**
   * When they asked, by the app's clock: audit rows are stamped with it, so rules that read them
   * back (撤销 within 30 minutes) compare one clock, not the app's with the database's.
   */
  at?: Date;
}

/**
 * The unit someone acts for, in one rule. In a group bound to a unit they act for that unit — or
 * for the 基层单位 under it they are the contact of — and never for an unrelated unit, whatever
 * their own binding says. Elsewhere (a private chat, an unbound group) they act for the unit
 * they are a contact of.
 */
export function actingFor(
  chatUnit: Unit | null,
  memberUnit: Unit | null,
): { unit: Unit | null; via: Actor['via'] } {
  if (chatUnit) {
    const own = memberUnit && (memberUnit.id === chatUnit.id || memberUnit.parentId === chatUnit.id);
    return own ? { unit: memberUnit, via: 'contact' } : { unit: chatUnit, via: 'group' };
  }
  return memberUnit ? { unit: memberUnit, via: 'contact' } : { unit: null, via: null };
}

/** The unit the actor acts for; refused when they have none. */
export function actingUnit(actor: Actor): Unit {
  if (!actor.unit) throw new UserError('access.bindFirst');
  return actor.unit;
}

/** Whether the actor may act for a unit: admins for any, contacts for their own and those under it. */
export async function mayActFor(tx: Tx, actor: Actor, unitId: number): Promise<boolean> {
  if (actor.isAdmin) return true;
  return Boolean(actor.unit && (await unitScope(tx, actor.unit.id)).includes(unitId));
}

/** Contacts change only their own unit's records (and those of the units under it); admins any. */
export async function assertMayChange(tx: Tx, actor: Actor, unitId: number, what: string): Promise<void> {
  if (!(await mayActFor(tx, actor, unitId))) throw new UserError('access.notYourRecord', { what });
}

/**
 * The units a list shows: the actor's unit and the units under it; an admin with no unit of their
 * own sees the whole province (undefined).
 */
export async function listScope(tx: Tx, actor: Actor): Promise<number[] | undefined> {
  if (!actor.unit && actor.isAdmin) return undefined;
  return unitScope(tx, actingUnit(actor).id);
}

/** Every change writes one audit row: who, what, which record, and the values before and after. */
export async function audit(tx: Tx, actor: Actor, action: string, entity: string, entityId: string | number, detail?: unknown): Promise<void> {
  await tx.auditLog.create({
    data: {
      memberId: actor.memberId,
      actor: actor.ref,
      action,
      entity,
      entityId: String(entityId),
      detail: detail === undefined ? '' : JSON.stringify(detail),
      platform: actor.platform,
      messageId: actor.messageId,
      ...(actor.at ? { createdAt: actor.at } : {}),
    },
  });
}
