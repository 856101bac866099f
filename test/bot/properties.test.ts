/**
 * Property tests of the language layer (src/bot/text.ts, src/bot/numbers.ts) and of the
 * dispatcher as a whole: whatever people type, the reading keeps their digits, never grows,
 * never throws, and every reply is a short, clean Chinese answer.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCount } from '../../src/bot/numbers.js';
import { commandLine, normalise, parseArgs } from '../../src/bot/text.js';
import { t } from '../../src/texts.js';
import { useBot } from '../helpers/bot.js';

const PURE_RUNS = 200;
const BOT_RUNS = 80;

// ---- Alphabets for generated text ------------------------------------------------------------

const ASCII_DIGITS = '0123456789';
const FULL_DIGITS = '０１２３４５６７８９';
const CHINESE = '上报荐书读长沙人次名位约近多万千百十一二三四五湘阅工力量活动社群书香的了';
const PUNCTUATION = '，。！？、：；（）《》「」“”,.!?:;()-+~…=＝@＠/／ \t\n\u3000';
/** Zero-width and format characters phones and copy-paste leave in text. */
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\ufeff', '\u00ad', '\u202a', '\u202e'];

const charOf = (alphabet: string | readonly string[]) => fc.constantFrom(...(typeof alphabet === 'string' ? [...alphabet] : alphabet));

/** Text mixing digits (ASCII and full-width), Chinese, punctuation, invisible characters and anything else. */
const mixedText = fc
  .array(
    fc.oneof(
      { arbitrary: charOf(ASCII_DIGITS), weight: 3 },
      { arbitrary: charOf(FULL_DIGITS), weight: 3 },
      { arbitrary: charOf(CHINESE), weight: 2 },
      { arbitrary: charOf(PUNCTUATION), weight: 2 },
      { arbitrary: charOf(INVISIBLE), weight: 2 },
      { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }), weight: 1 },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** The ASCII digits of `s`, full-width digits counted as the digit they stand for. */
function digitsOf(s: string, withFullWidth: boolean): string {
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (withFullWidth && ch >= '０' && ch <= '９') out += String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  }
  return out;
}

describe('normalise (property)', () => {
  it('never loses or invents a digit: ASCII digits out = ASCII + full-width digits in, in order', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        expect(digitsOf(normalise(s), false)).toBe(digitsOf(s, true));
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('keeps the digits of arbitrary Unicode text too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(digitsOf(normalise(s), false)).toBe(digitsOf(s, true));
      }),
      { numRuns: PURE_RUNS },
    );
  });
});

describe('commandLine (property)', () => {
  it('never throws and is never longer than the input (mixed text)', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        expect(commandLine(s).length).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('never throws and is never longer than the input (any UTF-16, lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(commandLine(s).length).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('never throws on arbitrary UTF-16 code units (unpaired surrogates anywhere)', () => {
    const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));
    fc.assert(
      fc.property(codeUnits, (s) => {
        expect(commandLine(s).length).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: PURE_RUNS },
    );
  });
});

