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
 * 工会 (基层单位 under their parent), as .xlsx (a sheet per unit that has rows, and a province
 * summary) or .csv. 附件1 lists the 主题读书月 activities (salons and 读书月 events); the
 * 城市读书快闪 go beside it with the same columns (their own sheet, or a second table in the .csv).
 * 附件2 lists the 同城共读 WeChat reading communities. Deleted communities and cancelled activities
 * (deletedAt set) are in no table.
 *
 * Every value a user typed is written as text: in the .xlsx as a plain string cell (exceljs makes
 * a formula only of an object with `formula`, never of a string) in a Text-formatted column, in
 * the .csv with OWASP's neutralisation of a leading = + - @ tab, CR or NUL (a single quote before
 * it), so a spreadsheet never runs it as a formula.
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

/** The columns the .xlsx writes as numbers (序号, 参与人数), so Excel can sum them. */
const NUMERIC_COLUMNS = new Set([t('tables.column.serial'), t('tables.column.participants')]);

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

/** A table's rows: per 市州 / 产业工会 (every one asked for, with rows or not), and for 附件1 the 快闪 beside it. */
export interface TableData {
  units: UnitSheet[];
  /** 附件1 only: the 城市读书快闪 activities, in 附件1's columns. */
  flash?: string[][];
}

const contact = (name: string, phone: string) => (phone ? `${name} ${phone}` : name);

