import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { renderRankingChart } from '../../src/charts/ranking-chart.js';
import { stopRenderWorker } from '../../src/charts/render-worker.js';
import { EXAMPLE_CHART_FILE, EXAMPLE_CHART_INPUT } from '../../scripts/example-chart.js';

afterAll(() => stopRenderWorker());

/** A PNG's pixels (RGBA), decoded by resvg as an <image>. */
function pixels(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return { width, height, rgba: new Resvg(svg).render().pixels };
}

describe('the example chart README shows (test/fixtures/ranking-chart.png)', () => {
  it('is the chart the code draws now for the example week: regenerate it with npx tsx scripts/example-chart.ts', async () => {
    const committed = readFileSync(EXAMPLE_CHART_FILE);
    expect(committed.subarray(1, 4).toString('latin1')).toBe('PNG');
    const fresh = await renderRankingChart(EXAMPLE_CHART_INPUT);
    const a = pixels(committed);
    const b = pixels(fresh);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    expect(a.width).toBe(900);
    let differing = 0;
    for (let i = 0; i < a.rgba.length; i++) if (Math.abs(a.rgba[i] - b.rgba[i]) > 8) differing++;
    expect(differing / a.rgba.length).toBeLessThan(0.001);
    // Not blank: the bars' blue and the own unit's orange are both there.
    const seen = new Set<string>();
    for (let i = 0; i < a.rgba.length; i += 4) seen.add(`${a.rgba[i]},${a.rgba[i + 1]},${a.rgba[i + 2]}`);
    expect(seen.has('91,143,249')).toBe(true);
    expect(seen.has('246,144,61')).toBe(true);
    expect(seen.size).toBeGreaterThan(50);
  });
});
