// Only the Simplified Chinese parser: the whole package (every locale) costs 30 MB of memory.
import * as hans from 'chrono-node/zh/hans';
import { SHANGHAI_OFFSET_MIN, shanghaiInstant, shanghaiParts } from '../time.js';
import { normalise } from './text.js';

/**
 * Dates and times as people write them in Chinese —「6月20日下午2点」「下周六14:00」「2020/6/20」
 * 「20号下午3点」—resolved in Asia/Shanghai against `now`, whatever the server's TZ.
 *
 * The reading is split in two: the time of day (下午2点半, 14:30, 晚上7点) is read here, because
 * chrono gets 中午1点 and 晚上12点 wrong; what is left is the day. Days counted from today
 * (明天, 下周六, 周六, 20号) are also read here (chrono counts weeks from Sunday and its 明天 is
 * today before 2 a.m.); dates (6月20日, 2020年6月20日, 三天后) go to chrono.
 */
export interface ParsedWhen {
  at: Date;
  /** False when only a day was given (no hour). */
  hasTime: boolean;
  /**
   * True when the text itself fixes the year: it names one (2020年6月20日, 2020/6/20, 明年6月20日)
   * or counts from today (明天, 下周六). False when the year — or the month, or the week — was
   * chosen here by `prefer`/`window`: 6月9日, 6/9, 9号, 周六, 下午3点.
   */
  yearGiven: boolean;
}

/** `future`: a day without a year is the next such day (events); `past`: the last one (founding dates). */
export type Direction = 'future' | 'past';

export interface WhenOptions {
  /**
   * Which occurrence of a day typed without a year (6月9日, 9号, 周六) is meant: the next one
   * (`future`, the default; today counts), the last one (`past`; today counts) or the one nearest
   * to now (`nearest`).
   */
  prefer?: Direction | 'nearest';
  /**
   * The span the day is expected in (e.g. the campaign, or the month being reported), read as
   * Shanghai calendar days, both ends included. An occurrence inside it wins over `prefer`; of
   * several inside, the nearest to now on the `prefer` side.
   */
  window?: { from: Date; to: Date };
}

const DAY_MS = 86_400_000;

/** One calendar day in Shanghai. */
interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** A day as typed, and which other days it could equally mean. */
interface DayReading extends Ymd {
  /**
   * `none`: fixed; `year`: the same month and day in another year (6月9日); `month`: the same day
   * in another month (9号); `week`: the same weekday in another week (周六); `day`: another day (a
   * time alone).
   */
  step: 'none' | 'year' | 'month' | 'week' | 'day';
  yearGiven: boolean;
}

interface TimeReading {
  hour: number;
  minute: number;
  /** 1 when the time belongs after midnight of the day typed: 晚上12点, 半夜2点. */
  nextDay: number;
}

/** Traditional forms of the characters dates are written with. */
const TRADITIONAL: Record<string, string> = {
  點: '点', 時: '时', 號: '号', 週: '周', 禮: '礼', 鐘: '钟', 後: '后', 個: '个', 這: '这', 淩: '凌', 間: '间', 裡: '里', 裏: '里', 兩: '两',
};
/** Full-width punctuation that may sit inside a date or time (normalise keeps Chinese punctuation). */
const PUNCT: Record<string, string> = { '：': ':', '．': '.', '／': '/', '－': '-', '（': '(', '）': ')', '，': ',' };
const TRAILING = /[\s。.，,！!？?~～…；;、]+$/u;

const CN_DIGIT = '零〇一二两三四五六七八九';
const CN_NUM = `[${CN_DIGIT}十]{1,3}`;
const NUM = `(?:\\d{1,2}|${CN_NUM})`;

/** 0–99 in digits or Chinese (九, 十一, 二十三, 零五); undefined otherwise. */
function smallNumber(s: string): number | undefined {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const digit = (c: string) => (c === '两' ? 2 : c === '〇' ? 0 : '零一二三四五六七八九'.indexOf(c));
  let m = /^[零〇]?([零〇一二两三四五六七八九])$/u.exec(s);
  if (m) return digit(m[1]);
  m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/u.exec(s);
  if (m) return (m[1] ? digit(m[1]) : 1) * 10 + (m[2] ? digit(m[2]) : 0);
  return undefined;
}

