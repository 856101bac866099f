/**
 * The weekly ranking as a picture: horizontal bars per board (市州; 产业工会 and 省直), this
 * week's figure and the change against the week before on each bar, the viewer's own unit in
 * another colour. Apache ECharts draws SVG on the server (no browser, no DOM) and resvg turns it
 * into a PNG with the Noto Sans SC font shipped in an npm package (no system font).
 *
 * This module only describes the picture (plain data); a worker thread (./render-worker.ts) draws
 * it, so neither ECharts' garbage nor resvg's pixel buffers land on the thread that answers
 * messages. A picture already drawn is read back from its file: `rankingChartFile` renders once
 * per distinct picture.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as echarts from 'echarts';
import type { BoardLine, BoardView, PlaceLine } from '../domain/ranking.js';
import { t } from '../texts.js';
import { renderChart, type ChartSpec } from './render-worker.js';

const require = createRequire(import.meta.url);

/** The font every chart is drawn in, from @expo-google-fonts/noto-sans-sc (SIL Open Font License). */
export const CHART_FONT = {
  family: 'Noto Sans SC',
  file: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
};

/** Where the console writes the pictures (a folder under the working directory, like ./data/bot.db). */
export const CHART_DIR = join('data', 'charts');

export interface RankingChartInput {
  /** The campaign's name, in the title. */
  campaign: string;
  /** The week as people read it (formatWeek), in the title. */
  week: string;
  /** rankingView's boards, built with the week before for the change. */
  boards: readonly BoardView[];
  /** Characters beyond the picture's own to cut the font with (rankingGlyphs): a broadcast's pictures share one cut. */
  glyphs?: string;
}

/**
 * Every character any unit's picture of these rankings can show beyond the ones all share: the
 * units' names and the marks of a place, a gap, a change. Pictures of one week for different
 * units then need one cut of the font, made once.
 */
export function rankingGlyphs(rows: ReadonlyArray<{ name: string }>): string {
  const marks = [
    t('reading.rankGap'),
    t('reading.rankNobody'),
    t('charts.place', { place: undefined, unit: '' }),
    t('charts.barLabel', { participants: 0, more: 1, placesUp: 1 }),
    t('charts.barLabel', { participants: 0, more: -1, placesUp: -1 }),
  ];
  return [...new Set([...marks, ...rows.map((row) => row.name)].join(''))].sort().join('');
}

/** Raise when the drawing changes, so pictures drawn before are not reused. */
const CHART_VERSION = 1;
const WIDTH = 900;
const ROW = 34;
const TITLE_HEIGHT = 86;
const PANEL_HEAD = 44;
const PANEL_FOOT = 24;
const FOOT_HEIGHT = 36;
const COLORS = { bar: '#5b8ff9', own: '#f6903d', text: '#333333', muted: '#8c8c8c', up: '#2f9e44', down: '#d9480f' };

/** One row of a panel: a place with its bar, or the gap before the own unit further down. */
type Row = { kind: 'place'; line: PlaceLine } | { kind: 'gap' };

function rowsOf(lines: readonly BoardLine[]): Row[] {
  return lines.flatMap((line): Row[] => (line === 'nobody' ? [] : line === 'gap' ? [{ kind: 'gap' }] : [{ kind: 'place', line }]));
}

/** The panels' heights, top to bottom: a board with nobody keeps one row for its note. */
function panelHeights(boards: readonly BoardView[]): number[] {
  return boards.map((view) => PANEL_HEAD + Math.max(rowsOf(view.lines).length, 1) * ROW + PANEL_FOOT);
}

/** The chart's size and ECharts option, plain data (no functions): what the worker draws. */
export function rankingChartSpec(input: RankingChartInput): ChartSpec & { option: echarts.EChartsOption } {
  const heights = panelHeights(input.boards);
  const height = TITLE_HEIGHT + heights.reduce((a, b) => a + b, 0) + FOOT_HEIGHT;
  return { width: WIDTH, height, option: rankingOption(input, heights, height), ...(input.glyphs ? { glyphs: input.glyphs } : {}) };
}

