import { t } from './texts.js';
/**
 * Campaign time. Every campaign date is read in Asia/Shanghai, which has been UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact and the server's TZ never matters.
 */
export const CAMPAIGN_TZ = 'Asia/Shanghai';
export const SHANGHAI_OFFSET_MIN = 8 * 60;
const OFFSET_MS = SHANGHAI_OFFSET_MIN * 60_000;
const DAY_MS = 86_400_000;

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 1 = Monday … 7 = Sunday
}

/** The wall-clock fields of an instant in Shanghai. */
export function shanghaiParts(d: Date): LocalParts {
  const t = new Date(d.getTime() + OFFSET_MS);
  const wd = t.getUTCDay();
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    weekday: wd === 0 ? 7 : wd,
  };
}

/** The instant of a Shanghai wall-clock time. */
export function shanghaiInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS);
}

/** Midnight (Shanghai) of the day an instant falls on. */
export function startOfShanghaiDay(d: Date): Date {
  const p = shanghaiParts(d);
  return shanghaiInstant(p.year, p.month, p.day);
}

/** Monday 00:00 (Shanghai) of the week an instant falls in; weeks run Monday to Sunday. */
export function weekStart(d: Date): Date {
  const day = startOfShanghaiDay(d);
  return new Date(day.getTime() - (shanghaiParts(d).weekday - 1) * DAY_MS);
}

/** The week key stored with counts: the Monday as YYYY-MM-DD. */
export function weekKey(d: Date): string {
  return ymd(weekStart(d));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD in Shanghai. */
export function ymd(d: Date): string {
  const p = shanghaiParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** YYYY-MM in Shanghai. */
export function monthKey(d: Date): string {
  const p = shanghaiParts(d);
  return `${p.year}-${pad(p.month)}`;
}

/** 2020年6月20日 */
export function formatDate(d: Date): string {
  const p = shanghaiParts(d);
  return t('time.date', p);
}

/** 2020年6月20日 14:00 */
export function formatDateTime(d: Date): string {
  const p = shanghaiParts(d);
  return `${formatDate(d)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** 6月15日—6月21日 for the week starting at `monday`. */
export function formatWeek(monday: Date): string {
  const a = shanghaiParts(monday);
  const b = shanghaiParts(addDays(monday, 6));
  return t('time.week', { from: a, to: b });
}

/** Parses YYYY-MM-DD as Shanghai midnight; undefined when malformed. */
export function parseYmd(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const out = shanghaiInstant(y, mo, d);
  const p = shanghaiParts(out);
  return p.year === y && p.month === mo && p.day === d ? out : undefined;
}
