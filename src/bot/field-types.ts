import { z } from 'zod';
import { t } from '../texts.js';
import type { FieldEnv } from './command.js';
import { parseMonth, parseWhen, type Direction } from './dates.js';
import { parseCount } from './text.js';

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

export const count = (label: string, max = 1_000_000) => () =>
  z.string().transform((s, ctx) => {
    const n = parseCount(s);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: t('field.notCount', { label, typed: s }) });
      return z.NEVER;
    }
    if (n > max) {
      ctx.addIssue({ code: 'custom', message: t('field.countTooBig', { label, n, max }) });
      return z.NEVER;
    }
    return n;
  });

/** A record's number: `12`, `#12`, `编号12`. `what` names the record (申报), `usage` is an example. */
export const id = (what: string, usage: string) => () =>
  z.string().transform((s, ctx) => {
    const m = /^(?:#|编号|no\.?)?\s*(\d{1,9})$/i.exec(s.trim());
    if (!m) {
      ctx.addIssue({ code: 'custom', message: t('field.idMissing', { what, usage }) });
      return z.NEVER;
    }
    return Number(m[1]);
  });

export const date = (label: string, direction: Direction = 'future') => (env: FieldEnv) =>
  z.string().transform((s, ctx) => {
    const w = parseWhen(s, env.now, direction);
    if (!w) {
      ctx.addIssue({ code: 'custom', message: t('field.dateUnreadable', { label, typed: s }) });
      return z.NEVER;
    }
    return w.at;
  });

export const dateTime = (label: string) => (env: FieldEnv) =>
  z.string().transform((s, ctx) => {
    const w = parseWhen(s, env.now);
    if (!w) {
      ctx.addIssue({ code: 'custom', message: t('field.dateTimeUnreadable', { label, typed: s }) });
      return z.NEVER;
    }
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
      ctx.addIssue({ code: 'custom', message: t('field.monthUnreadable', { label, typed: s }) });
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

/** One of a set of words (e.g. 快闪 / 沙龙 / 读书月 → an ActivityKind), case-insensitive. */
export function choice<T extends string>(label: string, options: Record<string, T>) {
  return () =>
    z.string().transform((s, ctx) => {
      const key = s.trim().toLowerCase();
      const hit = Object.entries(options).find(([k]) => k.toLowerCase() === key);
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: t('field.notAChoice', { label, typed: s, options: uniqueLabels(Object.keys(options)) }) });
        return z.NEVER;
      }
      return hit[1];
    });
}

/** Chinese option names only, for messages. */
function uniqueLabels(names: string[]): string[] {
  return names.filter((n) => /[\u4e00-\u9fff]/.test(n)).slice(0, 6);
}