/** The chart as an SVG document, drawn on this thread (what the worker draws before its PNG). */
export function rankingChartSvg(input: RankingChartInput): string {
  const { width, height, option } = rankingChartSpec(input);
  // Loaded here, not at the top: ECharts weighs ~12 MB of heap, and the message path never draws on this thread.
  const { init } = require('echarts') as typeof import('echarts');
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function rankingOption(input: RankingChartInput, heights: number[], height: number): echarts.EChartsOption {
  const titles: echarts.TitleComponentOption[] = [
    {
      text: t('charts.rankingTitle', { campaign: input.campaign }),
      subtext: t('charts.rankingSubtitle', { week: input.week }),
      left: 'center',
      top: 14,
      textStyle: { fontSize: 22, fontWeight: 'normal', color: COLORS.text },
      subtextStyle: { fontSize: 14, color: COLORS.muted },
    },
  ];
  const grids: echarts.GridComponentOption[] = [];
  const xAxes: echarts.XAXisComponentOption[] = [];
  const yAxes: echarts.YAXisComponentOption[] = [];
  const series: echarts.BarSeriesOption[] = [];
  const graphics: Array<Record<string, unknown>> = [];
  let top = TITLE_HEIGHT;
  input.boards.forEach((view, i) => {
    const rows = rowsOf(view.lines);
    titles.push({
      text: t('charts.boardTitle', { board: t('reading.board', { board: view.board }) }),
      left: 24,
      top: top + 8,
      textStyle: { fontSize: 16, fontWeight: 'normal', color: COLORS.text },
    });
    const gridTop = top + PANEL_HEAD;
    if (!rows.length) {
      graphics.push({ type: 'text', left: 48, top: gridTop + 8, style: { text: t('reading.rankNobody'), fontSize: 14, fill: COLORS.muted, font: `14px ${CHART_FONT.family}` } });
      top += heights[i];
      return;
    }
    const index = grids.length;
    grids.push({ left: 200, right: 190, top: gridTop, height: rows.length * ROW, containLabel: false });
    const max = Math.max(1, ...rows.map((row) => (row.kind === 'place' ? row.line.row.participants : 0)));
    xAxes.push({ type: 'value', gridIndex: index, max, show: false });
    yAxes.push({
      type: 'category',
      gridIndex: index,
      inverse: true,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
      axisLabel: {
        fontSize: 14,
        color: COLORS.text,
        rich: { unit: { fontSize: 14, color: COLORS.text }, own: { fontSize: 14, color: COLORS.own }, gap: { fontSize: 14, color: COLORS.muted } },
      },
      // Rich-text names as the categories themselves, so the option is plain data (it goes to the worker).
      data: rows.map(axisName),
    });
    series.push({
      type: 'bar',
      xAxisIndex: index,
      yAxisIndex: index,
      barWidth: ROW - 12,
      silent: true,
      data: rows.map((row) =>
        row.kind === 'gap'
          ? { value: 0, itemStyle: { color: 'transparent' }, label: { show: false } }
          : {
              value: row.line.row.participants,
              itemStyle: { color: row.line.own ? COLORS.own : COLORS.bar, borderRadius: [0, 4, 4, 0] },
              label: {
                show: true,
                position: 'right',
                fontSize: 14,
                color: row.line.own ? COLORS.own : COLORS.text,
                formatter: barLabel(row.line),
              },
            },
      ),
    });
    top += heights[i];
  });
  graphics.push({
    type: 'text',
    left: 24,
    top: height - FOOT_HEIGHT + 6,
    style: { text: t('charts.rankingFootnote'), fontSize: 12, fill: COLORS.muted, font: `12px ${CHART_FONT.family}` },
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT.family },
    title: titles,
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
    graphic: { elements: graphics } as echarts.GraphicComponentOption,
  };
}

function axisName(row: Row): string {
  if (row.kind === 'gap') return `{gap|${t('reading.rankGap')}}`;
  const text = t('charts.place', { place: row.line.row.participants > 0 ? row.line.row.rank : undefined, unit: row.line.row.name });
  return `{${row.line.own ? 'own' : 'unit'}|${text}}`;
}

function barLabel(line: PlaceLine): string {
  const { row, change } = line;
  return t('charts.barLabel', { participants: row.participants, more: change?.participants, placesUp: change?.placesUp ?? 0 });
}

/** The chart as a PNG, drawn in the worker thread. */
export async function renderRankingChart(input: RankingChartInput): Promise<Buffer> {
  return renderChart(rankingChartSpec(input), CHART_FONT);
}

/**
 * What a chart shows, as a short hash: ECharts numbers its SVG elements afresh on every render,
 * so a picture is named by its input (and the drawing's version), not by its SVG text.
 */
export function rankingChartHash(input: RankingChartInput): string {
  return createHash('sha256').update(JSON.stringify([CHART_VERSION, input])).digest('hex').slice(0, 16);
}

/**
 * The Picture key of a ranking chart (src/charts/pictures.ts): the week, the unit highlighted
 * (`none` for a group of no board's unit), and what it shows, so a figure corrected since gives
 * another picture.
 */
export function rankingPictureKey(week: string, ownUnitId: number | undefined, input: RankingChartInput): string {
  return `ranking:${week}:unit:${ownUnitId ?? 'none'}:${rankingChartHash(input)}`;
}

/** The chart as a PNG for a chat reply: the same picture asked for again within a moment is drawn once. */
export async function rankingPng(input: RankingChartInput): Promise<Buffer> {
  const hash = rankingChartHash(input);
  const kept = recent.get(hash);
  if (kept) return kept;
  let pending = pngInFlight.get(hash);
  if (!pending) {
    pending = renderRankingChart(input)
      .then((png) => {
        recent.set(hash, png);
        // A few pictures (~80 KB each) for groups asking one after another, no more.
        while (recent.size > RECENT_PNGS) recent.delete(recent.keys().next().value!);
        return png;
      })
      .finally(() => pngInFlight.delete(hash));
    pngInFlight.set(hash, pending);
  }
  return pending;
}

const RECENT_PNGS = 8;
const recent = new Map<string, Buffer>();
const pngInFlight = new Map<string, Promise<Buffer>>();

/**
 * The chart's PNG file under `dir`, named by a hash of its picture: drawn the first time, read
 * back afterwards (the same boards, week and campaign give the same file). Concurrent requests
 * for one picture share one render.
 */
export async function rankingChartFile(dir: string, input: RankingChartInput): Promise<{ path: string; rendered: boolean }> {
  const hash = rankingChartHash(input);
  const path = join(dir, `ranking-${hash}.png`);
  if (await exists(path)) return { path, rendered: false };
  let pending = inFlight.get(path);
  if (!pending) {
    pending = (async () => {
      await writeChartFile(dir, path, await renderChart(rankingChartSpec(input), CHART_FONT));
    })().finally(() => inFlight.delete(path));
    inFlight.set(path, pending);
  }
  await pending;
  return { path, rendered: true };
}

const inFlight = new Map<string, Promise<void>>();

/** A picture already drawn (a pushed one), written under `dir` by its md5 unless it is there; its path. */
export async function chartFileOf(dir: string, png: Buffer, md5: string): Promise<string> {
  const path = join(dir, `ranking-${md5.slice(0, 16)}.png`);
  if (!(await exists(path))) await writeChartFile(dir, path, png);
  return path;
}

/** How long chart files are kept under ./data/charts: a picture asked for again is drawn again. */
export const CHART_FILE_DAYS = 3;

/** Writes a chart file whole (a reader never sees half of it), then removes the dir's chart files older than CHART_FILE_DAYS. */
async function writeChartFile(dir: string, path: string, png: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const partial = `${path}.${process.pid}.${Date.now().toString(36)}.part`;
  await writeFile(partial, png);
  await rename(partial, path);
  await pruneChartFiles(dir, Date.now() - CHART_FILE_DAYS * 86_400_000);
}

/** Removes `dir`'s chart files (and leftover partial ones) last written before `before` (ms). */
export async function pruneChartFiles(dir: string, before: number): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!/^ranking-[0-9a-f]{16}\.png(\..*\.part)?$/.test(name)) continue;
    const file = join(dir, name);
    const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined; // removed by another process meanwhile
      throw err;
    });
    if (info && info.mtimeMs < before) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}
