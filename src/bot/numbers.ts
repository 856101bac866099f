/**
 * Counts as people write them: 35, 1,234, 1，234, 1 234, 三十五, 四十二人次, 1万2千, with or
 * without 人/人次/名/位 and sentence punctuation. A reading never guesses: an "about" figure
 * (约50人, 50多人), a negative one or two different figures are told apart from an exact one, so
 * the bot can ask instead of recording something the person did not write.
 */
import { normalise, simplified, TRAILING_PUNCTUATION } from './text.js';

export type CountReading =
  | { kind: 'exact'; n: number }
  /** An estimate (约50, 50多, 50左右, 近百): `n` is the figure named. */
  | { kind: 'about'; n: number }
  | { kind: 'negative'; n: number }
  /** Not a whole number (3.5). */
  | { kind: 'fraction'; text: string }
  /**
   * Two or more different figures where one was expected; `range` when they were spoken as one
   * estimate (「四五十」「三十五六」「一百二三」), the lowest and the highest reading.
   */
  | { kind: 'several'; values: number[]; range?: true }
  | { kind: 'none' };

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
const CHINESE = '零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** One figure: digits (with , or ， thousands groups, or a decimal), Chinese numerals, or a mix (1万2千, 1.2万). */
const FIGURE = new RegExp(String.raw`\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+\.\d+[万亿]?|[\d${CHINESE}]+`, 'gu');
const ABOUT_BEFORE = /(约|大约|大概|大致|差不多|将近|接近|近|估计|左右|上下|或许|可能|不到|不足|至少|最少|起码|超过|多于|少于)\s*$/u;
/** A word that only says the figure after it is an estimate (「约 50」). */
export const ABOUT_WORD = /^(约|大约|大概|大致|差不多|将近|接近|估计|不到|不足|至少|超过)$/u;
const ABOUT_AFTER = /^\s*(多|余|来|几|左右|上下|以上|出头|开外|\+)/u;
/** Words that may stand around a figure without changing it. */
const NOISE = /(职工|员工|会员|人员|本周|这周|本星期|这星期|上周|好书|荐读|荐书|参与|预计|现有|现在|目前|实际|参加|人数|人次|总共|一共|合计|共计|共|有|为|是|达|计|人|名|位|个|次|场|张|篇|字|了|:|：|=|\s|\p{Extended_Pictographic}|\uFE0F|\[[^\]]{1,4}\])/gu;

/** Courtesy at the end of a count: 「，谢谢！」「 辛苦了」「哈」. */
const COURTESY = /[\s,，、;；]*(?:谢谢[您你]?|多谢|感谢|辛苦了?|麻烦了|哈+|啦|哦|呀|呢|嗯|吧|哈哈)[\s!！。.~～…]*$/u;

/**
 * Two neighbouring Chinese digits (no 零 between them) are a spoken range: 「四五十」 is forty or
 * fifty, 「三十五六」 35 or 36, 「一百二三」 120 or 130, 「三五」 three to five.
 */
const NEIGHBOURS = /([一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖])([一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖])/u;

/** The value of a Chinese (or mixed) numeral; undefined when it is not one. */
function chineseValue(s: string): number | undefined {
  // Neighbouring digits are a range (see NEIGHBOURS), never one number.
  if (NEIGHBOURS.test(s)) return undefined;
  if (/^\d+\.\d+[万亿]$/u.test(s)) {
    const n = Number(s.slice(0, -1)) * BIG[s.slice(-1)];
    return Number.isSafeInteger(n) ? n : undefined;
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let digitRun = '';
  let seen = false;
  // The unit just before the last digit, for 「一百五」 (150) and 「一千二」 (1,200): a last
  // digit right after 百, 千 or 万 counts in the next unit down, as people say it.
  let unitBefore = 0;
  let previous = 0;
  for (const ch of s) {
    if (/\d/.test(ch)) {
      unitBefore = digitRun ? 0 : previous;
      digitRun += ch;
      digit = Number(digitRun);
      seen = true;
      previous = 0;
      continue;
    }
    digitRun = '';
    if (ch in DIGITS) {
      unitBefore = previous;
      digit = DIGITS[ch];
      seen = true;
      previous = 0;
    } else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch];
      digit = undefined;
      seen = true;
      previous = UNITS[ch];
    } else if (ch in BIG) {
      section += digit ?? 0;
      total += (section || 1) * BIG[ch];
      section = 0;
      digit = undefined;
      seen = true;
      previous = BIG[ch];
    } else return undefined;
  }
  const last = digit !== undefined && unitBefore >= 100 && digit < 10 ? (digit * unitBefore) / 10 : (digit ?? 0);
  const n = total + section + last;
  return seen && Number.isSafeInteger(n) ? n : undefined;
}

/** The value of one figure as matched by FIGURE; a decimal is undefined. */
function figureValue(s: string): number | undefined {
  if (/^\d{1,3}([,，]\d{3})+$/.test(s)) return Number(s.replace(/[,，]/g, ''));
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (/^\d+\.\d+$/.test(s)) return undefined;
  return chineseValue(s);
}

