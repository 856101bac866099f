import type { Tx } from '../db/client.js';
import type { ActivityKind, AuditLog, Prisma } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { assertMayChange, audit, type Actor } from './actor.js';
import { fromAudit, sameValue, showValue, type Change } from './changes.js';
import { UserError } from './errors.js';

/**
 * 撤销: a person undoes their own last change to a record, within UNDO_WINDOW_MS, driven by the
 * audit rows their changes wrote (each keeps the values before and after). Undoing writes an
 * audit row of its own (`undo`, with the row it undid); an undone change is skipped next time,
 * so 撤销 again goes one step further back. 上报 (a new report simply replaces the week's figure)
 * and 承办申报 (slots, waitlists and admins' cards move with it: 撤回申报 is its undo) are not undone here.
 */

/** How long a change can be undone. */
export const UNDO_WINDOW_MS = 30 * 60_000;

export type UndoEntity = 'ReadingGroup' | 'Activity' | 'Recommendation';

/** The audit actions 撤销 undoes, per record kind. */
const UNDOABLE: Record<UndoEntity, readonly string[]> = {
  ReadingGroup: ['create', 'update', 'edit', 'delete'],
  Activity: ['create', 'edit', 'held', 'cancel'],
  Recommendation: ['create', 'withdraw'],
};
const ENTITIES = Object.keys(UNDOABLE) as UndoEntity[];

export interface UndoPlan {
  /** The audit row of the change. */
  auditId: number;
  entity: UndoEntity;
  /** The record's number. */
  id: number;
  /** What the change was: create, update, edit, delete, held, cancel or withdraw. */
  action: string;
  /** When it was made. */
  at: Date;
  /** The record as people know it: a community's name, an activity's theme, a book's title. */
  title: string;
  /** An activity's kind. */
  kind?: ActivityKind;
  /** A recommendation's person. */
  person?: string;
  /**
   * What undoing does: a registration (or a recommendation) goes, a deleted record comes back,
   * or fields go back to their earlier values.
   */
  effect: 'remove' | 'restore' | 'revert';
  /** For 'revert': each field, from its value now (`before`) back to the earlier one (`after`). */
  changes: Change[];
}

/** A record as undo reads and writes it. */
type Row = Record<string, unknown> & { id: number; unitId: number; deletedAt: Date | null };

/** `{ field: [value to restore, value it must have now] }` */
type Pairs = Record<string, [unknown, unknown]>;

const detailOf = (row: AuditLog): Record<string, unknown> => (row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {});
/** The `[before, after]` pairs of an audit row's detail (its other keys only describe the record). */
const pairsIn = (detail: Record<string, unknown>): Pairs =>
  Object.fromEntries(Object.entries(detail).filter(([, v]) => Array.isArray(v) && v.length === 2)) as Pairs;

/**
 * The actor's last change that 撤销 can undo, made within UNDO_WINDOW_MS before `now`; undefined
 * when there is none. With `confirmed` true for its audit row, the change is undone. Refused
 * (UserError) when it can no longer be undone: the record was changed, deleted or brought back since.
 */
