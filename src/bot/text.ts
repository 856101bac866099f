/**
 * Tolerant reading of what people type in a chat: full-width letters and digits, invisible
 * characters, traditional characters, @-mentions anywhere, a leading `/`, `字段=值` / `字段：值`
 * pairs and positional words. The user's own punctuation (，、。) stays in what is stored; the
 * reading treats it as the separator it is.
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import { ConverterFactory } from 'opencc-js/core';

/** Full-width symbols that are part of numbers, addresses and pairs; Chinese punctuation (，。、：) is kept. */
const FULL_TO_HALF: Record<string, string> = {
  '＝': '=', '＠': '@', '＃': '#', '／': '/', '．': '.', '－': '-', '＋': '+', '％': '%', '＆': '&', '＿': '_',
};

/** Zero-width and format characters that phones and copy-paste leave in text. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;

/**
 * Full-width ASCII letters and digits become half-width; invisible characters go; control
 * characters and runs of whitespace become one space. Never longer than what was typed.
 */
export function normalise(text: string): string {
  let s = '';
  // NFC joins a letter and its combining mark; for a few characters (e.g. U+FB1F) it expands
  // instead, and what we read must never be longer than what was typed.
  const composed = text.normalize('NFC');
  for (const ch of (composed.length <= text.length ? composed : text).replace(INVISIBLE, '')) {
    const code = ch.codePointAt(0)!;
    if (FULL_TO_HALF[ch]) s += FULL_TO_HALF[ch];
    else if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) s += String.fromCodePoint(code - 0xfee0);
    else if (code < 0x20 || code === 0x7f) s += ' ';
    else s += ch;
  }
  return s.replace(/[ \t\r\n\u00a0\u2028\u2029\u3000]+/g, ' ').trim();
}

const toSimplifiedChars = ConverterFactory([[TSPhrases, TSCharacters]]);

/**
 * Traditional characters read as simplified (上報 → 上报), character for character, so that
 * positions in the result are positions in the input; text whose conversion would change its
 * length is returned as typed.
 */
export function simplified(text: string): string {
  const out = toSimplifiedChars(text);
  return out.length === text.length ? out : text;
}

/** Longer messages are read only this far. */
const MAX_TEXT = 4000;

/** What a message says to the bot: normalised, without @-mentions (wherever they stand) or a leading `/`. */
export function commandLine(text: string): string {
  return stripAddress(normalise(text.slice(0, MAX_TEXT)));
}

/**
 * Removes @-mentions (the platforms leave the bot's in the text, and people add others'),
 * wherever they stand, and a leading `/`. An address inside a word (`a@b.com`) is not a mention.
 */
export function stripAddress(text: string): string {
  let s = text.replace(/(^|\s)@[^\s@]+(?=\s|$)/gu, '$1').replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = s.replace(/^\/+\s*/, '').replace(/^@\S+\s*/, '');
    if (next === s) return s;
    s = next;
  }
}

/** Characters that separate words: spaces and the commas, semicolons and enumeration marks people use. */
const SEPARATORS = new Set([' ', ',', '，', ';', '；', '、']);
/**
 * 「绑定一下我们单位，长沙市总工会」: words that only say "our unit" before the unit named, not
 * part of any value.
 */
export const OUR_UNIT = /^(?:把)?(?:我们|我|本|咱们|咱)的?单位(?:(?:是|为|叫)[\s,，:：、]*|[\s,，:：、]+)/u;

/** 「13号的沙龙办完了」: a sentence saying an activity took place, for pointing to 活动完成. */
export const EVENT_DONE_SENTENCE =
  /(活动|沙龙|快闪|读书月|读书会|分享会).{0,6}(办完|结束|完成|搞完|开完|举办了|圆满)|(办完|开完|搞完|结束)了?.{0,4}(活动|沙龙|快闪|读书月)/u;

/** Sentence-final punctuation that ends a word without being part of it. */
export const TRAILING_PUNCTUATION = /[。.！!？?~～…]+$/u;
const OPENERS: Record<string, string> = { '《': '》', '「': '」', '“': '”', '"': '"', '『': '』', '【': '】' };

