/**
 * Preloaded (`node --import ./scripts/bench/picture-hook.mjs … dist/src/main.js`) into the server
 * that the memory benchmark measures, so the ranking pictures are drawn in that very process, by
 * the server's own render worker, while it answers messages. Plain JavaScript: the server runs
 * compiled code from dist/ (`npm run build` first).
 *
 * On SIGUSR2 it draws BENCH_PICTURES (default 100) ranking pictures, each a different one (the
 * figures change), one after another as the weekly broadcast would, and then writes
 * `{ "pictures": n, "ms": … }` to BENCH_PICTURES_DONE.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const COUNT = Number(process.env.BENCH_PICTURES ?? 100);
const CITIES = Array.from({ length: 14 }, (_, i) => `City ${i + 1}`);
const INDUSTRIES = Array.from({ length: 12 }, (_, i) => `Industry union ${i + 1}`);

function rows(seed) {
  const all = [
    ...CITIES.map((name, i) => ({ unitId: i + 1, name, board: 'CITY', participants: ((seed * 7 + i * 13) % 150) + 1 })),
    ...INDUSTRIES.map((name, i) => ({ unitId: 100 + i, name, board: 'INDUSTRY', participants: ((seed * 11 + i * 5) % 90) + 1 })),
  ];
  for (const board of ['CITY', 'INDUSTRY']) {
    all
      .filter((r) => r.board === board)
      .sort((a, b) => b.participants - a.participants)
      .forEach((r, i) => (r.rank = i + 1));
  }
  return all;
}

process.on('SIGUSR2', () => {
  void (async () => {
    // The server's own modules (beside its main script, e.g. dist/src/main.js), so the worker is the server's.
    const main = pathToFileURL(process.argv[1]);
    const { renderRankingChart } = await import(new URL('charts/ranking-chart.js', main).href);
    const { rankingView } = await import(new URL('domain/ranking.js', main).href);
    const started = Date.now();
    for (let i = 0; i < COUNT; i++) {
      const boards = rankingView(rows(i + 1), (i % 14) + 1, rows(i));
      await renderRankingChart({ campaign: 'Bench campaign', week: `week ${i}`, boards });
    }
    const done = process.env.BENCH_PICTURES_DONE;
    if (done) {
      // Written aside and renamed, so the benchmark never reads half of it.
      writeFileSync(`${done}.part`, JSON.stringify({ pictures: COUNT, ms: Date.now() - started }));
      renameSync(`${done}.part`, done);
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
});