/** The rows of a table grouped by 市州 / 产业工会, in the unit list's order. */
export async function tableData(db: Tx, campaignId: number, o: ExportOptions): Promise<TableData> {
  const tops = await db.unit.findMany({ where: { kind: { in: TOP_KINDS }, ...(o.unitId ? { id: o.unitId } : {}) }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
  const children = await db.unit.findMany({ where: { parentId: { in: tops.map((t) => t.id) } }, select: { id: true, parentId: true } });
  const topOf = new Map<number, Unit>(tops.map((t) => [t.id, t]));
  for (const c of children) topOf.set(c.id, topOf.get(c.parentId!)!);
  const unitIds = [...topOf.keys()];
  const when = o.from || o.to ? { ...(o.from ? { gte: o.from } : {}), ...(o.to ? { lte: o.to } : {}) } : undefined;
  const byTop = new Map<number, string[][]>(tops.map((t) => [t.id, []]));
  const units = () => tops.map((t) => ({ unit: t.name, rows: byTop.get(t.id)! }));
  if (o.table === 1) {
    const items = await db.activity.findMany({
      where: { campaignId, unitId: { in: unitIds }, deletedAt: null, ...(when ? { startsAt: when } : {}) },
      include: { unit: true },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
    const flash: string[][] = [];
    for (const a of items) {
      // 参与人数 is the count reported once the activity was held (活动完成); a head count given when
      // registering is only a plan and is left out rather than shown as if it were the actual one.
      const actual = a.status === 'HELD' && a.participantCount !== null ? String(a.participantCount) : '';
      const row = [a.unit.name, a.theme, a.place, formatDateTime(a.startsAt), actual, contact(a.contactName, a.contactPhone)];
      if (a.kind === 'FLASH') flash.push(row);
      else byTop.get(topOf.get(a.unitId)!.id)!.push(row);
    }
    return { units: units(), flash };
  }
  const items = await db.readingGroup.findMany({
    where: { campaignId, unitId: { in: unitIds }, deletedAt: null, ...(when ? { foundedOn: when } : {}) },
    include: { unit: true },
    orderBy: [{ foundedOn: 'asc' }, { id: 'asc' }],
  });
  for (const g of items) {
    byTop.get(topOf.get(g.unitId)!.id)!.push([g.unit.name, g.name, formatDate(g.foundedOn), String(g.memberCount), g.features, contact(g.contactName, g.contactPhone)]);
  }
  return { units: units() };
}

/** One table of a file: a sheet of the .xlsx, a block of the .csv (title, unit line, header, rows). */
export interface Block {
  /** The .xlsx sheet's name. */
  sheet: string;
  title: string;
  unitLine: string;
  columns: string[];
  /** Without 序号 (numbered when written). */
  rows: string[][];
}

/** Excel's widths are in widths of "0"; a CJK character takes about two. */
const WIDE = /[\u1100-\u115f\u2018-\u201f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const MIN_WIDTH = 6;
/** Wider than this, a column wraps its text instead. */
export const MAX_WIDTH = 50;

/** How wide `s` shows in a spreadsheet: its longest line, a CJK character counting 2. */
export function displayWidth(s: string): number {
  let widest = 0;
  for (const line of s.split(/\r\n|\r|\n/)) {
    let w = 0;
    for (const ch of line) w += WIDE.test(ch) ? 2 : 1;
    widest = Math.max(widest, w);
  }
  return widest;
}

/**
 * The .xlsx, a sheet per block (the notice's title and unit line, the header, the numbered rows),
 * each column as wide as its widest value (at most MAX_WIDTH, wrapping beyond that).
 * Written with exceljs's streaming writer, row by row, so a year's tables (tens of thousands of
 * rows) take a few MB of memory rather than hundreds.
 */
export async function toXlsx(blocks: Block[]): Promise<Buffer> {
  // Loaded on first use: exceljs weighs about 26 MB, and most processes never export.
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const b of blocks) {
    const { columns } = b;
    const numeric = columns.map((c) => NUMERIC_COLUMNS.has(c));
    const rows = b.rows.map((r, i) => [String(i + 1), ...r]);
    // Each column as wide as its widest value (plus a margin); a line break or a longer value wraps.
    const natural = columns.map((c) => displayWidth(c) + 2);
    const wrap = columns.map(() => false);
    for (const r of rows) {
      r.forEach((v, j) => {
        natural[j] = Math.max(natural[j]!, displayWidth(v) + 2);
        if (/[\r\n]/.test(v)) wrap[j] = true;
      });
    }
    const ws = book.addWorksheet(sheetName(b.sheet));
    ws.columns = columns.map((_, j) => ({
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, natural[j]!)),
      // Text columns are Text-formatted, so a value edited in Excel stays text too.
      style: {
        ...(numeric[j] ? {} : { numFmt: '@' }),
        alignment: { vertical: 'top' as const, ...(wrap[j] || natural[j]! > MAX_WIDTH ? { wrapText: true } : {}) },
      },
    }));
    const top = ws.addRow([b.title]);
    ws.mergeCells(1, 1, 1, columns.length);
    top.getCell(1).font = { bold: true, size: 14 };
    top.getCell(1).alignment = { horizontal: 'center' };
    top.commit();
    const line = ws.addRow([t('tables.unitLine', { unit: b.unitLine })]);
    ws.mergeCells(2, 1, 2, columns.length);
    line.commit();
    const head = ws.addRow(columns);
    head.font = { bold: true };
    head.commit();
    // Strings stay strings: exceljs writes them as string cells, whatever their first character
    // (it makes a formula only of a { formula } object). An empty value is an empty cell.
    for (const r of rows) ws.addRow(r.map((v, j) => (v === '' ? null : numeric[j] ? Number(v) : v))).commit();
    ws.commit();
  }
  await book.commit();
  return Buffer.concat(chunks);
}

/** A value a spreadsheet would read as a formula (OWASP CSV injection: = + - @ tab CR, and NUL). */
const FORMULA_START = /^[=+\-@\t\r\0]/;

/** One .csv field: a formula start neutralised with a single quote, quoted when it holds a separator, quote or line break. */
export function csvField(v: string): string {
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The .csv, UTF-8 with a BOM so Excel opens it: per block its title, unit line, header and rows, blocks apart by an empty line. */
export function toCsv(blocks: Block[]): Buffer {
  const lines = blocks.flatMap((b, k) => [
    ...(k ? [[]] : []),
    [b.title],
    [t('tables.unitLine', { unit: b.unitLine })],
    b.columns,
    ...b.rows.map((r, i) => [String(i + 1), ...r]),
  ]);
  return Buffer.from('\ufeff' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Excel allows 31 characters and no []:*?/\ in a sheet name. */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/**
 * Produces the file for an export request. The .xlsx of one unit has its sheet (even empty); of
 * the province, a sheet per unit with rows and the summary. 附件1 adds the 快闪 sheet (or table).
 */
export async function exportTable(db: Tx, campaignId: number, o: ExportOptions, format: ExportFormat): Promise<{ body: Buffer; filename: string }> {
  const data = await tableData(db, campaignId, o);
  const { title, columns } = TABLES[o.table];
  const scope = o.unitId ? data.units[0]?.unit ?? '' : t('tables.province');
  const filename = t('tables.filename', { table: o.table, scope, format });
  const flash: Block[] = data.flash ? [{ sheet: t('tables.flash.sheet'), title: t('tables.flash.title'), unitLine: scope, columns, rows: data.flash }] : [];
  const all: Block = { sheet: t('tables.summarySheet'), title, unitLine: scope, columns, rows: data.units.flatMap((s) => s.rows) };
  if (format === 'csv') return { body: toCsv([all, ...flash]), filename };
  const perUnit = data.units.filter((s) => o.unitId || s.rows.length).map((s): Block => ({ sheet: s.unit, title, unitLine: s.unit, columns, rows: s.rows }));
  return { body: await toXlsx([...perUnit, ...(o.unitId ? [] : [all]), ...flash]), filename };
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
