/**
 * Everything a user reads, in one zh-CN table: replies, questions, refusals, notices, labels and
 * the words the bot accepts for a choice. Code asks for a text by key with typed parameters,
 * `t('reading.board', { board: 'CITY' })`, and never spells Chinese itself, so the
 * wording is reviewed in one place and a union office can change it safely (in the spirit of
 * Koishi's `locales/zh-CN.yml`).
 *
 * An entry is a string, or a function of its parameters when it has any.
 */
import { zhCN } from './texts/zh-CN.js';

export * from './texts/labels.js';

type Table = typeof zhCN;
export type TextKey = keyof Table;
/** The parameters of a text: none for a plain string, the function's argument otherwise. */
export type TextParams<K extends TextKey> = Table[K] extends (p: infer P) => string ? [params: P] : [];

/** The text of `key` with its parameters filled in. */
export function t<K extends TextKey>(key: K, ...params: TextParams<K>): string {
  const entry = zhCN[key] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params[0]) : entry;
}
