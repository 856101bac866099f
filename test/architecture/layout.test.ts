import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rules of the house that a reviewer would otherwise check by hand: imports point inward and
 * never go round in a circle, commands write no queries, and user-facing Chinese lives in the
 * text table.
 */
const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === 'src/generated' ? [] : files(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a file (static and dynamic), as repository paths. */
function importsOf(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const specs = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => relative(root, resolve(join(root, dirname(file)), s)).replace(/\.js$/, '.ts'));
}

describe('layout', () => {
  const src = files('src');
  const graph = new Map(src.map((f) => [f, importsOf(f).filter((i) => i.startsWith('src/'))]));

  it('no import circle in src/', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') return void circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('bot and domain import no outbox, jobs or platforms; domain imports no bot', () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((i) => (/^src\/(bot|domain)\//.test(file) && /^src\/(outbox|jobs|platforms)\//.test(i)) || (file.startsWith('src/domain/') && i.startsWith('src/bot/')))
        .map((i) => `${file} → ${i}`),
    );
    expect(wrong).toEqual([]);
  });

  it('commands write no queries: they pass ctx.tx to domain functions', () => {
    const queries = files('commands').flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => /\bctx\.db\b|\bctx\.tx\.\w|\.\$(queryRaw|executeRaw)/.test(line))
        .map(({ at }) => at),
    );
    expect(queries).toEqual([]);
  });

  it('user-facing Chinese lives in the text table (src/texts*)', () => {
    // The grammar the bot reads (numerals, date words) is not text anyone reads, and the
    // configuration's defaults are the notice's own values, to be overridden by settings.
    const grammar = new Set(['src/bot/text.ts', 'src/bot/numbers.ts', 'src/bot/dates.ts', 'src/config.ts']);
    const literal = /(['"`])(?:(?!\1)[^\\\n]|\\.)*[\u4e00-\u9fff](?:(?!\1)[^\\\n]|\\.)*\1/;
    const found = files('src')
      .filter((f) => !f.startsWith('src/texts') && !grammar.has(f))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), at: `${file}:${i + 1}` }))
          .filter(({ line }) => !/^\s*(\*|\/\*\*?)/.test(line) && literal.test(line))
          .map(({ at, line }) => `${at} ${line.trim().slice(0, 60)}`),
      );
    expect(found).toEqual([]);
  });
});