describe('readCount (property)', () => {
  const count = fc.integer({ min: 0, max: 1_000_000_000 });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(mixedText, fc.string({ unit: 'binary' })), (s) => {
        expect(['exact', 'about', 'negative', 'fraction', 'several', 'none']).toContain(readCount(s).kind);
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('reads a number written in digits exactly, in all the ways people write it', () => {
    fc.assert(
      fc.property(count, (n) => {
        const grouped = n.toLocaleString('en-US');
        for (const text of [String(n), grouped, grouped.replace(/,/g, '，'), `${n}人`, `${n}人次`, `${n}。`]) {
          expect(readCount(text), text).toEqual({ kind: 'exact', n });
        }
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('reads full-width digits like ASCII ones', () => {
    fc.assert(
      fc.property(count, (n) => {
        const full = [...String(n)].map((d) => FULL_DIGITS[Number(d)]).join('');
        expect(readCount(`${full}人`)).toEqual({ kind: 'exact', n });
      }),
      { numRuns: PURE_RUNS },
    );
  });

  /** `a b` where b has exactly three digits reads as one figure with a space as thousands separator (1 234). */
  const looksGrouped = (a: number, b: number) => /^\d( \d{3})+$/.test(`${a} ${b}`);

  it('tells two different figures apart from one: "a b" is several', () => {
    fc.assert(
      fc.property(count, count, (a, b) => {
        fc.pre(a !== b && !looksGrouped(a, b));
        const r = readCount(`${a} ${b}`);
        expect(r.kind).toBe('several');
        expect(r.kind === 'several' && [...r.values].sort((x, y) => x - y)).toEqual([a, b].sort((x, y) => x - y));
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('reads "a b" as a thousands group (1 234) only after a single digit; 12 345 is two figures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 100, max: 999 }), (a, b) => {
        // The same figure twice (「997 997」) is still one figure.
        const two = a === b ? { kind: 'exact', n: a } : { kind: 'several', values: [a, b] };
        expect(readCount(`${a} ${b}`)).toEqual(a < 10 ? { kind: 'exact', n: a * 1000 + b } : two);
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it('reads -n as negative and 约n as an estimate, never as exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (n) => {
        expect(readCount(`-${n}`)).toEqual({ kind: 'negative', n: -n });
        expect(readCount(`约${n}`)).toEqual({ kind: 'about', n });
        expect(readCount(`约${n}人`)).toEqual({ kind: 'about', n });
      }),
      { numRuns: PURE_RUNS },
    );
  });
});

describe('parseArgs (property)', () => {
  const LABELS = ['名称', '人数', '特色', '电话', '地点', '负责人'];
  /** A value as people type it: words, digits, spaces and full-width commas, but no = or :. */
  const value = fc
    .array(fc.oneof(charOf(CHINESE), charOf(ASCII_DIGITS), charOf('abcXYZ'), charOf(' ，、《》-'), fc.constantFrom('每周共读', '月末分享', '湘江')), {
      minLength: 1,
      maxLength: 12,
    })
    .map((parts) => parts.join(''));
  const pairs = fc.uniqueArray(fc.tuple(fc.constantFrom(...LABELS), value, fc.constantFrom('=', ':', '：'), fc.constantFrom(' ', '，', ' ，', '  ', '、')), {
    minLength: 1,
    maxLength: LABELS.length,
    selector: ([label]) => label,
  });
  const trimmed = (v: string) => v.replace(/^[\s,，;；、]+|[\s,，;；、]+$/gu, '');

  it('returns each named value as typed (trimmed), full-width commas and spaces inside kept', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom('书香长沙', '湘江读书会 30'), { nil: undefined }), pairs, (head, list) => {
        const line = (head ? `${head} ` : '') + list.map(([label, v, eq, sep], i) => `${i ? sep : ''}${label}${eq}${v}`).join('');
        const args = parseArgs(line);
        expect(args.named).toEqual(new Map(list.map(([label, v]) => [label, trimmed(v)])));
        if (head) expect(args.positional.join(' ')).toBe(head);
      }),
      { numRuns: PURE_RUNS },
    );
  });
});

// ---- Through the dispatcher --------------------------------------------------------------------

/**
 * The most a chat reply may be. Replies go back as a WeCom smart-bot stream (≤ 20,480 bytes), a
 * WeCom application passive reply (text ≤ 2,048 bytes; a longer one falls back to a slower API
 * send), or DingTalk markdown through the sessionWebhook / HTTP response (sent whole, not split;
 * PROTOCOLS.md names no figure, src/platforms/dingtalk/sender.ts keeps 18,000 bytes). The group
 * robot webhook allows text ≤ 2,048 bytes and markdown ≤ 4,096 bytes. The smallest of these,
 * 2,048 UTF-8 bytes (WeCom application / group-robot text), bounds every reply, so a reply fits
 * any of them in one message.
 */
const REPLY_BYTES = 2048;

const COMMAND_WORDS = ['上报', '荐书', '登记活动', '登记社群', '申报承办', '排行', '帮助', '绑定', '取消', '是'];
const OTHER_WORDS = ['荐读', '微博', '长沙', '株洲', '名称=', '人数：', '特色=', '时间=', '明天', '下周六14:00', 'https://weibo.com/1', '其中', '约'];
const PUNCT = ['，', '。', '！', '？', '、', '：'];

/** A message built from command words, numbers, punctuation, 《titles》 and @-mentions. */
const commandish = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...COMMAND_WORDS), weight: 4 },
      { arbitrary: fc.constantFrom(...OTHER_WORDS), weight: 2 },
      { arbitrary: fc.integer({ min: -1000, max: 10_000_000 }).map(String), weight: 3 },
      { arbitrary: fc.constantFrom(...PUNCT), weight: 2 },
      { arbitrary: fc.string({ maxLength: 12 }).map((s) => `《${s}》`), weight: 1 },
      { arbitrary: fc.constantFrom('@阅读助手', '@张三', '@所有人', '＠阅读助手'), weight: 1 },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .chain((parts) => fc.array(fc.constantFrom(' ', '', '，'), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The checks every reply must pass, whatever was typed. */
function expectCleanReply(input: string, reply: unknown) {
  expect(typeof reply).toBe('string');
  const text = reply as string;
  expect(text.trim().length, `empty reply to ${JSON.stringify(input)}`).toBeGreaterThan(0);
  expect(byteLength(text), `reply of ${byteLength(text)} bytes to ${JSON.stringify(input.slice(0, 200))}`).toBeLessThanOrEqual(REPLY_BYTES);
  // A command that failed inside is caught and answered with the apology: that is a bug too.
  expect(text, `internal failure for ${JSON.stringify(input.slice(0, 200))}`).not.toBe(t('bot.apology'));
  // No stack trace, error name or source path leaks into a reply.
  expect(text).not.toMatch(/\n\s*at \S/);
  expect(text).not.toMatch(/\bat \S*[\\/]\S*:\d+/);
  expect(text).not.toMatch(/(file:\/\/|node_modules|\/work\/|\.[cm]?[jt]s:\d+)/);
  if (!/error/i.test(input)) expect(text).not.toMatch(/Error\b|\berror:/i);
}

describe('the dispatcher on any input (property, sqlite)', () => {
  const bot = useBot('sqlite');
  const USER = '属性测试员';
  const CHAT = '属性测试群';
  const say = (text: string) => bot().say(USER, CHAT, text);

  beforeAll(async () => {
    const r = await say('绑定 长沙');
    expect(r).toContain('长沙');
  });

  it('answers arbitrary text with a clean, short reply', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), mixedText), async (text) => {
        expectCleanReply(text, await say(text));
      }),
      { numRuns: BOT_RUNS },
    );
  });

  it('answers messages built from command words, numbers, punctuation, titles and mentions', async () => {
    await fc.assert(
      fc.asyncProperty(commandish, async (text) => {
        expectCleanReply(text, await say(text));
      }),
      { numRuns: BOT_RUNS },
    );
  });

  it('answers a 5,000-character message', async () => {
    await say('取消');
    /** Exactly 5,000 characters: `head`, then `fill` repeated, then `tail`. */
    const of5000 = (head: string, fill: string, tail = '') => (head + fill.repeat(5000)).slice(0, 5000 - tail.length) + tail;
    const inputs = [
      of5000('上报 荐读 ', '3'),
      of5000('荐书 《', '书', '》 微博'),
      of5000('登记社群 名称=', '湘'),
      of5000('', 'x'),
      of5000('帮助 ', '，'),
      of5000('帮助 ', 'x'),
      of5000('', '绑定 长沙 '),
    ];
    for (const text of inputs) {
      expect(text.length).toBe(5000);
      expectCleanReply(text, await say(text));
      await say('取消');
    }
  });

  /** A word of 200 characters no command knows, drawn from letters and Chinese that make no command name. */
  const longWord = fc.array(charOf('abcdefghjkmnpqrstuvwxyz甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'), { minLength: 200, maxLength: 200 }).map((cs) => cs.join(''));
  const ECHO_SPAN = 40;

  it(`never echoes ${ECHO_SPAN} characters in a row of a long word the user typed`, async () => {
    const frames = ['', '上报 ', '上报 荐读 ', '荐书 ', '荐书 《书》 ', '绑定 ', '排行 ', '帮助 ', '申报承办 ', '登记活动 ', '登记社群 ', '登记社群 名称=', '登记活动 名称='];
    await fc.assert(
      fc.asyncProperty(longWord, fc.constantFrom(...frames), async (word, frame) => {
        await say('取消');
        const text = frame + word;
        const reply = await say(text);
        expectCleanReply(text, reply);
        for (let i = 0; i + ECHO_SPAN <= word.length; i++) {
          if (reply.includes(word.slice(i, i + ECHO_SPAN))) {
            throw new Error(`reply to ${JSON.stringify(text)} echoes ${JSON.stringify(word.slice(i, i + ECHO_SPAN))}: ${reply}`);
          }
        }
      }),
      { numRuns: BOT_RUNS },
    );
  });
});

