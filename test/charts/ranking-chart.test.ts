import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { CHART_FONT, rankingChartFile, rankingChartSvg, renderRankingChart, type RankingChartInput } from '../../src/charts/ranking-chart.js';
import { stopRenderWorker } from '../../src/charts/render-worker.js';
import { takePicture } from '../../src/charts/reply-picture.js';
import { rankingView, type RankRow } from '../../src/domain/ranking.js';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

afterAll(() => stopRenderWorker());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A blank white PNG of the same size, as resvg writes it: what a chart without content would weigh. */
function blankPng(width: number, height: number): Buffer {
  return new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/></svg>`).render().asPng();
}

function row(unitId: number, name: string, board: RankRow['board'], participants: number, rank: number): RankRow {
  return { unitId, name, board, participants, rank };
}

// 14 市州 (so the own unit, 14th, shows after a gap) and two 产业工会; last week had other places.
const CITIES = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西'];
const thisWeek = [
  ...CITIES.map((city, i) => row(i + 1, `${city}市总工会`, 'CITY', 140 - i * 10, i + 1)),
  row(20, '省教育工会', 'INDUSTRY', 30, 1),
  row(21, '省交通运输工会', 'INDUSTRY', 25, 2),
];
const lastWeek = [
  ...CITIES.map((city, i) => row(i + 1, `${city}市总工会`, 'CITY', i === 1 ? 200 : 100 - i * 5, i === 1 ? 1 : i + 1 + (i === 0 ? 1 : 0))),
  row(20, '省教育工会', 'INDUSTRY', 10, 2),
  row(21, '省交通运输工会', 'INDUSTRY', 40, 1),
];
const input = (own: number): RankingChartInput => ({ campaign: '湘阅读·工力量', week: '6月8日—6月14日', boards: rankingView(thisWeek, own, lastWeek) });

/** The RGB colours of an image's pixels, counted. */
function colours(pixels: Buffer): Map<string, number> {
  const seen = new Map<string, number>();
  for (let i = 0; i < pixels.length; i += 4) {
    const key = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return seen;
}

describe('the ranking chart', () => {
  it('says the campaign, the week, each unit with its place, figure and change, and the gap before the own unit', () => {
    const svg = rankingChartSvg(input(14));
    expect(svg).toContain('湘阅读·工力量 好书荐读排行');
    expect(svg).toContain('6月8日—6月14日');
    expect(svg).toContain('【市州总工会】');
    expect(svg).toContain('【产业工会及省直】');
    expect(svg).toContain('1. 长沙市总工会');
    expect(svg).toContain('140 人（+40 ↑1）'); // 100 → 140, 2nd → 1st
    expect(svg).toContain('130 人（-70 ↓1）'); // 株洲: 200 → 130, 1st → 2nd
    expect(svg).toContain('30 人（+20 ↑1）');
    expect(svg).toContain('…');
    expect(svg).toContain('14. 湘西市总工会');
    expect(svg).not.toContain('11. 永州市总工会'); // below the top 10 and not the viewer's
    expect(svg).toContain(`font-family:${CHART_FONT.family}`);
  });

  it('draws a PNG of the chart’s size, with the own unit in its own colour', async () => {
    const png = await renderRankingChart(input(2));
    const { width, height } = pngSize(png);
    expect(width).toBe(900);
    // Title, two panels (10 rows and 2 rows) and the footnote.
    expect(height).toBeGreaterThan(600);
    expect(png.length).toBeGreaterThan(4 * blankPng(width, height).length);

    // The same SVG drawn here: bar blue and the own unit's orange are both there, the orange on one bar only.
    const pixels = new Resvg(rankingChartSvg(input(2)), { font: { fontFiles: [CHART_FONT.file], loadSystemFonts: false, defaultFontFamily: CHART_FONT.family } }).render().pixels;
    const seen = colours(pixels);
    expect(seen.size).toBeGreaterThan(50); // text is anti-aliased: many shades
    const blue = seen.get('91,143,249') ?? 0;
    const orange = seen.get('246,144,61') ?? 0;
    expect(orange).toBeGreaterThan(1000);
    expect(blue).toBeGreaterThan(orange * 5);

    // The worker's PNG (ECharts and resvg there, with the font cut to the picture's characters)
    // is the picture drawn here with the whole font: decoded by resvg as an <image>, pixel for pixel.
    const decoded = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`,
    ).render().pixels;
    expect(decoded.length).toBe(pixels.length);
    let differing = 0;
    for (let i = 0; i < pixels.length; i++) if (Math.abs(decoded[i] - pixels[i]) > 8) differing++;
    expect(differing / pixels.length).toBeLessThan(0.001);

    const noOwn = colours(new Resvg(rankingChartSvg(input(999)), { font: { fontFiles: [CHART_FONT.file], loadSystemFonts: false } }).render().pixels);
    expect(noOwn.get('246,144,61') ?? 0).toBe(0);
  });

  it('renders a picture once: the same boards give the same file, other boards another', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'charts-'));
    try {
      const first = await rankingChartFile(dir, input(3));
      expect(first.rendered).toBe(true);
      pngSize(readFileSync(first.path));
      const again = await rankingChartFile(dir, input(3));
      expect(again).toEqual({ path: first.path, rendered: false });
      const [a, b] = await Promise.all([rankingChartFile(dir, input(4)), rankingChartFile(dir, input(4))]);
      expect(a.path).toBe(b.path);
      expect(a.path).not.toBe(first.path);
      expect((await readdir(dir)).sort()).toEqual([first.path, a.path].map((p) => p.slice(dir.length + 1)).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(KINDS)('排行图 on %s', (kind) => {
  const bot = useBot(kind);

  it('replies with the text ranking and the path of the PNG it wrote under data/charts', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    await b.say('李四', '株洲群', '绑定 株洲');
    await b.say('王芳', '长沙群', '上报 荐读 35');
    await b.say('李四', '株洲群', '上报 荐读 50');
    const reply = await b.say('王芳', '长沙群', '排行图');
    expect(reply).toContain('👉2. 长沙市总工会 35 人'); // 排行's text
    const path = /排行图已生成：(\S+\.png)/.exec(reply)?.[1];
    expect(path).toMatch(/^data[/\\]charts[/\\]ranking-[0-9a-f]{16}\.png$/);
    const { width } = pngSize(readFileSync(resolve(path!)));
    expect(width).toBe(900);
    // A variant asks for the same picture: the same file.
    expect(await b.say('王芳', '长沙群', '看图')).toContain(`排行图已生成：${path}`);
  });

  it('where no picture can go (the WeCom application, DingTalk without its app) gives the text ranking and says so', async () => {
    const b = bot();
    for (const [platform, city, messageId] of [['wecom', '岳阳', 'app:1001'], ['dingtalk', '常德', undefined]]) {
      const chat = { platform: platform!, senderId: `${platform}-u1`, senderName: '赵六', chatId: `${platform}-${city}群`, chatTitle: `${city}群` };
      expect(await b.handle({ ...chat, text: `绑定 ${city}` })).toContain('绑定成功');
      const reply = await b.handle({ ...chat, text: '排名图', ...(messageId ? { messageId } : {}) });
      expect(reply).toContain('【市州总工会·本周');
      expect(reply).toContain('这里暂时还发不了图片');
      expect(reply).not.toContain('排行图已生成');
      expect(takePicture(reply).picture).toBeUndefined();
    }
  });

  it('to the WeCom smart bot, the reply carries the chart at its end for the final stream frame', async () => {
    const b = bot();
    const chat = { platform: 'wecom', senderId: 'wecom-u2', senderName: '孙七', chatId: 'wecom-益阳群', chatTitle: '益阳群' };
    expect(await b.handle({ ...chat, text: '绑定 益阳' })).toContain('绑定成功');
    const { text, picture } = takePicture(await b.handle({ ...chat, text: '排行图' }));
    expect(text).toContain('【市州总工会·本周');
    expect(text).not.toContain('这里暂时还发不了图片');
    const png = Buffer.from(picture!.base64, 'base64');
    expect(pngSize(png).width).toBe(900);
    expect(picture!.md5).toBe(createHash('md5').update(png).digest('hex'));
  });
});
