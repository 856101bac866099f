import { PassThrough } from 'node:stream';
import type { Tx } from '../db/client.js';
import type { Unit } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { formatDate, formatDateTime } from '../time.js';
import { audit, type Actor } from './actor.js';
import { UserError } from './errors.js';
import { LINK_TTL_MS, signedLink } from './export-links.js';
import { TOP_KINDS, topUnitNamed } from './units.js';

/**
 * The notice's two attached tables (统计表见附件), with exactly its columns, one per 市州 / 省产业
 * 工会 (基层单位 under their parent), as .xlsx (a sheet per unit and a province summary) or .csv.
 * 附件1 lists the 主题读书月 activities (salons and 读书月 events, not flash-mob readings);
 * 附件2 the 同城共读 WeChat reading communities.
 */
export type TableNo = 1 | 2;

export const TABLES: Record<TableNo, { title: string; columns: string[] }> = {
  1: {
    title: t('tables.activities.title'),
    columns: [
      t('tables.column.serial'),
      t('tables.column.organiser'),
      t('tables.column.theme'),
      t('tables.column.place'),
      t('tables.column.time'),
      t('tables.column.participants'),
      t('tables.column.contact'),
    ],
  },
  2: {
    title: t('tables.groups.title'),
    columns: [
      t('tables.column.serial'),
      t('tables.column.organiser'),
      t('tables.column.groupName'),
      t('tables.column.founded'),
      t('tables.column.participants'),
      t('tables.column.features'),
      t('tables.column.contact'),
    ],
  },
};

/** The column the .xlsx writes as numbers, so Excel can sum it. */
const NUMERIC_COLUMN = t('tables.column.participants');

export interface ExportOptions {
  table: TableNo;
  /** One 市州 / 产业工会 (by id); all of them when absent. */
  unitId?: number;
  from?: Date;
  to?: Date;
}

/** One 市州 / 产业工会's part of a table: its name and its rows (without 序号). */
export interface UnitSheet {
  unit: string;
  rows: string[][];
}

const contact = (name: string, phone: string) => (phone ? `${name} ${phone}` : name);

