import type { Tx } from '../db/client.js';
import type { ActivityKind, ActivityStatus } from '../generated/sqlite/client.js';
import { ACTIVITY_KIND_LABEL, t } from '../texts.js';
import { formatDate, formatDateTime } from '../time.js';
import type { Actor } from './actor.js';

/**
 * Corrections of records (修改, 删除, 取消, 撤销): one field before and after, as replies show it
 * (「参与人数：120 → 150」) and as audit rows keep it (`{ "memberCount": [120, 150] }`), which is
 * what 撤销 reads back.
 */
export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** Columns holding a day, and columns holding an instant; an audit row keeps both as ISO strings. */
const DAY_FIELDS = new Set(['foundedOn']);
const INSTANT_FIELDS = new Set(['startsAt', 'heldAt', 'deletedAt']);

/** A value read back from an audit row, as its column holds it. */
export function fromAudit(field: string, value: unknown): unknown {
  if ((DAY_FIELDS.has(field) || INSTANT_FIELDS.has(field)) && typeof value === 'string') return new Date(value);
  return value ?? null;
}

/** Whether two values of a column are the same (dates by instant; undefined as null). */
export function sameValue(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));
  return plain(a) === plain(b);
}

/** The fields of `next` whose value differs from `current`'s, in `next`'s order. */
export function changesFrom(current: object, next: object): Change[] {
  const before = current as Record<string, unknown>;
  return Object.entries(next)
    .filter(([field, after]) => after !== undefined && !sameValue(before[field], after))
    .map(([field, after]) => ({ field, before: before[field] ?? null, after }));
}

/** Changes as an audit row keeps them: `{ field: [before, after] }`. */
export function auditPairs(changes: readonly Change[]): Record<string, [unknown, unknown]> {
  return Object.fromEntries(changes.map((c) => [c.field, [c.before, c.after]]));
}

/** A column's value as a reply shows it (a date in Chinese, an activity kind by its name). */
export function showValue(field: string, value: unknown): string {
  const v = fromAudit(field, value);
  if (v === null || v === '') return t('corrections.empty');
  if (v instanceof Date) return DAY_FIELDS.has(field) ? formatDate(v) : formatDateTime(v);
  if (field === 'kind') return ACTIVITY_KIND_LABEL[v as ActivityKind];
  if (field === 'status') return t('corrections.status', { status: v as ActivityStatus });
  return String(v);
}

/** 「参与人数：120 → 150」 */
export function showChange(change: Change): string {
  return t('corrections.changeLine', {
    label: t('corrections.field', { field: change.field }),
    before: showValue(change.field, change.before),
    after: showValue(change.field, change.after),
  });
}

/** Who last wrote a record, named in the reply when someone else changes it. */
export interface EarlierAuthor {
  name: string;
  /** Whether they registered it (it is unchanged since) or changed it last. */
  how: 'registered' | 'changed';
}

/** The record's last author (updatedById, else createdById) when it is not the actor. */
export async function earlierAuthor(
  tx: Tx,
  record: { createdById: number | null; updatedById: number | null },
  actor: Actor,
): Promise<EarlierAuthor | undefined> {
  const id = record.updatedById ?? record.createdById;
  if (id === null || id === actor.memberId) return undefined;
  const member = await tx.member.findUnique({ where: { id } });
  if (!member) return undefined;
  return { name: member.displayName || member.platformUserId, how: record.updatedById === null ? 'registered' : 'changed' };
}

/** 「（原由 王芳 登记）」, or nothing when the actor wrote the record last. */
export function showEarlier(earlier: EarlierAuthor | undefined): string {
  return earlier ? t('corrections.earlierAuthor', earlier) : '';
}
