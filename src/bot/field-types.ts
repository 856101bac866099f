import { z } from 'zod';
import { t } from '../texts.js';
import type { FieldEnv } from './command.js';
import { parseMonth, parseWhen, type Direction } from './dates.js';
import { readCount, readRecordNumber } from './numbers.js';
import { clip, normalise, simplified, TRAILING_PUNCTUATION } from './text.js';
import { formatDate, ymd } from '../time.js';

/**
 * Field schemas: typed text in, value out; their messages (from the text table) are what the user
 * reads when the text does not fit, followed by the field's question again.
 */

export const text = (label: string, max = 100) => () =>
  z
    .string()
    .trim()
    .min(1, t('field.empty', { label }))
    .max(max, t('field.tooLong', { label, max }));

/** A place: text, but not a date or a time on its own (「明天下午3点」 answered to 「在哪里」 is asked again). */
export const place = (label: string, max = 80) => (env: FieldEnv) =>
  text(label, max)().refine((s) => !parseWhen(s, env.now), { message: t('field.placeIsTime', { label }) });

export const count = (label: string, max = 1_000_000) => () =>
  z.string().transform((s, ctx) => {
    const r = readCount(s);
    const typed = clip(s);
    const problem = (() => {
      switch (r.kind) {
        case 'exact':
          return r.n > max ? t('field.countTooBig', { label, n: r.n, max }) : undefined;
        case 'about':
          return t('field.countAbout', { label, typed, n: r.n });
        case 'negative':
          return t('field.countNegative', { label });
        case 'fraction':
          return t('field.countFraction', { label, typed });
        case 'several':
          return t('field.countSeveral', { label, values: r.values });
        case 'none':
          return t('field.notCount', { label, typed });
      }
    })();
    if (problem !== undefined || r.kind !== 'exact') {
      ctx.addIssue({ code: 'custom', message: problem ?? t('field.notCount', { label, typed }) });
      return z.NEVER;
    }
    return r.n;
  });

/** A record's number: `12`, `#12`, `编号12`. `what` names the record (申报), `usage` is an example. */
export const id = (what: string, usage: string) => () =>
  z.string().transform((s, ctx) => {
    const n = readRecordNumber(s);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: t('field.idMissing', { what, usage }) });
      return z.NEVER;
    }
    return n;
  });

/**
 * For a date-and-time field: an answer with only a time of day (「下午两点」) completes the date
 * typed before it (「6月15日」); an answer that names a day stands on its own.
 */
export function timeAfterDate(typed: string, answer: string): string | undefined {
  return /[月号日周]|星期|礼拜|今天|明天|后天|\d\s*[-/.]\s*\d/u.test(simplified(normalise(answer))) ? undefined : `${typed} ${answer}`;
}

/**
 * A record number (「4」「#4」「4号申报」) as a number, or else the text as typed (a person's name,
 * as in 「同意 李强」).
 */
export const idOrName = (label: string, max: number) => () =>
  z
    .string()
    .trim()
    .min(1, t('field.empty', { label }))
    .max(max, t('field.tooLong', { label, max }))
    .transform((s) => readRecordNumber(s) ?? s);

/**
 * How a date typed without a year is read: `prefer` the next, the last or the nearest
 * occurrence; inside `window` (whole Shanghai days, both ends included) when one is given (the
 * campaign, by default, for 'nearest'); and
 * with `inside`, a date outside the window is asked about again (a host date outside its month).
 */
export interface DateRule {
  prefer?: Direction | 'nearest';
  window?: (env: FieldEnv) => { from: Date; to: Date; name: string } | undefined;
  inside?: boolean;
}

function readWhen(label: string, s: string, env: FieldEnv, rule: DateRule, ctx: z.RefinementCtx, unreadable: 'field.dateUnreadable' | 'field.dateTimeUnreadable') {
  const window = rule.window?.(env) ?? (rule.prefer === 'nearest' ? { from: env.campaign.startsAt, to: env.campaign.endsAt, name: '' } : undefined);
  const w = parseWhen(s, env.now, { prefer: rule.prefer ?? 'future', window });
  if (!w) {
    ctx.addIssue({ code: 'custom', message: t(unreadable, { label, typed: clip(s) }) });
    return undefined;
  }
  if (rule.inside && window && (ymd(w.at) < ymd(window.from) || ymd(w.at) > ymd(window.to))) {
    ctx.addIssue({ code: 'custom', message: t('field.dateOutside', { label, date: formatDate(w.at), window: window.name }) });
    return undefined;
  }
  return w;
}

export const date = (label: string, rule: Direction | DateRule = 'future') => (env: FieldEnv) =>
  z.string().transform((s, ctx) => readWhen(label, s, env, typeof rule === 'string' ? { prefer: rule } : rule, ctx, 'field.dateUnreadable')?.at ?? z.NEVER);

export const dateTime = (label: string, rule: DateRule = {}) => (env: FieldEnv) =>
  z.string().transform((s, ctx) => {
    const w = readWhen(label, s, env, rule, ctx, 'field.dateTimeUnreadable');
    if (!w) return z.NEVER;
    if (!w.hasTime) {
      ctx.addIssue({ code: 'custom', message: t('field.timeMissing', { label }) });
      return z.NEVER;
    }
    return w.at;
  });

export const month = (label: string) => (env: FieldEnv) =>
  z.string().transform((s, ctx) => {
    const m = parseMonth(s, env.now);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: t('field.monthUnreadable', { label, typed: clip(s) }) });
      return z.NEVER;
    }
    return m;
  });

export const phone = () => () =>
  z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .refine((s) => /^(1\d{10}|0\d{9,11}|\d{7,8})$/.test(s), t('field.phone'));

export const url = (label: string) => () =>
  z
    .string()
    .trim()
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && s.length <= 500;
      } catch {
        return false;
      }
    }, t('field.url', { label }));

/** One of a set of words (e.g. 快闪 / 沙龙 / 读书月 → an ActivityKind), case-insensitive, traditional or simplified. */
export function choice<T extends string>(label: string, options: Record<string, T>) {
  return () =>
    z.string().transform((s, ctx) => {
      const key = simplified(normalise(s)).replace(TRAILING_PUNCTUATION, '').toLowerCase();
      const hit = Object.entries(options).find(([k]) => k.toLowerCase() === key);
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: t('field.notAChoice', { label, typed: clip(s), options: choiceLabels(options) }) });
        return z.NEVER;
      }
      return hit[1];
    });
}

/** For messages: the first Chinese word of each distinct option (快闪 / 沙龙 / 读书月), not every synonym. */
function choiceLabels(options: Record<string, string>): string[] {
  const first = new Map<string, string>();
  for (const [word, value] of Object.entries(options)) if (!first.has(value) && /[\u4e00-\u9fff]/.test(word)) first.set(value, word);
  return [...first.values()];
}
