/**
 * Tolerant reading of what people type in a chat: full-width punctuation, a leading `/` or
 * @-mention, `字段=值` / `字段：值` pairs and positional words, counts in digits or Chinese.
 */

const FULL_TO_HALF: Record<string, string> = {
  '，': ',', '：': ':', '；': ';', '＝': '=', '（': '(', '）': ')', '！': '!', '？': '?',
  '　': ' ', '、': ',', '／': '/', '＃': '#', '＠': '@', '－': '-', '～': '~', '．': '.',
};

/** Full-width ASCII letters, digits and the punctuation above become half-width; whitespace is folded. */
export function normalise(text: string): string {
  let s = '';
  // NFC joins a letter and its combining mark; for a few characters (e.g. U+FB1F) it expands
  // instead, and what we read must never be longer than what was typed.
  const composed = text.normalize('NFC');
  for (const ch of composed.length <= text.length ? composed : text) {
    const code = ch.codePointAt(0)!;
    if (FULL_TO_HALF[ch]) s += FULL_TO_HALF[ch];
    else if (code >= 0xff01 && code <= 0xff5e) s += String.fromCodePoint(code - 0xfee0);
    else if (code < 0x20 || code === 0x7f || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) s += ' ';
    else s += ch;
  }
  return s.replace(/[ \t\r\n\u00a0\u2028\u2029]+/g, ' ').trim();
}

/** Longer messages are read only this far. */
const MAX_TEXT = 4000;

/** What a message says to the bot: normalised, without the @-mention or `/` in front. */
export function commandLine(text: string): string {
  return stripAddress(normalise(text.slice(0, MAX_TEXT)));
}

/** Removes a leading @-mention of the bot (platforms leave it in the text) and a leading `/`. */
export function stripAddress(text: string): string {
  let s = text.trim();
  for (;;) {
    const next = s.replace(/^@\S+\s*/, '').replace(/^\/+\s*/, '');
    if (next === s) return s;
    s = next;
  }
}

/** Splits on spaces and commas, keeping 《…》 「…」 “…” "…" quoted runs together (quotes removed, book marks kept). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let close = '';
  for (const ch of text) {
    if (close) {
      if (ch === close) {
        if (close === '》') cur += ch;
        close = '';
      } else cur += ch;
      continue;
    }
    if (ch === '《') { close = '》'; cur += ch; continue; }
    if (ch === '「') { close = '」'; continue; }
    if (ch === '“') { close = '”'; continue; }
    if (ch === '"') { close = '"'; continue; }
    if (ch === ' ' || ch === ',' || ch === ';') {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export interface Args {
  /** Words without a field name, in order. */
  positional: string[];
  /** `字段=值` and `字段:值` pairs, by the name as typed. */
  named: Map<string, string>;
  /** Everything after the command word, normalised. */
  rest: string;
}

/**
 * `字段=值` / `字段:值` pairs anywhere in the line; a value runs until the next pair, so it may hold
 * spaces and commas (特色=每周共读，月末分享). Words before the first pair are positional.
 */
export function parseArgs(rest: string): Args {
  const named = new Map<string, string>();
  const keyRe = /(^|[\s,;])([^\s=:,;<>《》\/\d][^\s=:,;<>《》\/]{0,11})\s*[=:]/g;
  const keys: Array<{ name: string; start: number; valueStart: number }> = [];
  for (let m = keyRe.exec(rest); m; m = keyRe.exec(rest)) {
    if (/^https?$/i.test(m[2])) continue;
    keys.push({ name: m[2], start: m.index + m[1].length, valueStart: m.index + m[0].length });
  }
  const head = keys.length ? rest.slice(0, keys[0].start) : rest;
  keys.forEach((k, i) => {
    const end = i + 1 < keys.length ? keys[i + 1].start : rest.length;
    named.set(k.name, rest.slice(k.valueStart, end).replace(/^[\s,;]+|[\s,;]+$/g, ''));
  });
  return { positional: tokenize(head), named, rest: rest.trim() };
}

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/**
 * A count written in digits (35, 1,200) or in Chinese (三十五, 一百零二, 两千, 1万2千), with an
 * optional trailing 人/个/次/名/位/场/张/字. Undefined when it is not a whole number.
 */
export function parseCount(input: string): number | undefined {
  let s = normalise(input).replace(/[人个次名位场张字篇]$/u, '').trim();
  if (!s) return undefined;
  if (/^\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (!/^[\d零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]+$/u.test(s)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let digitRun = '';
  for (const ch of s) {
    if (/\d/.test(ch)) {
      digitRun += ch;
      digit = Number(digitRun);
      continue;
    }
    digitRun = '';
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch];
      digit = undefined;
    } else if (ch in BIG) {
      section += digit ?? 0;
      total += (section || 1) * BIG[ch];
      section = 0;
      digit = undefined;
    }
  }
  const n = total + section + (digit ?? 0);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Edit distance, for suggesting the nearest command. */
export function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}
