import { readFileSync } from 'node:fs';
import { distance } from 'fastest-levenshtein';
import type { Db, Tx } from '../db/client.js';
import type { Unit, UnitKind } from '../generated/sqlite/client.js';
import { t, UNIT_KIND_LABEL } from '../texts.js';
import { soundOf } from '../sound.js';
import { UserError } from './errors.js';

/** Units directly under the province: the ones rankings and tables are by. */
export const TOP_KINDS: UnitKind[] = ['CITY', 'INDUSTRY', 'ORGAN', 'DIRECT'];

export interface UnitRow {
  name: string;
  shortName: string;
  kind: UnitKind;
  parent: string;
}

/** Reads the units seed file (CSV: 单位名称,简称,类型,上级单位; `#` lines are comments). */
export function readUnitsFile(path: string): UnitRow[] {
  const kindByLabel = new Map(Object.entries(UNIT_KIND_LABEL).map(([kind, label]) => [label, kind as UnitKind]));
  const rows: UnitRow[] = [];
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, i) => {
    const text = line.trim();
    if (!text || text.startsWith('#')) return;
    const [name, shortName = '', kindLabel = '', parent = ''] = text.split(',').map((s) => s.trim());
    const kind = kindByLabel.get(kindLabel);
    if (!name || !kind) throw new Error(t('units.fileRowWrong', { path, line: i + 1, text }));
    rows.push({ name, shortName, kind, parent });
  });
  return rows;
}

/** Imports units idempotently: updates existing ones by name, adds new ones, deletes none. */
export async function importUnits(db: Db, rows: UnitRow[]): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  const names = new Set(rows.map((r) => r.name));
  for (const r of rows) {
    if (r.parent && !names.has(r.parent) && !(await db.unit.findUnique({ where: { name: r.parent } }))) {
      throw new Error(`units: parent "${r.parent}" of "${r.name}" is not defined`);
    }
  }
  // Parents first: rows are applied in file order, then parent links in a second pass.
  for (const [i, r] of rows.entries()) {
    const existing = await db.unit.findUnique({ where: { name: r.name } });
    if (existing) {
      await db.unit.update({ where: { id: existing.id }, data: { shortName: r.shortName || null, kind: r.kind, sortOrder: i } });
      updated++;
    } else {
      await db.unit.create({ data: { name: r.name, shortName: r.shortName || null, kind: r.kind, sortOrder: i } });
      created++;
    }
  }
  for (const r of rows) {
    const parent = r.parent ? await db.unit.findUnique({ where: { name: r.parent } }) : null;
    await db.unit.update({ where: { name: r.name }, data: { parentId: parent?.id ?? null } });
  }
  return { created, updated };
}

/** The unit's level-1 ancestor (市州/产业/机关/直属), or itself. */
export async function topUnitOf(db: Tx, unit: Unit): Promise<Unit> {
  let u = unit;
  for (let i = 0; i < 8 && u.kind === 'GRASSROOTS' && u.parentId; i++) {
    u = (await db.unit.findUnique({ where: { id: u.parentId } })) ?? u;
  }
  return u;
}

/** The 市州 / 产业工会 a typed name stands for (a 基层单位 counts for its parent); undefined when it names none or several. */
export async function topUnitNamed(db: Tx, query: string): Promise<Unit | undefined> {
  const r = await resolveUnit(db, query);
  return 'unit' in r ? topUnitOf(db, r.unit) : undefined;
}

/** Units a contact of `unit` may act for: itself and the units directly under it. */
export async function unitScope(db: Tx, unitId: number): Promise<number[]> {
  const children = await db.unit.findMany({ where: { parentId: unitId }, select: { id: true } });
  return [unitId, ...children.map((c) => c.id)];
}

/** A union's name without the ending people leave out (长沙市总工会 → 长沙市); the longest one goes. */
function withoutNameSuffix(name: string): string {
  const suffix = t('units.nameSuffixes')
    .split(' ')
    .filter((ending) => name.endsWith(ending))
    .sort((a, b) => b.length - a.length)[0];
  return suffix ? name.slice(0, -suffix.length) : name;
}

/** 「湘西州」「株洲市」: a short name with the 州 or 市 people add to a place (units.placeSuffixes). */
function withoutPlaceSuffix(name: string): string {
  const suffix = t('units.placeSuffixes')
    .split(' ')
    .find((ending) => name.endsWith(ending) && name.length > ending.length + 1);
  return suffix ? name.slice(0, -suffix.length) : name;
}

/** `bySound`: no name fits, but one unit's name sounds the same (株州 → 株洲): a guess to confirm. */
/** `more`: how many more units fit than the (at most 9) choices offered. */
export type Resolution = { unit: Unit; bySound?: true } | { choices: Unit[]; more: number } | { none: true };

/**
 * Finds a unit by what people call it: the full name, the short name (长沙 → 长沙市总工会),
 * or a unique part of the name. Several plausible units give a choice.
 */
export async function resolveUnit(db: Tx, query: string): Promise<Resolution> {
  const q = query.trim();
  if (!q) return { none: true };
  const exact = await db.unit.findFirst({ where: { OR: [{ name: q }, { shortName: q }, { shortName: withoutPlaceSuffix(q) }] } });
  if (exact) return { unit: exact };
  const all = await db.unit.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
  const starts = all.filter((u) => u.name.startsWith(q) || withoutNameSuffix(u.name) === withoutNameSuffix(q));
  const found = starts.length ? starts : all.filter((u) => u.name.includes(q) || (u.shortName ?? '').includes(q));
  if (found.length === 1) return { unit: found[0] };
  if (found.length > 1) return { choices: found.slice(0, 9), more: Math.max(0, found.length - 9) };
  const sounding = await soundsLike(all, q);
  return sounding ? { unit: sounding, bySound: true } : { none: true };
}

