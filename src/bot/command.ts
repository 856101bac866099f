import type { z } from 'zod';
import type { Tx } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import type { Notice } from '../domain/notices.js';
import type { Campaign, Chat, Member, Unit } from '../generated/sqlite/client.js';
import { HELP_SECTIONS } from '../texts.js';
import type { IncomingMessage } from './message.js';
import type { PlatformSender } from './sender.js';

/**
 * A chat command declared as data (in the spirit of Koishi's `ctx.command()`): its names, help,
 * who may use it, its fields with their zod schemas, and a handler that reads the values, calls
 * one domain function and formats the reply. Help is generated from these declarations.
 *
 *     export default defineCommand({
 *       names: ['更新社群', 'update-group'],
 *       …,
 *       fields: { id: { label: '编号', prompt: t('…'), schema: id('社群', '更新社群 3 人数 150') } },
 *       async run(ctx, { id }) { … },   // id: number
 *     });
 */

/**
 * Who may use a command: anyone; members acting for a unit; a unit's contacts and admins (who
 * answer contact requests); admins; superadmins.
 */
export type Access = 'anyone' | 'bound' | 'contact' | 'admin' | 'superadmin';

/** What a handler gets: who speaks, where, the message's transaction, and reply(). */
export interface Context {
  /** The message's transaction, for domain functions: commands write no queries themselves. */
  tx: Tx;
  now: Date;
  campaign: Campaign;
  message: IncomingMessage;
  chat: Chat & { unit: Unit | null };
  member: Member & { unit: Unit | null };
  /** The sender as plain values, for domain functions (permission checks, audit rows). */
  actor: Actor;
  isAdmin: boolean;
  reply(text: string): void;
  /**
   * Asks a follow-up question from inside a handler: the next message of this sender in this
   * chat becomes field `key`, and the command runs again with `raw` plus that answer.
   */
  ask(key: string, prompt: string, raw: Record<string, string>): Promise<void>;
  /**
   * Before a doubtful write (a unit matched by sound, a figure far above the usual): says what
   * was understood and asks for a one-word yes; the command runs again, with `kind` confirmed,
   * only if the next message is one. Anything else cancels.
   */
  confirm(kind: string, prompt: string): Promise<void>;
  /** Whether the sender has confirmed `kind` for this run of the command. */
  confirmed(kind: string): boolean;
  /** What others should hear once the message's change has committed (never on a rollback or a retry). */
  notify(...notices: Notice[]): void;
  /** The declared commands, for help. */
  commands: readonly CommandDef[];
  /** What can be sent on the message's platform; undefined where nothing can (the console). */
  sender?: PlatformSender;
  /** Where signed download links point and the key that signs them (ADMIN_TOKEN, PUBLIC_BASE_URL), when set. */
  exportLinks?: { base: string; secret: string };
}

export interface FieldEnv {
  now: Date;
  /** The campaign's dates, within which a date typed without a year is read. */
  campaign: Pick<Campaign, 'startsAt' | 'endsAt'>;
  /** The values of the fields declared before this one (a host date is read inside its month). */
  values: Record<string, unknown>;
}

/**
 * One argument of a command. The dispatcher fills it from `字段=值` (by label or alias), from the
 * words after the command, or by asking for it in a follow-up question; the zod schema turns the
 * typed text into a value and its messages are what the user reads when the text is wrong.
 */
export interface Field<T = unknown> {
  /** The Chinese label, also accepted as `标签=值`. */
  label: string;
  /** Other names accepted in `名=值`. */
  names?: readonly string[];
  /** The follow-up question, e.g. "请告诉我社群名称，例如：书香长沙". */
  prompt: string;
  schema: (env: FieldEnv) => z.ZodType<T, string>;
  optional?: boolean;
  /**
   * How an answer to this field's question joins what was typed for it before, when that did
   * not fit (a time after a date: 「6月15日」 then 「下午两点」); undefined to take the answer alone.
   */
  joinAnswer?: (typed: string, answer: string) => string | undefined;
  /** Filled without asking when absent (e.g. the contact defaults to the sender). */
  fallback?: (ctx: Context) => string | undefined;
}

export type Fields = Record<string, Field<any>>;

/** The values a handler gets: each field's schema output; optional ones may be undefined. */
export type Values<F extends Fields> = {
  [K in keyof F]: F[K] extends { optional: true } ? z.output<ReturnType<F[K]['schema']>> | undefined : z.output<ReturnType<F[K]['schema']>>;
};

export { HELP_SECTIONS as SECTIONS };
export type Section = (typeof HELP_SECTIONS)[number];

export interface CommandSpec<F extends Fields> {
  /** Chinese names first, then English aliases; all work. */
  names: readonly string[];
  /**
   * Other ways people say the command word, read like names but not shown as its name: word
   * order swapped (活动登记), synonyms (同意, 通过), phrases (看看排名, 推荐一本书).
   */
  variants?: readonly string[];
  /**
   * Sentences that mean the command without its word (「本周荐读35人」): matched at the start,
   * after polite fillers; what follows the match is read as the command's words, after the
   * match's named group `id` when it has one (「5号活动完成了，实际参加52人」).
   */
  phrasings?: readonly RegExp[];
  /**
   * False when the command word is an everyday word that may begin an answer to a question
   * (「我的读书群」): then, while a question is open, only the word on its own is taken as the command.
   */
  glued?: false;
  section: Section;
  summary: string;
  usage: string;
  examples: readonly string[];
  access: Access;
  fields?: F;
  /** Field keys that the words after the command fill, in order (default: every field in order). */
  positional?: ReadonlyArray<keyof F & string>;
  /**
   * Sorts the words after the command into fields where their order alone does not tell
   * (「上报 荐读 35」「荐书 《书》 微博」). `字段=值` pairs are mapped from the declared labels and
   * names before it and win over it.
   */
  classify?: (words: string[]) => Partial<Record<keyof F & string, string>>;
  /** `rest` is everything after the command word, for commands that read it whole. */
  run(ctx: Context, values: Values<F>, rest: string): Promise<void>;
}

/** A command as the dispatcher sees it, its values no longer typed. */
export type CommandDef = CommandSpec<Fields> & { run(ctx: Context, values: Record<string, any>, rest: string): Promise<void> };

/**
 * Declares a command; the handler's values are inferred from the field schemas. Leave a
 * `fallback`'s parameter unannotated (it is typed from Field): an annotated one makes TypeScript
 * give up the inference, and the values become `any`.
 */
export function defineCommand<const F extends Fields>(spec: CommandSpec<F>): CommandDef {
  return spec as unknown as CommandDef;
}
