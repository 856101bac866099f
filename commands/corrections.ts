import type { Context, Field } from '../src/bot/command.js';
import { readRecordNumber } from '../src/bot/numbers.js';
import { parseArgs, simplified, words } from '../src/bot/text.js';
import { doubtfulDrop, implausibleCount, type CountSubject } from '../src/domain/bounds.js';
import { earlierAuthor } from '../src/domain/changes.js';
import { ACTIVITY_KIND_LABEL, t } from '../src/texts.js';

/**
 * What the correction commands share: reading 「<编号> <字段> <新值>」 or 「字段=值 …」 into the
 * registering commands' own fields, and asking before a head count above the plausible one.
 */

/** The fields a correction may change: a registering command's, by the keys the domain uses. */
export type Editable = Record<string, Pick<Field<unknown>, 'label' | 'names' | 'schema'>>;

/** Words between a field's name and its new value: 「人数改为150」「地点 改成 市图书馆」. */
const CONNECTOR = /^(改为|改成|改到|换成|变成|变为|调整为|调整到|更正为|更改为|修改为|为|是|到|→|->|:|：|=)/u;

/** The text after a record number that starts `rest` (「3 人数=150」 → 「人数=150」); `rest` when it starts with none. */
export function afterRecordNumber(rest: string): string {
  const first = words(rest)[0];
  return first && readRecordNumber(first.text) !== undefined ? rest.slice(first.end).replace(/^[\s,，;；、]+/u, '') : rest;
}

/** Each field's name (label, key, other names) to its key, longest first. */
function namesOf(fields: Editable): Array<{ name: string; key: string }> {
  return Object.entries(fields)
    .flatMap(([key, f]) => [f.label, key, ...(f.names ?? [])].map((name) => ({ name: simplified(name.toLowerCase()), key })))
    .sort((a, b) => b.name.length - a.name.length);
}

/**
 * The new values as typed, by field key: 「字段=值」 pairs (a value runs to the next pair), and
 * 「<字段> <新值>」 runs, where a value is every word up to the next field's name (「时间 6月21日
 * 下午3点」), joined as typed. A word before any field's name is what could not be read.
 */