/** The rows of a table grouped by 市州 / 产业工会, in the unit list's order. */
export async function tableData(db: Tx, campaignId: number, o: ExportOptions): Promise<UnitSheet[]> {
  const tops = await db.unit.findMany({ where: { kind: { in: TOP_KINDS }, ...(o.unitId ? { id: o.unitId } : {}) }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
  const children = await db.unit.findMany({ where: { parentId: { in: tops.map((t) => t.id) } }, select: { id: true, parentId: true } });
  const topOf = new Map<number, Unit>(tops.map((t) => [t.id, t]));
  for (const c of children) topOf.set(c.id, topOf.get(c.parentId!)!);
  const unitIds = [...topOf.keys()];
  const when = o.from || o.to ? { ...(o.from ? { gte: o.from } : {}), ...(o.to ? { lte: o.to } : {}) } : undefined;
  const byTop = new Map<number, string[][]>(tops.map((t) => [t.id, []]));
  if (o.table === 1) {
    const items = await db.activity.findMany({
      where: { campaignId, unitId: { in: unitIds }, kind: { in: ['SALON', 'MONTH'] }, ...(when ? { startsAt: when } : {}) },
      include: { unit: true },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
    for (const a of items) {
      byTop.get(topOf.get(a.unitId)!.id)!.push([a.unit.name, a.theme, a.place, formatDateTime(a.startsAt), a.participantCount === null ? '' : String(a.participantCount), contact(a.contactName, a.contactPhone)]);
    }
  } else {
    const items = await db.readingGroup.findMany({
      where: { campaignId, unitId: { in: unitIds }, ...(when ? { foundedOn: when } : {}) },
      include: { unit: true },
      orderBy: [{ foundedOn: 'asc' }, { id: 'asc' }],
    });
    for (const g of items) {
      byTop.get(topOf.get(g.unitId)!.id)!.push([g.unit.name, g.name, formatDate(g.foundedOn), String(g.memberCount), g.features, contact(g.contactName, g.contactPhone)]);
    }
  }
  return tops.map((t) => ({ unit: t.name, rows: byTop.get(t.id)! }));
}

/**
 * The .xlsx: a sheet per 市州 / 产业工会 (each with the notice's title and unit line), then 全省汇总.
 * Written with exceljs's streaming writer, row by row, so a year's tables (tens of thousands of
 * rows) take a few MB of memory rather than hundreds.
 */
export async function toXlsx(table: TableNo, sheets: UnitSheet[], summary: boolean): Promise<Buffer> {
  const { title, columns } = TABLES[table];
  // Loaded on first use: exceljs weighs about 26 MB, and most processes never export.
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const add = (name: string, unitLine: string, rows: string[][]) => {
    const ws = book.addWorksheet(sheetName(name));
    ws.columns = columns.map((_, i) => ({ width: [6, 24, 24, 20, 20, 10, 30, 18][i] ?? 16 }));
    const top = ws.addRow([title]);
    ws.mergeCells(1, 1, 1, columns.length);
    top.getCell(1).font = { bold: true, size: 14 };
    top.getCell(1).alignment = { horizontal: 'center' };
    top.commit();
    const line = ws.addRow([t('tables.unitLine', { unit: unitLine })]);
    ws.mergeCells(2, 1, 2, columns.length);
    line.commit();
    const head = ws.addRow(columns);
    head.font = { bold: true };
    head.commit();
    rows.forEach((r, i) => ws.addRow([i + 1, ...r.map((v, j) => (columns[j + 1] === NUMERIC_COLUMN && v !== '' ? Number(v) : v))]).commit());
    ws.commit();
  };
  for (const s of sheets) add(s.unit, s.unit, s.rows);
  if (summary) add(t('tables.summarySheet'), t('tables.province'), sheets.flatMap((s) => s.rows));
  await book.commit();
  return Buffer.concat(chunks);
}

/** The .csv, UTF-8 with a BOM so Excel opens it: title, unit line, header, rows. */
export function toCsv(table: TableNo, unitLine: string, rows: string[][]): Buffer {
  const { title, columns } = TABLES[table];
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [[title], [t('tables.unitLine', { unit: unitLine })], columns, ...rows.map((r, i) => [String(i + 1), ...r])];
  return Buffer.from('\ufeff' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Excel allows 31 characters and no []:*?/\ in a sheet name. */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** Produces the file for an export request. */
export async function exportTable(db: Tx, campaignId: number, o: ExportOptions, format: 'xlsx' | 'csv'): Promise<{ body: Buffer; filename: string }> {
  const sheets = await tableData(db, campaignId, o);
  const scope = o.unitId ? sheets[0]?.unit ?? '' : t('tables.province');
  const filename = t('tables.filename', { table: o.table, scope, format });
  if (format === 'xlsx') return { body: await toXlsx(o.table, sheets, !o.unitId), filename };
  return { body: toCsv(o.table, scope, sheets.flatMap((s) => s.rows)), filename };
}

export type ExportFormat = 'xlsx' | 'csv';

/** A download link for a table, as 导出 gives it to an admin. */
export interface ExportLink {
  table: TableNo;
  format: ExportFormat;
  /** The 市州 / 产业工会 the table is limited to; undefined for the whole province. */
  unit?: string;
  url: string;
  expiresAt: Date;
}

/**
 * 导出: a signed download link (valid LINK_TTL_MS) for one table, of the whole province or of the
 * 市州 / 产业工会 `unitName` stands for (a 基层单位 names its parent). `links` is where links point
 * and the key that signs them; undefined when the server has no ADMIN_TOKEN / PUBLIC_BASE_URL.
 */
export async function exportLink(
  tx: Tx,
  actor: Actor,
  input: { table: TableNo; format: ExportFormat; unitName?: string; links?: { base: string; secret: string }; now: Date },
): Promise<ExportLink> {
  const top = input.unitName ? await topUnitNamed(tx, input.unitName) : undefined;
  if (input.unitName && !top) throw new UserError('admin.export.unitNotFound', { unit: input.unitName });
  if (!input.links) throw new UserError('admin.export.linksOff');
  const unit = top?.name;
  const url = signedLink(input.links.base, input.links.secret, { table: String(input.table), format: input.format, unit }, input.now);
  await audit(tx, actor, 'export', 'Table', String(input.table), { unit: unit ?? t('tables.province'), format: input.format });
  return { table: input.table, format: input.format, unit, url, expiresAt: new Date(input.now.getTime() + LINK_TTL_MS) };
}
