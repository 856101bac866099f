import { z } from 'zod';
import type { Db, Tx } from '../db/client.js';
import type { Campaign, Chat, Member, Unit } from '../generated/sqlite/client.js';
import type { IncomingMessage } from './message.js';
import type { PlatformSender } from './sender.js';
import type { Args } from './text.js';
import { parseCount } from './text.js';
import { parseMonth, parseWhen, type Direction } from './dates.js';

/** Who may use a command: anyone; members bound to a unit; admins; superadmins. */
export type Access = 'anyone' | 'bound' | 'admin' | 'superadmin';

/** What a handler gets: who speaks, where, the database (inside the message's transaction), and reply(). */
export interface Context {
  db: Tx;
  now: Date;
  campaign: Campaign;
  message: IncomingMessage;
  chat: Chat & { unit: Unit | null };
  member: Member & { unit: Unit | null };
  isAdmin: boolean;
  reply(text: string): void;
  /**
   * Asks a follow-up question from inside a handler: the next message of this sender in this
   * chat becomes field `key`, and the command runs again with `raw` plus that answer.
   */
  ask(key: string, prompt: string, raw: Record<string, string>): Promise<void>;
  audit(action: string, entity: string, entityId: string | number, detail?: unknown): Promise<void>;
  /**
   * Runs `fn` once the message's transaction has committed (and never when it rolls back or the
   * message is a retry): where notices are queued and cards sent. Gets the database client.
   */
  afterCommit(fn: (env: { db: Db; senders: ReadonlyMap<string, PlatformSender> }) => Promise<void>): void;
  /** The declared commands, for help. */
  commands: readonly CommandDef[];
  /** What can be sent on the message's platform; undefined where nothing can (the console). */
  sender?: PlatformSender;
  /** Where signed download links point and the key that signs them (ADMIN_TOKEN, PUBLIC_BASE_URL), when set. */
  exportLinks?: { base: string; secret: string };
}

export interface FieldEnv {
  now: Date;
}

/**
 * One argument of a command. The dispatcher fills it from `字段=值`, from positional words, or
 * by asking for it in a follow-up question; the zod schema turns the typed text into a value
 * and its messages are what the user reads when the text is wrong.
 */
export interface Field {
  key: string;
  /** The Chinese label, also accepted as `标签=值`. */
  label: string;
  /** Other names accepted in `名=值`. */
  names?: string[];
  /** The follow-up question, e.g. "请告诉我社群名称，例如：书香长沙". */
  prompt: string;
  schema: (env: FieldEnv) => z.ZodType<unknown, string>;
  optional?: boolean;
  /** Filled without asking when absent (e.g. the contact defaults to the sender). */
  fallback?: (ctx: Context) => string | undefined;
}

/** Headings under which help lists commands, in this order. */
export const SECTIONS = ['开始', '好书荐读', '读书社群', '读书活动', '承办申报', '管理'] as const;
export type Section = (typeof SECTIONS)[number];

export interface CommandDef {
  /** Chinese names first, then English aliases; all work. */
  names: string[];
  section: Section;
  summary: string;
  usage: string;
  examples: string[];
  access: Access;
  fields?: Field[];
  /** Field keys that positional words fill, in order (default: every field in order). */
  positional?: string[];
  /** Custom mapping of the typed words to raw field values, when the default does not fit. */
  mapArgs?: (args: Args) => Record<string, string>;
  run(ctx: Context, values: Record<string, any>): Promise<void>;
}

export function defineCommand(def: CommandDef): CommandDef {
  return def;
}

// ---- field schemas: typed text in, value out, Chinese messages ----

export const text = (label: string, max = 100) => () =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 个字`);

export const count = (label: string, max = 1_000_000) => () =>
  z.string().transform((s, ctx) => {
    const n = parseCount(s);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: `${label}「${s}」不是整数，请写数字，例如 35 或 三十五` });
      return z.NEVER;
    }
    if (n > max) {
      ctx.addIssue({ code: 'custom', message: `${label} ${n} 太大了，请核对（最多 ${max}）` });
      return z.NEVER;
    }
    return n;
  });

export const date = (label: string, direction: Direction = 'future') => (env: FieldEnv) =>
  z.string().transform((s, ctx) => {
    const w = parseWhen(s, env.now, direction);
    if (!w) {
      ctx.addIssue({ code: 'custom', message: `${label}「${s}」没看懂，请写成 2020-06-20 或 6月20日` });
      return z.NEVER;
    }
    return w.at;
  });

export const dateTime = (label: string) => (env: FieldEnv) =>
  z.string().transform((s, ctx) => {
    const w = parseWhen(s, env.now);
    if (!w) {
      ctx.addIssue({ code: 'custom', message: `${label}「${s}」没看懂，请写成 6月20日下午2点 或 2020-06-20 14:00` });
      return z.NEVER;
    }
    if (!w.hasTime) {
      ctx.addIssue({ code: 'custom', message: `${label}还缺具体钟点，请写成 6月20日下午2点 或 2020-06-20 14:00` });
      return z.NEVER;
    }
    return w.at;
  });

export const month = (label: string) => (env: FieldEnv) =>
  z.string().transform((s, ctx) => {
    const m = parseMonth(s, env.now);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `${label}「${s}」没看懂，请写成 2020-07 或 7月` });
      return z.NEVER;
    }
    return m;
  });

export const phone = () => () =>
  z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .refine((s) => /^(1\d{10}|0\d{9,11}|\d{7,8})$/.test(s), '电话号码格式不对，请写 11 位手机号或带区号的座机号');

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
    }, `${label}需要是 http:// 或 https:// 开头的完整网址`);

export function choice<T extends string>(label: string, options: Record<string, T>) {
  const names = Object.keys(options);
  return () =>
    z.string().transform((s, ctx) => {
      const key = s.trim().toLowerCase();
      const hit = Object.entries(options).find(([k]) => k.toLowerCase() === key);
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: `${label}「${s}」不在可选范围内，请从 ${uniqueLabels(names).join(' / ')} 中选一个` });
        return z.NEVER;
      }
      return hit[1];
    });
}

/** Chinese option names only, for messages. */
function uniqueLabels(names: string[]): string[] {
  return names.filter((n) => /[\u4e00-\u9fff]/.test(n)).slice(0, 6);
}

/** `<编号> [人数] <n>` and `<编号> 人数=<n>`: for commands that set a count on a numbered record. */
export function mapIdAndCount(countKey: string) {
  return (args: Args): Record<string, string> => {
    const raw: Record<string, string> = {};
    const words = args.positional.filter((w) => w !== '人数' && w !== '参与人数');
    if (words[0] !== undefined) raw.id = words[0];
    if (words[1] !== undefined) raw[countKey] = words[1];
    for (const [k, val] of args.named) if (k === '人数' || k === '参与人数') raw[countKey] = val;
    return raw;
  };
}