export async function undoLast(
  tx: Tx,
  input: { actor: Actor; now: Date; confirmed: (auditId: number) => boolean },
): Promise<{ plan: UndoPlan; done: boolean } | undefined> {
  const { actor, now } = input;
  const recent = await tx.auditLog.findMany({
    where: { memberId: actor.memberId, entity: { in: ENTITIES }, createdAt: { gte: new Date(now.getTime() - UNDO_WINDOW_MS) } },
    orderBy: { id: 'desc' },
    take: 200,
  });
  const undone = new Set(recent.filter((r) => r.action === 'undo').map((r) => detailOf(r).undid));
  const row = recent.find((r) => UNDOABLE[r.entity as UndoEntity].includes(r.action) && !undone.has(r.id));
  if (!row) return undefined;
  const entity = row.entity as UndoEntity;
  const record = await load(tx, entity, Number(row.entityId));
  if (!record) throw new UserError('undo.recordGone', { what: recordName(entity, Number(row.entityId)) });
  const history = await tx.auditLog.findMany({ where: { entity, entityId: row.entityId }, orderBy: { id: 'asc' } });
  const undoneHere = new Set(history.filter((r) => r.action === 'undo').map((r) => detailOf(r).undid));
  const effective = history.filter((r) => r.action !== 'undo' && !undoneHere.has(r.id));
  const { effect, pairs } = target(row, record, effective, now);

  await mayUndo(tx, actor, entity, record);
  await assertUnchangedSince(tx, row, record, pairs, effective, effect, entity);
  if (entity === 'Recommendation' && effect === 'restore') await assertNoTwin(tx, record);
  const plan: UndoPlan = {
    auditId: row.id,
    entity,
    id: record.id,
    action: row.action,
    at: row.createdAt,
    title: String(record.name ?? record.theme ?? record.bookTitle ?? ''),
    ...(entity === 'Activity' ? { kind: record.kind as ActivityKind } : {}),
    ...(entity === 'Recommendation' ? { person: String(record.personName) } : {}),
    effect,
    changes:
      effect === 'revert'
        ? Object.entries(pairs)
            .filter(([field]) => !UNSHOWN.has(field))
            .map(([field, [before]]) => ({ field, before: record[field], after: fromAudit(field, before) }))
        : [],
  };
  if (!input.confirmed(row.id)) return { plan, done: false };

  const data: Record<string, unknown> = Object.fromEntries(Object.entries(pairs).map(([field, [before]]) => [field, fromAudit(field, before)]));
  if (entity !== 'Recommendation' && !('updatedById' in pairs) && effect !== 'remove') data.updatedById = lastChanger(effective, row.id);
  await write(tx, entity, record.id, data);
  await audit(tx, actor, 'undo', entity, record.id, {
    undid: row.id,
    action: row.action,
    ...Object.fromEntries(Object.entries(pairs).map(([field, [before]]) => [field, [record[field] ?? null, before]])),
  });
  return { plan, done: true };
}

/** Columns an undo writes that a reply does not show. */
const UNSHOWN = new Set(['heldAt', 'createdById', 'updatedById', 'deletedAt']);
/** Columns an undo writes without comparing them first: they follow the ones it compares. */
const UNCHECKED = new Set([...UNSHOWN, 'status']);

/** What undoing `row` writes: each column's earlier value, with the value it must have now. */
function target(row: AuditLog, record: Row, effective: AuditLog[], now: Date): { effect: UndoPlan['effect']; pairs: Pairs } {
  const detail = detailOf(row);
  switch (row.action) {
    case 'create': {
      // A deleted community registered again came back with new values: undoing puts back the old row, deleted.
      const revived = detail.revived as Pairs | undefined;
      return { effect: 'remove', pairs: revived ?? { deletedAt: [now.toISOString(), null] } };
    }
    case 'delete':
    case 'cancel':
    case 'withdraw':
      return { effect: 'restore', pairs: { deletedAt: [null, (detail.deletedAt as [null, string])[1]] } };
    case 'held': {
      // Its row keeps the count; whether the activity was already held shows in the held rows before it.
      const [before, after] = detail.participants as [number | null, number];
      const heldBefore = effective.some((r) => r.action === 'held' && r.id < row.id);
      return {
        effect: 'revert',
        pairs: heldBefore
          ? { participantCount: [before, after] }
          : { participantCount: [before, after], status: ['PLANNED', 'HELD'], heldAt: [null, record.heldAt] },
      };
    }
    default:
      return { effect: 'revert', pairs: pairsIn(detail) };
  }
}