// ---- time of day ------------------------------------------------------------------------------

const PERIODS: Record<string, 'am' | 'dawn' | 'noon' | 'pm' | 'night'> = {
  凌晨: 'dawn', 清晨: 'am', 早晨: 'am', 早上: 'am', 上午: 'am', 中午: 'noon', 午间: 'noon',
  下午: 'pm', 午后: 'pm', 傍晚: 'pm', 晚上: 'night', 晚间: 'night', 夜里: 'night', 夜间: 'night',
  夜晚: 'night', 半夜: 'night', 深夜: 'night',
};
const PERIOD = Object.keys(PERIODS).join('|');
/** Minutes in Chinese without 分: 十五, 二十, 三十五, 零五. */
const CN_MINUTE = '[二三四五]?十[一二三四五六七八九]?|[零〇][一二三四五六七八九]';

const TIME_RE = new RegExp(
  `(?:(?<period>${PERIOD})\\s*)?` +
    // The hour: not the end of a number (2020:, 三十), nor the 一 of 周一 (周一十点 is 10:00).
    `(?<![\\d.:周期拜])(?<!(?<![周期拜])[${CN_DIGIT}十])(?<hour>${NUM})\\s*` +
    '(?:' +
    // 3点, 3点钟, 3点半, 3点一刻, 3点20, 3点二十, 3点零五, 3点5分, 14时30分 (not 3点5 nor 3点两: which minute?)
    `[点时](?:\\s*钟)?(?:\\s*(?<minWithUnit>${NUM})\\s*分|(?<half>半)|(?<quarter>一刻)|(?<threeQuarters>三刻)|整|(?<min>\\d{2}(?!\\d)|${CN_MINUTE}))?` +
    // 14:30, 14:30:00
    '|:\\s*(?<minColon>\\d{2})(?::\\d{2})?(?!\\d)' +
    ')',
  'u',
);

/** The hour on a 24-hour clock for `hour` said with a part of the day (下午2点 → 14). */
function dayHour(period: string | undefined, hour: number): { hour: number; nextDay: number } | undefined {
  if (hour > 24) return undefined;
  if (hour === 24) return { hour: 0, nextDay: 1 };
  // 下午14点: a 24-hour clock wins over the word.
  if (hour > 12 || !period) return { hour, nextDay: 0 };
  switch (PERIODS[period]) {
    case 'dawn':
      return { hour: hour === 12 ? 0 : hour, nextDay: 0 };
    case 'am':
      return { hour, nextDay: 0 };
    case 'noon':
      // 中午12点 = 12:00, 中午1点 = 13:00, 中午11点半 = 11:30.
      return { hour: hour <= 5 ? hour + 12 : hour, nextDay: 0 };
    case 'pm':
      return { hour: hour === 12 ? 12 : hour + 12, nextDay: 0 };
    case 'night':
      // 晚上7点 = 19:00; 晚上12点 is the midnight that ends the day, 晚上1点 the hour after it.
      if (hour === 12 || hour === 0) return { hour: 0, nextDay: 1 };
      return hour <= 4 ? { hour, nextDay: 1 } : { hour: hour + 12, nextDay: 0 };
  }
  return { hour, nextDay: 0 };
}