/**
 * The one unit whose name (or short name) sounds like the typed one, typed with a character of
 * the same sound (株州 for 株洲, 常德 typed 长德). Undefined when none or several do.
 */
async function soundsLike(units: Unit[], typed: string): Promise<Unit | undefined> {
  const q = withoutNameSuffix(typed);
  if ([...q].length < 2 || !/^[\u4e00-\u9fff]+$/u.test(q)) return undefined;
  const sound = await soundOf();
  const heard = sound(q);
  const hits = units.filter((u) => [u.shortName ?? '', withoutNameSuffix(u.name)].some((name) => name.length === q.length && sound(name) === heard));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * `上级/基层单位` → the 基层单位 under its level-1 parent, created on first use.
 * Returns the unit and whether it was created. Before creating one, the name is matched against
 * the parent's 基层单位 — the same name with or without 工会/总工会/委员会 (长沙银行工会 for
 * 长沙银行), the same sound, or one character off — and such a near one comes back as `similar`
 * to ask about, unless `confirmedNew`. A name like the parent's or another 市州's (株洲 under
 * 株洲市总工会) is refused: it would count the 市州 twice.
 */
export async function findOrCreateGrassroots(
  db: Tx,
  parent: Unit,
  name: string,
  confirmedNew = false,
): Promise<{ unit: Unit; created: boolean } | { similar: Unit; typed: string; parent: Unit }> {
  if (!TOP_KINDS.includes(parent.kind)) throw new UserError('units.grassrootsWrongParent', { parent: parent.name });
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 40 || /[\/\\]/.test(clean)) throw new UserError('units.grassrootsNameInvalid');
  const existing = await db.unit.findUnique({ where: { name: clean } });
  if (existing) {
    if (existing.parentId !== parent.id) throw new UserError('units.grassrootsElsewhere', { name: clean });
    return { unit: existing, created: false };
  }
  const core = coreName(clean);
  const tops = await db.unit.findMany({ where: { kind: { in: TOP_KINDS } } });
  const top = tops.find((u) => [u.name, u.shortName ?? '', withoutNameSuffix(u.name), coreName(u.name)].some((n) => n && (n === clean || n === core)));
  if (top) throw new UserError('units.grassrootsNamedLikeTop', { name: clean, unit: top.name, parent: parent.name });
  if (!confirmedNew) {
    const siblings = await db.unit.findMany({ where: { parentId: parent.id }, orderBy: { id: 'asc' } });
    const similar = await nearName(siblings, core);
    if (similar) return { similar, typed: clean, parent };
  }
  const unit = await db.unit.create({ data: { name: clean, kind: 'GRASSROOTS', parentId: parent.id, sortOrder: 1000 } });
  return { unit, created: true };
}

/**
 * A unit's name without the endings people add or leave out (units.nameSuffixes), repeatedly:
 * 长沙银行工会委员会, 长沙银行工会 and 长沙银行 are one unit.
 */
function coreName(name: string): string {
  const GRASSROOTS_ENDINGS = t('units.nameSuffixes').split(' ').sort((a, b) => b.length - a.length);
  let n = name.trim();
  for (let again = true; again; ) {
    const ending = GRASSROOTS_ENDINGS.find((e) => n.endsWith(e) && n.length > e.length + 1);
    again = ending !== undefined;
    if (ending) n = n.slice(0, -ending.length);
  }
  return n;
}

/**
 * The first unit whose name is near `core` (already without its endings): the same, the same
 * sound (長沙 typed 长沙 is simplified before), or one character off for names of 4 or more.
 */
async function nearName(units: Unit[], core: string): Promise<Unit | undefined> {
  const same = units.find((u) => coreName(u.name) === core);
  if (same) return same;
  const sound = await soundOf();
  const heard = sound(core);
  return units.find((u) => {
    const other = coreName(u.name);
    if (other.length === core.length && sound(other) === heard) return true;
    return Math.min(other.length, core.length) >= 4 && distance(other, core) <= 1;
  });
}

/**
 * What a typed unit stands for when someone binds to it: a unit found by name (长沙), or
 * `上级/基层单位` — the 基层单位 under that parent, created on first use. When the name (or the
 * parent's) fits several units, the choices come back: `answers[i]` is what to bind to when
 * `units[i]` is picked (`长沙市总工会/长沙银行工会` for a parent picked for a new 基层单位).
 * A name that fits none is refused.
 */
export type UnitToBind =
  | { unit: Unit; created: boolean }
  /** A new 基层单位 whose name is near an existing one under the same parent: ask which is meant. */
  | { similar: Unit; typed: string; parent: Unit }
  /** Only a unit that sounds like the typed name: bound only once the sender confirms. */
  | { soundsLike: Unit; typed: string }
  | { ambiguous: string; units: Unit[]; more: number; answers: string[] };

export async function unitToBind(db: Tx, typed: string, confirmedSound = false, confirmedNew = false): Promise<UnitToBind> {
  const [parentName, childName] = typed.split('/').map((part) => part.trim());
  const query = childName === undefined ? typed : parentName;
  const found = await resolveUnit(db, query);
  if ('none' in found) throw new UserError('units.notFound', { query });
  if ('choices' in found) {
    const suffix = childName === undefined ? '' : `/${childName}`;
    return { ambiguous: query, units: found.choices, more: found.more, answers: found.choices.map((unit) => unit.name + suffix) };
  }
  if ('bySound' in found && !confirmedSound) return { soundsLike: found.unit, typed: query };
  if (childName === undefined) return { unit: found.unit, created: false };
  return findOrCreateGrassroots(db, found.unit, childName, confirmedNew);
}
