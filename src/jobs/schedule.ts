import cron from 'node-cron';
import { shanghaiInstant, shanghaiParts } from '../time.js';

/**
 * A job's schedule: a cron expression read in Asia/Shanghai whatever the server's TZ. Besides
 * node-cron firing it live, the scheduler needs the latest moment the schedule named up to now —
 * to know the window a run belongs to, and to catch up at start on the one missed while down.
 */
export interface Schedule {
  expr: string;
  fields: ReturnType<typeof cron.parse>;
}

export function parseSchedule(expr: string): Schedule {
  if (!cron.validate(expr)) throw new Error(`not a cron expression: ${expr}`);
  return { expr, fields: cron.parse(expr) };
}

/** How far back a window is looked for: longer than any month. */
const LOOKBACK_DAYS = 62;

/** The latest minute at or before `now` (Shanghai wall time) that the schedule names. */
export function latestAt(s: Schedule, now: Date): Date | undefined {
  const p = shanghaiParts(now);
  const { minute, hour, dayOfMonth, month, dayOfWeek } = s.fields;
  const hours = [...hour].sort((a, b) => b - a);
  const minutes = [...minute].sort((a, b) => b - a);
  for (let back = 0; back <= LOOKBACK_DAYS; back++) {
    const d = shanghaiParts(shanghaiInstant(p.year, p.month, p.day - back));
    if (!month.includes(d.month) || !dayOfMonth.includes(d.day) || !dayOfWeek.includes(d.weekday % 7)) continue;
    const limit = back === 0 ? p.hour * 60 + p.minute : 24 * 60;
    for (const h of hours) {
      for (const m of minutes) {
        if (h * 60 + m <= limit) return shanghaiInstant(d.year, d.month, d.day, h, m);
      }
    }
  }
  return undefined;
}

/** A window's key in JobRun: its Shanghai wall time, `2020-06-15 09:00`. */
export function windowKey(at: Date): string {
  const p = shanghaiParts(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
