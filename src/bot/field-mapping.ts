import type { CommandDef, Context } from './command.js';
import type { Found } from './command-lookup.js';
import { SMALL_TALK } from '../texts.js';
import { ABOUT_WORD, hasFigure } from './numbers.js';
import { parseArgs, simplified, type Args } from './text.js';

/** 「主题是读懂中国」「地点在市图书馆」「成立于6月1日」: a field's label joined to its value. */
const JOINER = /^(是|为|在|于|:|：|=)/u;

/**
 * From typed words to field values. `字段=值` pairs are mapped by each field's label, key and
 * declared names, always; so is a label standing before its value (「人数 150」「主题是读懂中国」).
 * A pair whose name is no field's goes back among the words (「本周荐读人数：42人」). The other
 * words go to the command's own classifier, or to the positional fields in order (the last one
 * takes the rest as typed). Thanks at the end (谢谢) are not a value. Named pairs win.
 */
export function mapFields(def: CommandDef, args: Args): Record<string, string> {
  const fields = Object.entries(def.fields ?? {});
  const labels = fields
    .flatMap(([key, f]) => [f.label, key, ...(f.names ?? [])].map((name) => ({ name, key })))
    .sort((a, b) => b.name.length - a.name.length);
  const keyOf = (name: string) => labels.find((l) => l.name === simplified(name))?.key;
  const named: Record<string, string> = {};
  const extra: string[] = [];
  for (const [name, value] of args.named) {
    const key = keyOf(name);
    if (key) named[key] = value;
    else extra.push(name, value);
  }
  // 「荐读 上报 37」: the command's own word, typed again among its words, is not a value.
  const own = new Set([...def.names, ...(def.variants ?? [])].map((word) => simplified(word).toLowerCase()));
  const words = [...args.positional.map((text, index) => ({ text, index })), ...extra.map((text) => ({ text, index: -1 }))].filter(
    (w) => !own.has(simplified(w.text).toLowerCase()),
  );
  while (words.length && SMALL_TALK.includes(simplified(words.at(-1)!.text))) words.pop();
  const left: typeof words = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i].text;
    const exact = keyOf(word);
    if (exact && named[exact] === undefined && i + 1 < words.length) {
      // A figure runs on over the words with figures after it (「人数 50 52」 is asked about, not
      // half dropped; 「时间 6月20日 14:00」 is one time).
      const values = [words[++i].text];
      while ((hasFigure(values.at(-1)!) || ABOUT_WORD.test(values.at(-1)!)) && i + 1 < words.length && hasFigure(words[i + 1].text) && !keyOf(words[i + 1].text)) values.push(words[++i].text);
      named[exact] = values.join(' ');
      continue;
    }
    const prefix = labels.find((l) => l.name.length < word.length && simplified(word).startsWith(l.name) && named[l.key] === undefined);
    if (prefix) {
      const after = word.slice(prefix.name.length);
      const joined = JOINER.test(after);
      if (joined || /^[\d“"「《]/u.test(after) || [...prefix.name].length >= 3) {
        named[prefix.key] = joined ? after.replace(JOINER, '') : after;
        continue;
      }
    }
    left.push(words[i]);
  }
  const raw: Record<string, string> = {};
  if (def.classify) {
    for (const [key, value] of Object.entries(def.classify(left.map((w) => w.text)))) {
      if (value === undefined) continue;
      // 「荐读 35 荐读 36」「荐读 35 人，另有5人线上」: a second figure for a field already named
      // joins it, so that the field is asked about rather than one figure silently dropped.
      if (named[key] !== undefined && hasFigure(named[key]) && hasFigure(value)) named[key] = `${named[key]} ${value}`;
      else raw[key] = value;
    }
  } else {
    const order = (def.positional ?? fields.map(([key]) => key)).filter((key) => named[key] === undefined);
    order.forEach((key, i) => {
      if (!left.length) return;
      if (i < order.length - 1) {
        raw[key] = left.shift()!.text;
        return;
      }
      // The last field takes the rest as typed (特色：每周共读，月末分享), when it is the rest of the text.
      const first = left[0].index;
      const contiguous = first >= 0 && left.every((w, j) => w.index === first + j) && left.at(-1)!.index === args.positional.length - 1;
      raw[key] = contiguous ? args.tail(first) : left.map((w) => w.text).join(' ');
      left.length = 0;
    });
  }
  return { ...raw, ...named };
}

/** A found command's words read into its fields' raw text; `rest` is the words whole, for commands that read them so. */
export function readCommand(found: Found): { def: CommandDef; raw: Record<string, string>; rest: string } {
  const args = parseArgs(found.rest);
  return { def: found.def, raw: mapFields(found.def, args), rest: args.rest };
}

export type Filled =
  | { values: Record<string, unknown> }
  /** The first field that is missing, or wrong (`problem` says why). */
  | { missing: string; problem?: string };

/** Every field's value from its raw text (or its fallback), in declaration order; stops at the first that is missing or wrong. */
export function fillFields(def: CommandDef, raw: Record<string, string>, ctx: Context): Filled {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(def.fields ?? {})) {
    let input: string | undefined = raw[key];
    if ((input === undefined || input === '') && field.fallback) input = field.fallback(ctx);
    if (input === undefined || input === '') {
      if (field.optional) continue;
      return { missing: key };
    }
    const parsed = field.schema({ now: ctx.now, campaign: ctx.campaign, values }).safeParse(input);
    if (!parsed.success) return { missing: key, problem: parsed.error.issues[0]?.message };
    values[key] = parsed.data;
  }
  return { values };
}