/** The first time of day in `s`, and `s` without it. */
function takeTime(s: string): { time: TimeReading; rest: string; length: number } | undefined {
  const m = TIME_RE.exec(s);
  if (!m) return undefined;
  const all = m[0];
  const { period, hour: h, minWithUnit, min, minColon, half, quarter, threeQuarters } = m.groups!;
  const hour = smallNumber(h);
  let minute = 0;
  const typedMinute = minWithUnit ?? min ?? minColon;
  if (typedMinute !== undefined) {
    const n = smallNumber(typedMinute);
    if (n === undefined) return undefined;
    minute = n;
  } else if (half) minute = 30;
  else if (quarter) minute = 15;
  else if (threeQuarters) minute = 45;
  if (hour === undefined || minute > 59 || (hour === 24 && minute > 0)) return undefined;
  // 「两点」「3点半」 with no part of the day: in a work chat that is the afternoon, but it is
  // not said — never guess 02:00 or 14:00; the question shows 「下午2点」.
  if (!period && minColon === undefined && hour >= 1 && hour <= 6) return undefined;
  const h24 = dayHour(period, hour);
  if (!h24) return undefined;
  return {
    time: { hour: h24.hour, minute, nextDay: h24.nextDay },
    rest: `${s.slice(0, m.index)} ${s.slice(m.index + all.length)}`,
    length: all.replace(/\s/g, '').length,
  };
}

// ---- the day ----------------------------------------------------------------------------------

