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

/**
 * An answer that asks back (「名称是啥意思」「写什么？」「是地址吗」) rather than giving a value: the
 * question is explained again, with its example, instead of the words being stored.
 */
export function isQuestionBack(s: string): boolean {
  const simple = simplified(normalise(s)).trim();
  return /[?？]$|(吗|嘛|啥|么)[~～。.!！]*$|什么意思|啥意思|是什么|是啥|怎么写|怎么填|填什么|写什么/u.test(simple);
}

/** A name or other short text that must not be a question back (see isQuestionBack). */
export const name = (label: string, max = 50) => () =>
  text(label, max)().refine((s) => !isQuestionBack(s), { message: t('field.questionBack', { label }) });

/** A head count on its own (「35人」「约50名」「三十」), never a place. */
const HEAD_COUNT = /^(?:约|大约|大概|差不多)?\s*[\d一二两三四五六七八九十百千]+\s*(?:多|余|来)?\s*(?:个人|人次|人|名|位)?$/u;

/** A part of the day or a day on its own (下午, 周六, 明天): a time, never a place. */
const TIME_WORD =
  /^(?:今天|明天|后天|今晚|明晚|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|凌晨|白天|周末|月底|月初|月中|(?:本|这|下|上)?(?:个)?(?:周|星期|礼拜)[一二三四五六日天末]?|[一二三四五六七八九十\d]+(?:点|号|日)(?:半|钟)?)+$/u;

/**
 * A place: text, but not a date or a time on its own (「明天下午3点」「下午」 answered to 「在哪里」
 * is asked again), nor a head count (「35人」), nor a question back.
 */
export const place = (label: string, max = 80) => (env: FieldEnv) =>
  text(label, max)()
    .refine((s) => !isQuestionBack(s), { message: t('field.questionBack', { label }) })
    .refine((s) => !parseWhen(s, env.now) && !TIME_WORD.test(simplified(normalise(s)).replace(TRAILING_PUNCTUATION, '').replace(/\s/g, '')), {
      message: t('field.placeIsTime', { label }),
    })
    .refine((s) => !HEAD_COUNT.test(simplified(normalise(s)).replace(TRAILING_PUNCTUATION, '').trim()), { message: t('field.placeIsCount', { label }) });

/**
 * A head count or other whole number, `min` to `max`; with a `min` above 0 (a month's slots), a
 * figure outside is told the whole range with `example`, so the message and the rule agree.
 */
export const count = (label: string, max = 1_000_000, bounds: { min?: number; example?: number } = {}) => () =>
  z.string().transform((s, ctx) => {
    const r = readCount(s);
    const typed = clip(s);
    const min = bounds.min ?? 0;
    const between = () => t('field.countBetween', { label, min, max, example: bounds.example ?? min });
    const problem = (() => {
      switch (r.kind) {
        case 'exact':
          if (r.n < min) return between();
          return r.n > max ? (min > 0 ? between() : t('field.countTooBig', { label, n: r.n, max })) : undefined;
        case 'about':
          return t('field.countAbout', { label, typed, n: r.n });
        case 'negative':
          return min > 0 ? between() : t('field.countNegative', { label });
        case 'fraction':
          return t('field.countFraction', { label, typed });
        case 'several':
          return r.range ? t('field.countRange', { label, typed, values: r.values }) : t('field.countSeveral', { label, values: r.values });
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
      const tooLong = /^\s*#?\d{10,}\s*$/u.test(s);
      ctx.addIssue({ code: 'custom', message: tooLong ? t('field.idNoSuch', { what, typed: clip(s.trim()) }) : t('field.idMissing', { what, usage }) });
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
  /** A date after today is refused at this field (a community cannot be founded tomorrow). */
  notFuture?: boolean;
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
  if (rule.notFuture && ymd(w.at) > ymd(env.now)) {
    ctx.addIssue({ code: 'custom', message: t('field.dateInFuture', { label, date: formatDate(w.at), today: formatDate(env.now) }) });
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
