/**
 * npx tsx scripts/example-chart.ts [file]
 * Draws the example weekly ranking chart that README shows (test/fixtures/ranking-chart.png by
 * default): the real chart code and render worker, on a made-up week of the 14 市州 and a few
 * 产业工会, seen from 株洲's group. Run it again after the drawing changes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRankingChart, type RankingChartInput } from '../src/charts/ranking-chart.js';
import { stopRenderWorker } from '../src/charts/render-worker.js';
import { root } from '../src/db/migrate.js';
import { rankingView, type RankRow } from '../src/domain/ranking.js';

export const EXAMPLE_CHART_FILE = join(root, 'test/fixtures/ranking-chart.png');

const CITIES = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西'];
const THIS_WEEK = [412, 388, 301, 296, 254, 233, 198, 187, 160, 142, 131, 96, 88, 40];
const LAST_WEEK = [380, 401, 250, 310, 200, 230, 150, 170, 171, 100, 120, 90, 60, 35];
const INDUSTRY = [
  ['湖南省教育工会', 120, 90],
  ['湖南省卫生健康工会', 98, 110],
  ['湖南省交通运输工会', 75, 40],
  ['省直机关工会', 66, 66],
] as const;

/** Places by participants, ties sharing a place, as the ranking view numbers them. */
function ranked(rows: Array<Omit<RankRow, 'rank'>>): RankRow[] {
  const sorted = [...rows].sort((a, b) => b.participants - a.participants);
  return sorted.map((row) => ({ ...row, rank: 1 + sorted.filter((other) => other.participants > row.participants).length }));
}

function week(figures: readonly number[], industry: (i: (typeof INDUSTRY)[number]) => number): RankRow[] {
  return [
    ...ranked(CITIES.map((city, i) => ({ unitId: i + 1, name: `${city}市总工会`, board: 'CITY' as const, participants: figures[i] }))),
    ...ranked(INDUSTRY.map((u, i) => ({ unitId: 100 + i, name: u[0], board: 'INDUSTRY' as const, participants: industry(u) }))),
  ];
}

/** The example's input: the week of 8 June 2026 as 株洲 (unit 2) sees it. */
export const EXAMPLE_CHART_INPUT: RankingChartInput = {
  campaign: '湘阅读·工力量',
  week: '6月8日—6月14日',
  boards: rankingView(
    week(THIS_WEEK, (u) => u[1]),
    2,
    week(LAST_WEEK, (u) => u[2]),
  ),
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const file = process.argv[2] ?? EXAMPLE_CHART_FILE;
  const png = await renderRankingChart(EXAMPLE_CHART_INPUT);
  writeFileSync(file, png);
  await stopRenderWorker();
  console.log(`${file}: ${png.length} bytes`);
}
