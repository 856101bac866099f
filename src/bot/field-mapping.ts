import type { CommandDef, Context } from './command.js';
import type { Args } from './text.js';

/**
 * From typed words to field values. `字段=值` pairs are mapped by each field's label, key and
 * declared names, always; the other words go to the command's own classifier, or to the
 * positional fields in order (the last one takes the rest). Named pairs win.
 */
export function mapFields(def: CommandDef, args: Args): Record<string, string> {
  const fields = Object.entries(def.fields ?? {});
  const named: Record<string, string> = {};
  for (const [name, value] of args.named) {
    const hit = fields.find(([key, f]) => f.label === name || key === name || f.names?.includes(name));
    if (hit) named[hit[0]] = value;
  }
  const raw: Record<string, string> = {};
  if (def.classify) {
    for (const [key, value] of Object.entries(def.classify([...args.positional]))) if (value !== undefined) raw[key] = value;
  } else {
    const order = (def.positional ?? fields.map(([key]) => key)).filter((key) => named[key] === undefined);
    const words = [...args.positional];
    order.forEach((key, i) => {
      if (!words.length) return;
      raw[key] = i === order.length - 1 ? words.splice(0).join(' ') : words.shift()!;
    });
  }
  return { ...raw, ...named };
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
    const parsed = field.schema({ now: ctx.now }).safeParse(input);
    if (!parsed.success) return { missing: key, problem: parsed.error.issues[0]?.message };
    values[key] = parsed.data;
  }
  return { values };
}