function ymdOf(y: number, m: number, d: number): Ymd {
  const t = new Date(Date.UTC(y, m - 1, d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function isValid(y: number, m: number, d: number): boolean {
  const t = ymdOf(y, m, d);
  return t.y === y && t.m === m && t.d === d;
}

const RELATIVE_DAYS: Record<string, number> = {
  大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3,
};
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 末: 6 };
const WEEK_PREFIX: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1, 下下: 2 };
const WEEK_RE = /^(上上|下下|上|下|这|本)?\s*(?:个)?\s*(?:星期|礼拜|周)\s*([一二三四五六日天末1-7])$/u;
const DAY_OF_MONTH_RE = new RegExp(`^(本月|这个月|下个月|下月)?\\s*(${NUM})\\s*日$`, 'u');
const DATE_RE = new RegExp(`^(?:(\\d{4}|\\d{2})\\s*年\\s*)?(${NUM})\\s*月\\s*(${NUM})\\s*日?$`, 'u');

/**
 * The day in `part` (the text without its time), read against today in Shanghai; `covered` is
 * how many of its characters the reading used.
 */
function readDay(part: string, today: Ymd, todayWeekday: number, ref: Parameters<typeof hans.parse>[1]):
  | { day: DayReading; covered: number }
  | undefined {
  const s = part.trim();
  const plus = (days: number) => ymdOf(today.y, today.m, today.d + days);
  const all = s.replace(/\s/g, '').length;

  if (!s) return { day: { ...today, step: 'day', yearGiven: false }, covered: 0 };
  if (s in RELATIVE_DAYS) return { day: { ...plus(RELATIVE_DAYS[s]), step: 'none', yearGiven: true }, covered: all };

  let m = WEEK_RE.exec(s);
  if (m) {
    const wd = WEEKDAYS[m[2]] ?? Number(m[2]);
    const day = plus(wd - todayWeekday + 7 * (m[1] ? WEEK_PREFIX[m[1]] : 0));
    return { day: { ...day, step: m[1] ? 'none' : 'week', yearGiven: Boolean(m[1]) }, covered: all };
  }

  m = DAY_OF_MONTH_RE.exec(s);
  if (m) {
    const d = smallNumber(m[2]);
    if (d === undefined || d < 1 || d > 31) return undefined;
    if (!m[1]) return { day: { ...today, d, step: 'month', yearGiven: false }, covered: all };
    const month = ymdOf(today.y, today.m + (m[1].startsWith('下') ? 1 : 0), 1);
    return isValid(month.y, month.m, d) ? { day: { ...month, d, step: 'none', yearGiven: true }, covered: all } : undefined;
  }

  // 6月20日, 2020年6月20日 (chrono drops 2月29日 when the reference year has none).
  m = DATE_RE.exec(s);
  if (m) {
    const [mo, d] = [smallNumber(m[2]), smallNumber(m[3])];
    if (mo === undefined || d === undefined) return undefined;
    if (m[1]) {
      const y = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
      return isValid(y, mo, d) ? { day: { y, m: mo, d, step: 'none', yearGiven: true }, covered: all } : undefined;
    }
    // Valid in some year: 2月29日 is.
    return isValid(2000, mo, d) ? { day: { y: today.y, m: mo, d, step: 'year', yearGiven: false }, covered: all } : undefined;
  }

  // Not forwardDate: a weekday stays within three days of today, and occurrences() moves it.
  const results = hans.parse(s, ref);
  const r = results[0];
  if (!r) return undefined;
  const covered = results.reduce((n, x) => n + x.text.replace(/\s/g, '').length, 0);
  const st = r.start;
  // Every time we can read was taken out before; one chrono still finds is a guess (9:, 十十时).
  if (st.isCertain('hour')) return undefined;
  const y = st.get('year') ?? today.y;
  const mo = st.get('month') ?? today.m;
  const d = st.get('day') ?? today.d;
  // 「2024年3月」「去年9月」: a month without its day names no day; never make one up.
  if (!st.isCertain('day') && !st.isCertain('weekday')) return undefined;
  if (st.isCertain('year')) {
    // Four-digit years only: chrono reads 753月 as the year 75.
    return y >= 1000 && isValid(y, mo, d) ? { day: { y, m: mo, d, step: 'none', yearGiven: true }, covered } : undefined;
  }
  if (st.isCertain('month') && st.isCertain('day')) return { day: { y: today.y, m: mo, d, step: 'year', yearGiven: false }, covered };
  if (st.isCertain('weekday') && !st.isCertain('day')) return { day: { y, m: mo, d, step: 'week', yearGiven: false }, covered };
  // A month without a day (6月), or something chrono half understood.
  return undefined;
}

/** The days `day` could mean, around today. */
function occurrences(day: DayReading): Ymd[] {
  const out: Ymd[] = [];
  switch (day.step) {
    case 'none':
      return [day];
    case 'year':
      // ±4 years so that 2月29日 always has one on either side.
      for (let k = -4; k <= 4; k++) if (isValid(day.y + k, day.m, day.d)) out.push({ y: day.y + k, m: day.m, d: day.d });
      return out;
    case 'month':
      // ±2 months so that 31号 always has one on either side; ymdOf's day 1 keeps the month.
      for (let k = -2; k <= 2; k++) {
        const month = ymdOf(day.y, day.m + k, 1);
        if (isValid(month.y, month.m, day.d)) out.push({ ...month, d: day.d });
      }
      return out;
    case 'week':
      return [-7, 0, 7].map((k) => ymdOf(day.y, day.m, day.d + k));
    case 'day':
      return [-1, 0, 1].map((k) => ymdOf(day.y, day.m, day.d + k));
  }
}

interface Candidate {
  day: Ymd;
  at: Date;
  /** What is compared with `ref`: the instant for a time alone, the day's midnight otherwise. */
  key: number;
}

function pick(cands: Candidate[], ref: number, prefer: WhenOptions['prefer']): Candidate | undefined {
  const nearest = (list: Candidate[]) =>
    list.reduce<Candidate | undefined>((best, c) => {
      if (!best) return c;
      const a = Math.abs(c.key - ref);
      const b = Math.abs(best.key - ref);
      return a < b || (a === b && c.key > best.key) ? c : best;
    }, undefined);
  if (prefer === 'future') return nearest(cands.filter((c) => c.key >= ref)) ?? nearest(cands);
  if (prefer === 'past') return nearest(cands.filter((c) => c.key <= ref)) ?? nearest(cands);
  return nearest(cands);
}

// ---- parseWhen --------------------------------------------------------------------------------

/** What was typed, in the forms read below: half-width, simplified, 2020/6/20 → 2020年6月20日. */
function prepare(text: string, today: Ymd): string {
  return normalise(fold(text))
    .replace(TRAILING, '')
    .replace(/(今|明|昨)晚(?!上)/gu, '$1天晚上')
    .replace(/(今|明|昨)早(?!上)/gu, '$1天早上')
    .replace(/([今明去前后])年(?=\s*[\d一二三四五六七八九十]{1,2}\s*月)/gu, (_, w: string) => `${today.y + { 今: 0, 明: 1, 去: -1, 前: -2, 后: 2 }[w]!}年`)
    .replace(/(\d{4})\s*[\/.]\s*(\d{1,2})\s*[\/.]\s*(\d{1,2})\s*日?/g, '$1年$2月$3日')
    .replace(/(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, '$1年$2月$3日')
    .replace(/(^|[^\d.:])(\d{1,2})\s*[\/.]\s*(\d{1,2})(?![\d.:])/g, '$1$2月$3日')
    .replace(new RegExp(`([\\d${CN_DIGIT}十])\\s*号`, 'gu'), '$1日')
    .replace(/礼拜天/gu, '礼拜日');
}

function whenOptions(o: Direction | WhenOptions | undefined): WhenOptions {
  return typeof o === 'string' ? { prefer: o } : { prefer: o?.prefer ?? 'future', window: o?.window };
}

/**
 * The day (and time, if one was typed) in `text`, or undefined when it holds none or mostly
 * something else. A day typed without a year (6月9日, 6/9, 9号, 周六, a time alone) is placed
 * by `options` (see WhenOptions; a bare `'future'`/`'past'` is `{ prefer }`); a year, or a day
 * counted from today (明天, 下周六), is never moved.
 */
export function parseWhen(text: string, now: Date, options: Direction | WhenOptions = 'future'): ParsedWhen | undefined {
  const { prefer, window } = whenOptions(options);
  const p = shanghaiParts(now);
  const today: Ymd = { y: p.year, m: p.month, d: p.day };
  const prepared = prepare(text, today);
  if (!prepared) return undefined;
  const typed = prepared.replace(/\s/g, '').length;

  const taken = takeTime(prepared);
  let rest = taken ? taken.rest : prepared;
  // A part of the day without an hour (明天下午) says nothing more about the day.
  let periodLength = 0;
  rest = rest.replace(new RegExp(PERIOD, 'gu'), (w) => {
    periodLength += w.length;
    return ' ';
  });
  if (!taken && !rest.trim()) return undefined;

  // chrono works out 三天后 from the reference's *local* calendar day. So the reference is
  // shifted until the server's local wall clock reads what Shanghai's does; the components it
  // returns are then Shanghai's wall clock.
  const localOffset = -now.getTimezoneOffset();
  const ref = { instant: new Date(now.getTime() + (SHANGHAI_OFFSET_MIN - localOffset) * 60_000), timezone: localOffset };
  const read = readDay(rest, today, p.weekday, ref);
  if (!read) return undefined;
  // Ignore matches that cover only a small part of what was typed (e.g. a stray number).
  if (read.covered + (taken?.length ?? 0) + periodLength < typed * 0.6) return undefined;

  const time = taken?.time;
  const { day } = read;
  const cands: Candidate[] = occurrences(day).map((c) => {
    const midnight = shanghaiInstant(c.y, c.m, c.d);
    const at = time ? new Date(shanghaiInstant(c.y, c.m, c.d, time.hour, time.minute).getTime() + time.nextDay * DAY_MS) : midnight;
    return { day: c, at, key: day.step === 'day' ? at.getTime() : midnight.getTime() };
  });
  const ref0 = day.step === 'day' ? now.getTime() : shanghaiInstant(today.y, today.m, today.d).getTime();
  const calendarDay = (d: Date) => {
    const q = shanghaiParts(d);
    return shanghaiInstant(q.year, q.month, q.day).getTime();
  };
  const inWindow = window
    ? cands.filter((c) => {
        const midnight = shanghaiInstant(c.day.y, c.day.m, c.day.d).getTime();
        return midnight >= calendarDay(window.from) && midnight <= calendarDay(window.to);
      })
    : [];
  const chosen = pick(inWindow.length ? inWindow : cands, ref0, prefer);
  if (!chosen) return undefined;
  return { at: chosen.at, hasTime: Boolean(time), yearGiven: day.yearGiven };
}

// ---- months -----------------------------------------------------------------------------------

const CN_MONTH = '十[一二]|[一二三四五六七八九十]';
const MONTH_WORDS: Record<string, number> = { 上个月: -1, 上月: -1, 本月: 0, 这个月: 0, 下个月: 1, 下月: 1 };
/** Groups: 1 year, 2 month after 年, 3 month after - / ., 4 今年/明年/去年, 5 its month, 6 a month alone, 7 a month word. */
const MONTH_SRC =
  `(\\d{4})\\s*(?:年\\s*(\\d{1,2}|${CN_MONTH})\\s*月|[-\\/.]\\s*(\\d{1,2})(?!\\d)(?:\\s*月)?)(?:\\s*份)?` +
  `|(今年|明年|去年)\\s*(\\d{1,2}|${CN_MONTH})\\s*月(?:\\s*份)?` +
  `|(?<![\\d${CN_DIGIT}十年])(\\d{1,2}|${CN_MONTH})\\s*月(?:\\s*份)?` +
  `|(${Object.keys(MONTH_WORDS).join('|')})`;
const MONTH_EXACT = new RegExp(`^(?:${MONTH_SRC})$`, 'u');
const MONTH_ANYWHERE = new RegExp(MONTH_SRC, 'gu');
/** What makes a month the start of a date instead: 7月15日, 7月15, 2020-07-15. */
const DAY_AFTER = new RegExp(`^(?:\\s*[-\\/.]\\s*\\d|\\d|\\s*(?:\\d{1,2}|${CN_NUM})\\s*[日号])`, 'u');

function monthOf(m: RegExpExecArray, now: Date): string | undefined {
  const cur = shanghaiParts(now);
  const fmt = (t: Ymd) => `${t.y}-${String(t.m).padStart(2, '0')}`;
  const valid = (mo: number | undefined): mo is number => mo !== undefined && mo >= 1 && mo <= 12;
  if (m[1]) {
    const mo = smallNumber(m[2] ?? m[3]);
    return valid(mo) ? fmt({ y: Number(m[1]), m: mo, d: 1 }) : undefined;
  }
  if (m[4]) {
    const mo = smallNumber(m[5]);
    return valid(mo) ? fmt({ y: cur.year + { 今年: 0, 明年: 1, 去年: -1 }[m[4]]!, m: mo, d: 1 }) : undefined;
  }
  if (m[6]) {
    const mo = smallNumber(m[6]);
    // This year's, or next year's once this year's is over.
    return valid(mo) ? fmt({ y: mo < cur.month ? cur.year + 1 : cur.year, m: mo, d: 1 }) : undefined;
  }
  return fmt(ymdOf(cur.year, cur.month + MONTH_WORDS[m[7]], 1));
}

/**
 * Full-width digits, letters and punctuation half-width, traditional date characters simplified:
 * one UTF-16 unit for one, so positions in the result are positions in `text`.
 */
function fold(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (PUNCT[ch] ?? TRADITIONAL[ch]) s += PUNCT[ch] ?? TRADITIONAL[ch];
    else if (code >= 0xff01 && code <= 0xff5e) s += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) s += ' ';
    else s += ch;
  }
  return s;
}

/**
 * The whole of `text` as a month → YYYY-MM: 2020-07, 2020年7月(份), 2020/8, 7月, 七月份, 07月,
 * 下个月, 本月, 上月. A month without a year is this year's, or next year's once this year's is
 * over. Text around the month is not accepted (see findMonth).
 */
export function parseMonth(text: string, now: Date): string | undefined {
  const m = MONTH_EXACT.exec(normalise(fold(text)).replace(TRAILING, ''));
  return m ? monthOf(m, now) : undefined;
}

/**
 * The first month mentioned in a longer text (「7月份的读书月活动」→ 2020-07, `7月份`), with the
 * substring of `text` it was read from, as typed. The month of a date (7月15日) is not a month.
 */
export function findMonth(text: string, now: Date): { month: string; text: string } | undefined {
  const s = fold(text);
  MONTH_ANYWHERE.lastIndex = 0;
  for (let m = MONTH_ANYWHERE.exec(s); m; m = MONTH_ANYWHERE.exec(s)) {
    if (DAY_AFTER.test(s.slice(m.index + m[0].length))) continue;
    const month = monthOf(m, now);
    if (month) return { month, text: text.slice(m.index, m.index + m[0].length) };
  }
  return undefined;
}