/** Undoing is a change like any other: the record's unit's people or an admin; a recommendation's own author too. */
async function mayUndo(tx: Tx, actor: Actor, entity: UndoEntity, record: Row): Promise<void> {
  if (entity === 'Recommendation' && record.memberId === actor.memberId) return;
  await assertMayChange(tx, actor, record.unitId, t(NOUN[entity]));
}

const NOUN = { ReadingGroup: 'communities.noun', Activity: 'activities.noun', Recommendation: 'reading.noun' } as const;

/** A record as the refusals name it: 「社群 #3」. */
function recordName(entity: UndoEntity, id: number): string {
  return t('undo.record', { entity, id });
}

/**
 * Refuses when undoing would overwrite what happened since: a field changed again, the record
 * deleted (or brought back) since, or — for a registration — changed by someone else since.
 */
async function assertUnchangedSince(
  tx: Tx,
  row: AuditLog,
  record: Row,
  pairs: Pairs,
  effective: AuditLog[],
  effect: UndoPlan['effect'],
  entity: UndoEntity,
): Promise<void> {
  const what = recordName(entity, record.id);
  const deletedNow = record.deletedAt !== null;
  if (effect === 'restore' && !deletedNow) throw new UserError('undo.alreadyBack', { what });
  if (effect !== 'restore' && deletedNow) throw new UserError('undo.recordGone', { what });
  if (effect === 'remove') {
    const later = effective.find((r) => r.id > row.id && r.memberId !== row.memberId);
    if (later) {
      const by = later.memberId === null ? null : await tx.member.findUnique({ where: { id: later.memberId } });
      throw new UserError('undo.changedByOthers', { what, by: by?.displayName || later.actor, entity, id: record.id });
    }
  }
  for (const [field, [, after]] of Object.entries(pairs)) {
    if (UNCHECKED.has(field) || sameValue(record[field], fromAudit(field, after))) continue;
    throw new UserError('undo.changedSince', {
      what,
      label: t('corrections.field', { field }),
      value: showValue(field, record[field]),
      entity,
      id: record.id,
    });
  }
}

/** A withdrawn recommendation comes back only if the same person has not recommended the book again since. */
async function assertNoTwin(tx: Tx, record: Row): Promise<void> {
  const twin = await tx.recommendation.findFirst({
    where: {
      campaignId: record.campaignId as number,
      unitId: record.unitId,
      personName: record.personName as string,
      bookTitle: record.bookTitle as string,
      deletedAt: null,
      id: { not: record.id },
    },
  });
  if (twin) throw new UserError('undo.recommendedAgain', { book: String(record.bookTitle), person: String(record.personName), id: twin.id });
}

/** Who changed the record last once `undoing` is undone: the latest change still in effect after its registration, else nobody (its author). */
function lastChanger(effective: AuditLog[], undoing: number): number | null {
  const created = effective.filter((r) => r.action === 'create').at(-1)?.id ?? 0;
  const changes = effective.filter((r) => r.id > created && r.id !== undoing && r.action !== 'create');
  return changes.at(-1)?.memberId ?? null;
}

async function load(tx: Tx, entity: UndoEntity, id: number): Promise<Row | null> {
  switch (entity) {
    case 'ReadingGroup':
      return tx.readingGroup.findUnique({ where: { id } });
    case 'Activity':
      return tx.activity.findUnique({ where: { id } });
    case 'Recommendation':
      return tx.recommendation.findUnique({ where: { id } });
  }
}

async function write(tx: Tx, entity: UndoEntity, id: number, data: Record<string, unknown>): Promise<void> {
  switch (entity) {
    case 'ReadingGroup':
      await tx.readingGroup.update({ where: { id }, data: data as Prisma.ReadingGroupUncheckedUpdateInput });
      return;
    case 'Activity':
      await tx.activity.update({ where: { id }, data: data as Prisma.ActivityUncheckedUpdateInput });
      return;
    case 'Recommendation':
      await tx.recommendation.update({ where: { id }, data: data as Prisma.RecommendationUncheckedUpdateInput });
  }
}