/** One word of a message and where it stands in the text it came from. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits on spaces, commas (，), semicolons and 、, keeping 《…》 「…」 “…” "…" runs together
 * (quotes removed, book marks kept) and a digit group `1,234` whole. Sentence-final punctuation
 * (38。) is not part of a word; a word of punctuation alone is dropped.
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const chars = [...text];
  let cur = '';
  let start = 0;
  let pos = 0;
  let close = '';
  const push = (end: number) => {
    const word = cur.replace(TRAILING_PUNCTUATION, '');
    if (word) out.push({ text: word, start, end });
    cur = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const at = pos;
    pos += ch.length;
    if (!cur) start = at;
    if (close) {
      if (ch === close) {
        // A book title is a word of its own: 「《活着》微博」 is a title and a platform.
        if (close === '》') {
          cur += ch;
          push(pos);
        }
        close = '';
      } else cur += ch;
      continue;
    }
    if (OPENERS[ch]) {
      close = OPENERS[ch];
      // A quote or a title opens a word of its own (名称“书香长沙” is a label and a name).
      if (cur) push(at);
      start = at;
      if (ch === '《') cur += ch;
      continue;
    }
    if (SEPARATORS.has(ch)) {
      const digitGroup = (ch === ',' || ch === '，') && /\d$/.test(cur) && /^\d{3}(?!\d)/.test(chars.slice(i + 1, i + 5).join(''));
      if (digitGroup) {
        cur += ch;
        continue;
      }
      push(at);
      continue;
    }
    cur += ch;
  }
  if (cur) push(pos);
  return out;
}

/** The words of `text` as strings. */
export function tokenize(text: string): string[] {
  return words(text).map((w) => w.text);
}

export interface Args {
  /** Words without a field name, in order. */
  positional: string[];
  /** The text from positional word `i` to the end of the positional part, as typed (for a last free-text field). */
  tail(i: number): string;
  /** `字段=值` and `字段:值` pairs, by the name as typed. */
  named: Map<string, string>;
  /** Everything after the command word, normalised. */
  rest: string;
}

const KEY_CHAR = String.raw`[^\s=:：,，;；、<>《》「」“”"\/]`;
const KEY_START = String.raw`[^\s=:：,，;；、<>《》「」“”"\/\d]`;

/**
 * `字段=值` / `字段:值` / `字段：值` pairs anywhere in the line; a value runs until the next pair,
 * so it may hold spaces and commas (特色=每周共读，月末分享). Words before the first pair are
 * positional. A name never ends in a digit, so `下周六14:00` is a time, not a pair.
 */
export function parseArgs(rest: string): Args {
  const named = new Map<string, string>();
  const keyRe = new RegExp(String.raw`(^|[\s,，;；、])(${KEY_START}(?:${KEY_CHAR}{0,10}[^\s=:：,，;；、<>《》「」“”"\/\d])?)\s*[=:：]`, 'gu');
  const keys: Array<{ name: string; start: number; valueStart: number }> = [];
  for (let m = keyRe.exec(rest); m; m = keyRe.exec(rest)) {
    if (/^https?$/i.test(m[2])) continue;
    keys.push({ name: m[2], start: m.index + m[1].length, valueStart: m.index + m[0].length });
  }
  const head = keys.length ? rest.slice(0, keys[0].start) : rest;
  keys.forEach((k, i) => {
    const end = i + 1 < keys.length ? keys[i + 1].start : rest.length;
    named.set(k.name, rest.slice(k.valueStart, end).replace(/^[\s,，;；、]+|[\s,，;；、]+$/gu, ''));
  });
  const found = words(head);
  return {
    positional: found.map((w) => w.text),
    tail: (i) => (found[i] ? head.slice(found[i].start).replace(/[\s,，;；、]+$/u, '') : ''),
    named,
    rest: rest.trim(),
  };
}

/** Edit distance, for suggesting the nearest command. */
export { distance } from 'fastest-levenshtein';

/** At most `max` characters of what someone typed, for echoing it in a reply. */
export function clip(typed: string, max = 20): string {
  const chars = [...typed];
  return chars.length <= max ? typed : `${chars.slice(0, max).join('')}…`;
}
