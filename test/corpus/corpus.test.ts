import { afterAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/bot/command.js';
import { CommandIndex } from '../../src/bot/command-lookup.js';
import { fillFields, readCommand } from '../../src/bot/field-mapping.js';
import { commandLine } from '../../src/bot/text.js';
import { commands } from '../../commands/index.js';
import { CORPUS, type CorpusCase } from './messages.js';

/**
 * The language corpus: realistic messages, each with the command, field values or question it
 * must yield, read by the same steps the dispatcher takes (commandLine → CommandIndex.find or
 * guess → readCommand → fillFields). The pass rate must stay at 98 % or more; failures print.
 */
const NOW = new Date('2020-06-10T10:00:00+08:00');
const campaign = { startsAt: new Date('2020-05-01T00:00:00+08:00'), endsAt: new Date('2021-01-01T00:00:00+08:00') };
const ctx = { now: NOW, campaign, member: { displayName: '王芳' } } as unknown as Context;
const index = new CommandIndex(commands);

/** What the language layer made of a case, or why it differs from what the case expects. */
async function check(c: CorpusCase): Promise<string | undefined> {
  const line = commandLine(c.text);
  const found = index.find(line);
  if (c.command === null) {
    if (found) return `read as ${found.def.names[0]}`;
    const guessed = await index.guess(line, commands);
    return guessed ? `guessed ${guessed.def.names[0]}` : undefined;
  }
  if (c.guess) {
    if (found) return `found ${found.def.names[0]} without guessing`;
    const guessed = await index.guess(line, commands);
    return guessed?.def.names[0] === c.command ? undefined : `guessed ${guessed?.def.names[0] ?? 'nothing'}`;
  }
  if (!found) return 'no command found';
  if (found.def.names[0] !== c.command) return `read as ${found.def.names[0]}`;
  const { def, raw } = readCommand(found);
  const values: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const [key, field] of Object.entries(def.fields ?? {})) {
    const input = raw[key] || field.fallback?.(ctx);
    if (!input) continue;
    const parsed = field.schema({ now: NOW, campaign, values }).safeParse(input);
    if (parsed.success) values[key] = parsed.data instanceof Date ? parsed.data.toISOString() : parsed.data;
    else problems[key] = parsed.error.issues[0]?.message ?? '';
  }
  const wrong: string[] = [];
  for (const [key, want] of Object.entries(c.values ?? {})) {
    const expected = typeof want === 'string' && /^\d{4}-\d\d-\d\dT/.test(want) ? new Date(want).toISOString() : want;
    if (values[key] !== expected) wrong.push(`${key}=${JSON.stringify(values[key] ?? problems[key] ?? raw[key])} (want ${JSON.stringify(expected)})`);
  }
  const filled = fillFields(def, raw, ctx);
  const asked = 'missing' in filled ? filled.missing : undefined;
  if (c.ask !== asked) wrong.push(`asks ${asked ?? 'nothing'}${'missing' in filled && filled.problem ? ` (${filled.problem})` : ''} (want ${c.ask ?? 'nothing'})`);
  else if (c.problem && !('missing' in filled && filled.problem?.includes(c.problem))) wrong.push(`problem ${'missing' in filled ? filled.problem : ''} lacks ${c.problem}`);
  return wrong.length ? wrong.join('; ') : undefined;
}

describe('the language corpus', () => {
  const failures: string[] = [];
  afterAll(() => {
    const rate = ((CORPUS.length - failures.length) / CORPUS.length) * 100;
    console.log(`language corpus: ${CORPUS.length - failures.length}/${CORPUS.length} understood (${rate.toFixed(1)} %)`);
    if (failures.length) console.log(failures.map((f) => `  ✗ ${f}`).join('\n'));
  });

  it('has at least 300 messages, none twice', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(CORPUS.map((c) => c.text)).size).toBe(CORPUS.length);
  });

  it('understands at least 98 % of them as a careful reader would', async () => {
    for (const c of CORPUS) {
      const why = await check(c);
      if (why) failures.push(`${c.text} → ${why}`);
    }
    expect(failures.length / CORPUS.length).toBeLessThanOrEqual(0.02);
  });
});
