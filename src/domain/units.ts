import { readFileSync } from 'node:fs';
import type { Db, Tx } from '../db/client.js';
import type { Unit, UnitKind } from '../generated/sqlite/client.js';
import { UserError } from './errors.js';

export const KIND_LABEL: Record<UnitKind, string> = {
  PROVINCE: '省总工会',
  CITY: '市州总工会',
  INDUSTRY: '省产业工会',
  ORGAN: '省直机关工会',
  DIRECT: '省直属基层工会工委',
  GRASSROOTS: '基层单位',
};
const KIND_BY_LABEL = new Map(Object.entries(KIND_LABEL).map(([k, v]) => [v, k as UnitKind]));

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
  const rows: UnitRow[] = [];
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const [name, shortName = '', kindLabel = '', parent = ''] = t.split(',').map((s) => s.trim());
    const kind = KIND_BY_LABEL.get(kindLabel);
    if (!name || !kind) throw new Error(`${path}:${i + 1}: expected 单位名称,简称,类型,上级单位 with a known 类型, got "${t}"`);
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

export type Resolution = { unit: Unit } | { choices: Unit[] } | { none: true };

/**
 * Finds a unit by what people call it: the full name, the short name (长沙 → 长沙市总工会),
 * or a unique part of the name. Several plausible units give a choice.
 */
export async function resolveUnit(db: Tx, query: string): Promise<Resolution> {
  const q = query.trim();
  if (!q) return { none: true };
  const exact = await db.unit.findFirst({ where: { OR: [{ name: q }, { shortName: q }] } });
  if (exact) return { unit: exact };
  const all = await db.unit.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
  const strip = (s: string) => s.replace(/(总工会|工会|工委|委员会)$/u, '');
  const starts = all.filter((u) => u.name.startsWith(q) || strip(u.name) === strip(q));
  const found = starts.length ? starts : all.filter((u) => u.name.includes(q) || (u.shortName ?? '').includes(q));
  if (found.length === 1) return { unit: found[0] };
  if (found.length > 1) return { choices: found.slice(0, 9) };
  return { none: true };
}

/**
 * `上级/基层单位` → the 基层单位 under its level-1 parent, created on first use.
 * Returns the unit and whether it was created.
 */
export async function findOrCreateGrassroots(db: Tx, parent: Unit, name: string): Promise<{ unit: Unit; created: boolean }> {
  if (!TOP_KINDS.includes(parent.kind)) {
    throw new UserError(`基层单位只能建在市州总工会、省产业工会、省直机关工会或省直属工委下面，「${parent.name}」不行。`);
  }
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 40 || /[\/\\]/.test(clean)) {
    throw new UserError('基层单位名称需要 2—40 个字，且不能包含斜杠。');
  }
  const existing = await db.unit.findUnique({ where: { name: clean } });
  if (existing) {
    if (existing.parentId !== parent.id) {
      throw new UserError(`「${clean}」已经登记在别的上级单位下了，请联系省总工会管理员核对。`);
    }
    return { unit: existing, created: false };
  }
  const unit = await db.unit.create({ data: { name: clean, kind: 'GRASSROOTS', parentId: parent.id, sortOrder: 1000 } });
  return { unit, created: true };
}
