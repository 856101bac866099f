// Only the Simplified Chinese parser: the whole package (every locale) costs 30 MB of memory.
import * as hans from 'chrono-node/zh/hans';
import { SHANGHAI_OFFSET_MIN, shanghaiInstant, shanghaiParts } from '../time.js';
import { normalise } from './text.js';

/**
 * Dates and times as people write them in Chinese —「6月20日下午2点」「下周六 14:00」「2020/6/20」—
 * resolved in Asia/Shanghai against `now`, whatever the server's TZ.
 */
export interface ParsedWhen {
  at: Date;
  /** False when only a day was given (no hour). */
  hasTime: boolean;
}

function prepare(text: string): string {
  return normalise(text)
    .replace(/(\d{4})[\/.](\d{1,2})[\/.](\d{1,2})日?/g, '$1年$2月$3日')
    .replace(/(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, '$1年$2月$3日')
    .replace(/(^|[^\d.])(\d{1,2})[\/.](\d{1,2})(?![\d.])/g, '$1$2月$3日')
    .replace(/(\d{1,2})[时點]/g, '$1点')
    .replace(/(\d)号/g, '$1日');
}

/** `future`: a day without a year is the next such day (events); `past`: the last one (founding dates). */
export type Direction = 'future' | 'past';

export function parseWhen(text: string, now: Date, direction: Direction = 'future'): ParsedWhen | undefined {
  const prepared = prepare(text);
  if (!prepared) return undefined;
  // chrono works out 明天 / 下周六 from the reference's *local* calendar day. So the reference is
  // shifted until the server's local wall clock reads what Shanghai's does, results are read at
  // that fixed offset, and shifted back: the same answer under any TZ.
  const localOffset = -now.getTimezoneOffset();
  const shift = (SHANGHAI_OFFSET_MIN - localOffset) * 60_000;
  const ref = { instant: new Date(now.getTime() + shift), timezone: localOffset };
  const results = hans.parse(prepared, ref, { forwardDate: direction === 'future' });
  const r = results[0];
  if (!r) return undefined;
  // Ignore matches that cover only a small part of what was typed (e.g. a stray number).
  const covered = results.reduce((n, x) => n + x.text.length, 0);
  if (covered < prepared.replace(/\s/g, '').length * 0.6) return undefined;
  const hasTime = r.start.isCertain('hour');
  const d = new Date(r.start.date().getTime() - shift);
  if (hasTime) return { at: d, hasTime };
  const p = shanghaiParts(d);
  return { at: shanghaiInstant(p.year, p.month, p.day), hasTime };
}

/** 2020-07, 2020年7月, 7月 (this year or next, whichever is not past), 下个月 → YYYY-MM. */
export function parseMonth(text: string, now: Date): string | undefined {
  const s = normalise(text).replace(/份$/, '');
  const cur = shanghaiParts(now);
  const fmt = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  let m = /^(\d{4})\s*[-年\/.]\s*(\d{1,2})\s*月?$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? fmt(Number(m[1]), mo) : undefined;
  }
  m = /^(\d{1,2}|[一二三四五六七八九十]|十[一二])\s*月$/.exec(s);
  if (m) {
    const mo = /^\d+$/.test(m[1]) ? Number(m[1]) : '一二三四五六七八九十'.indexOf(m[1]) + 1 || 10 + '一二'.indexOf(m[1].slice(1)) + 1;
    if (mo < 1 || mo > 12) return undefined;
    return fmt(mo < cur.month ? cur.year + 1 : cur.year, mo);
  }
  if (s === '本月' || s === '这个月') return fmt(cur.year, cur.month);
  if (s === '下月' || s === '下个月') return cur.month === 12 ? fmt(cur.year + 1, 1) : fmt(cur.year, cur.month + 1);
  return undefined;
}