/** Reads the count in a short text, e.g. a field's value: 「35人」「约50人」「35 36」「-5」「35人，其中劳模3人」. */
export function readCount(input: string): CountReading {
  // A part named after 其中 (of whom) is not the count.
  // A part named after 其中 (of whom), or in brackets (含劳模2人), is a remark, not the count.
  // Courtesy after the figure (「42人，谢谢！」「40人 辛苦了」「38人哈」) is not part of it.
  let s = simplified(normalise(input))
    .split(/[(（]?(?:其中|含|包括|包含)/u)[0]
    .replace(/[(（][^)）]*[)）]?/gu, ' ')
    .replace(COURTESY, '')
    .replace(TRAILING_PUNCTUATION, '')
    .trim();
  if (!s) return { kind: 'none' };
  // 「1 234」: a space between thousands (only after one digit, so 「120 130」 stays two figures).
  if (/^\d( \d{3})+(人次|人|名|位)?$/u.test(s)) s = s.replace(/ /g, '');
  // 「35-40」「35到40人」: a range is two figures.
  const range = /^(\d+)\s*(?:-|~|～|至|到)\s*(\d+)\D*$/u.exec(s);
  if (range && range[1] !== range[2]) return { kind: 'several', values: [Number(range[1]), Number(range[2])] };
  const found = [...s.matchAll(FIGURE)];
  if (!found.length) return { kind: 'none' };
  // Everything that is not a figure must be noise: 「三十五人」 yes, 「35个人以上」 is an estimate, 「很多」 nothing.
  const values: number[] = [];
  const spoken: number[] = [];
  for (const m of found) {
    const before = s.slice(0, m.index);
    const after = s.slice(m.index! + m[0].length);
    // 「四五十」「三四百」: two neighbouring digits before a unit are a range.
    const pair = NEIGHBOURS.exec(m[0]);
    if (pair) {
      const low = chineseValue(m[0].replace(NEIGHBOURS, '$1'));
      const high = chineseValue(m[0].replace(NEIGHBOURS, '$2'));
      if (low !== undefined && high !== undefined && low !== high) {
        spoken.push(low, high);
        continue;
      }
    }
    const value = figureValue(m[0]);
    if (value === undefined) {
      if (/^\d+\.\d+$/.test(m[0])) return { kind: 'fraction', text: m[0] };
      continue;
    }
    if (ABOUT_BEFORE.test(before) || ABOUT_AFTER.test(after.replace(/^(个人|人次|人|名|位)/u, '').replace(/^(个|人)/u, ''))) return { kind: 'about', n: value };
    if (/(-|负|减)\s*$/u.test(before)) return { kind: 'negative', n: -value };
    values.push(value);
  }
  const leftover = s.replace(FIGURE, ' ').replace(NOISE, '').replace(/[,，、;；/或和及与~～-]/gu, '').trim();
  const distinct = [...new Set(values)];
  // 「35人，另有5人线上」: two figures among other words are still two figures, to ask about.
  if (leftover && distinct.length > 1 && !spoken.length) return { kind: 'several', values: distinct };
  // 「五一广场」 is a name, not a range.
  if (leftover) return { kind: 'none' };
  if (spoken.length) return { kind: 'several', values: [...new Set([...spoken, ...values])], range: true };
  if (!values.length) return { kind: 'none' };
  return distinct.length === 1 ? { kind: 'exact', n: distinct[0] } : { kind: 'several', values: distinct };
}

/** An exact count, or undefined for anything else (an estimate, two figures, a word). */
export function parseCount(input: string): number | undefined {
  const r = readCount(input);
  return r.kind === 'exact' ? r.n : undefined;
}

/** Whether a word is only words that may stand around a figure (人, 人数, 本周…), with no figure. */
export function isCountNoise(word: string): boolean {
  return simplified(normalise(word)).replace(NOISE, '').replace(TRAILING_PUNCTUATION, '') === '';
}

/** Whether a word holds a figure of any kind (for sorting words into fields). */
export function hasFigure(word: string): boolean {
  return /\d/.test(word) || readCount(word).kind !== 'none';
}

/** A record's number as people write it: 12, #12, 编号12, 第12号, 12。 */
export function readRecordNumber(input: string): number | undefined {
  const m = /^(?:#|编号|第|no\.?)?\s*(\d{1,9})\s*(?:号|条|个)?(?:申报|社群|活动)?$/iu.exec(normalise(input).replace(TRAILING_PUNCTUATION, ''));
  return m ? Number(m[1]) : undefined;
}

/** An answer to a numbered choice as people write it: 2, 第2个, 第二个, 选二, 2号. */
export function readChoiceNumber(input: string): number | undefined {
  const m = /^(?:选|选择|就)?第?\s*(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:个|项|条|号|种)?(?:吧|吗)?$/u.exec(simplified(normalise(input)).replace(TRAILING_PUNCTUATION, '').trim());
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseValue(m[1]);
  return n !== undefined && n >= 1 ? n : undefined;
}