export function readChanges(text: string, fields: Editable): { raw: Record<string, string> } | { unknown: string } {
  const names = namesOf(fields);
  const exact = (word: string) => names.find((n) => n.name === simplified(word.toLowerCase()))?.key;
  const args = parseArgs(text);
  const raw: Record<string, string> = {};
  for (const [name, value] of args.named) {
    const key = exact(name);
    if (!key) return { unknown: name };
    raw[key] = value;
  }
  const head = args.positional;
  /** Each field named among the words: where its name stands, where its value starts, and text glued to the name. */
  const marks: Array<{ key: string; name: number; from: number; glued: string }> = [];
  for (let i = 0; i < head.length; i++) {
    const key = exact(head[i]);
    if (key) {
      const connector = i + 1 < head.length && head[i + 1].replace(CONNECTOR, '') === '';
      marks.push({ key, name: i, from: connector ? i + 2 : i + 1, glued: '' });
      if (connector) i++;
      continue;
    }
    const simple = simplified(head[i].toLowerCase());
    const prefix = names.find((n) => simple.startsWith(n.name) && simple.length > n.name.length);
    const after = prefix ? head[i].slice(prefix.name.length) : '';
    if (prefix && (CONNECTOR.test(after) || /^[\d“"「《]/u.test(after) || [...prefix.name].length >= 3)) {
      marks.push({ key: prefix.key, name: i, from: i + 1, glued: after.replace(CONNECTOR, '') });
    } else if (!marks.length) {
      return { unknown: head[i] };
    }
  }
  marks.forEach((mark, n) => {
    const to = n + 1 < marks.length ? marks[n + 1].name : head.length;
    const typed = mark.from >= to ? '' : to - mark.from === 1 ? head[mark.from] : cut(args.tail(mark.from), args.tail(to));
    const value = mark.glued && typed ? `${mark.glued} ${typed}` : mark.glued || typed;
    if (raw[mark.key] === undefined) raw[mark.key] = value;
  });
  return { raw };
}

/** `whole` without its ending `tail` and the separators before it. */
function cut(whole: string, tail: string): string {
  return (tail ? whole.slice(0, whole.length - tail.length) : whole).replace(/[\s,，;；、]+$/u, '');
}

/**
 * The new values read by each field's schema (the registering command's rules, the same
 * messages), or the first problem with an example.
 */
export function parseChanges(
  ctx: Context,
  fields: Editable,
  text: string,
  example: string,
  /** A field's own example, shown when its value is wrong (a phone number's shows a phone). */
  fieldExamples: Record<string, string> = {},
): { values: Record<string, unknown> } | { problem: string } {
  const read = readChanges(text, fields);
  if ('unknown' in read) {
    // Each field by its shortest name, the way people write it (人数, not 参与人数).
    const labels = Object.values(fields).map((f) => [f.label, ...(f.names ?? [])].reduce((a, b) => (b.length < a.length ? b : a)));
    return { problem: t('corrections.unknownField', { typed: read.unknown, labels, example }) };
  }
  const values: Record<string, unknown> = {};
  // In the fields' order, so that replies list changes the same way whatever order they were typed in.
  for (const [key, field] of Object.entries(fields)) {
    const typed = read.raw[key];
    if (typed === undefined) continue;
    const parsed = field.schema({ now: ctx.now, campaign: ctx.campaign, values }).safeParse(typed);
    if (!parsed.success) return { problem: t('corrections.badValue', { problem: parsed.error.issues[0]?.message ?? field.label, example: fieldExamples[key] ?? example }) };
    values[key] = parsed.data;
  }
  return { values };
}

/**
 * Before saving a head count above what is plausible for its kind of record: shows the figure
 * and why, and asks for a one-word yes (the command runs again once confirmed). True when the
 * count may be saved now.
 */
export async function plausibleOrConfirm(ctx: Context, subject: CountSubject, n: number, label: string): Promise<boolean> {
  const limit = implausibleCount(subject, n);
  if (limit === undefined || ctx.confirmed('count')) return true;
  const what = subject === 'community' ? t('bounds.community') : subject === 'host' ? t('bounds.host') : ACTIVITY_KIND_LABEL[subject];
  await ctx.confirm('count', t('bounds.confirm', { what, label, n, limit }));
  return false;
}

/**
 * Before a head count replaces someone else's with one far below it (120 → 5): shows both and
 * who wrote the old one, and asks for a one-word yes. True when the count may be saved now.
 */
export async function dropOrConfirm(
  ctx: Context,
  record: { createdById: number | null; updatedById: number | null },
  before: number,
  n: number,
  label: string,
): Promise<boolean> {
  if (ctx.confirmed('drop')) return true;
  const earlier = await earlierAuthor(ctx.tx, record, ctx.actor);
  if (!earlier || !doubtfulDrop(before, n, true)) return true;
  await ctx.confirm('drop', t('bounds.confirmDrop', { label, before, n, by: earlier.name }));
  return false;
}

/**
 * 修改社群 / 修改活动's words: the record number first, the rest read as typed in run() (from
 * the message, else the answer to the question).
 */
/**
 * 「书香长沙 人数 150」: a record named by its first word rather than numbered, and the changes
 * after it; undefined when the first word is a field's name or nothing follows it.
 */
export function leadingName(text: string, fields: Editable): { name: string; after: string } | undefined {
  const first = words(text)[0];
  if (!first || readRecordNumber(first.text) !== undefined) return undefined;
  const after = text.slice(first.end).replace(/^[\s,，;；、]+/u, '');
  if (!after || !('unknown' in readChanges(text, fields)) || 'unknown' in readChanges(after, fields)) return undefined;
  return { name: first.text, after };
}

export function recordNumberThenChanges(words: string[]): { id?: string; changes?: string } {
  const [first, ...others] = words;
  // A number too long to be a record's (「99999999999999999999」) is still meant as one: its field says it does not exist.
  if (first !== undefined && (readRecordNumber(first) !== undefined || /^#?\d+$/u.test(first))) return { id: first, changes: others.join(' ') || undefined };
  return { changes: words.join(' ') || undefined };
}
