/**
 * Charts drawn in one worker thread, off the thread that answers messages: ECharts makes the SVG
 * (server-side, no DOM), resvg the PNG. Three things make it cheap:
 *
 * - ECharts allocates a lot per chart; in the worker that garbage never touches the main heap.
 *
 * - The 10 MB Noto Sans SC font is cut down (subset-font) to the characters of the picture plus
 *   printable ASCII, ~40 KB, kept per character set: resvg then draws a chart in ~20 ms instead
 *   of ~400 ms with the whole font.
 * - resvg's pixel buffers (3–4 MB a chart) are freed only by the finalizers of their small JS
 *   objects, which without pressure on the JS heap run late: 100 charts grew the process by
 *   ~350 MB. The worker draws one picture at a time and collects its own heap after each, so
 *   nothing piles up; it starts on the first picture, stops after a minute without work, and
 *   never keeps the process alive.
 *
 * The worker's code is plain JavaScript evaluated from a string, so it runs the same under tsx,
 * vitest and the esbuild output in dist/ (a worker file would be .ts in one and .js in the other).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** How long an idle worker is kept before it is stopped. */
const IDLE_MS = 60_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { mkdtempSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { Resvg } = require(workerData.resvg);
const echarts = require(workerData.echarts);
const subsetFont = require(workerData.subsetFont);

// A collector for this worker's heap alone (a worker cannot be started with --expose-gc).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const dir = mkdtempSync(join(tmpdir(), 'chart-fonts-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const fonts = new Map(); // character set -> subset font file
let made = 0;

async function subsetFile(font, svg) {
  const text = svg.replace(/<[^>]*>/g, '');
  const chars = [...new Set(ASCII + text)].sort().join('');
  const key = font.file + '|' + chars;
  let file = fonts.get(key);
  if (!file) {
    // The whole font is read for each new character set (rare: unit names seldom change) and not kept.
    const bytes = await subsetFont(readFileSync(font.file), chars, { targetFormat: 'truetype' });
    file = join(dir, 'font-' + made++ + '.ttf');
    writeFileSync(file, bytes);
    if (fonts.size >= 16) {
      const [oldKey, oldFile] = fonts.entries().next().value;
      fonts.delete(oldKey);
      rmSync(oldFile, { force: true });
    }
    fonts.set(key, file);
  }
  return file;
}

function svgOf({ width, height, option }) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function draw({ id, spec, font }) {
  try {
    const svg = svgOf(spec);
    const file = await subsetFile(font, svg);
    const options = { background: '#ffffff', font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: font.family } };
    const png = new Resvg(svg, options).render().asPng();
    parentPort.postMessage({ id, png });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.stack) || err) });
  }
  // resvg's native memory goes with its objects' finalizers, which run on a later turn after a
  // collection: without this, 100 charts kept ~350 MB.
  await tick();
  collect();
  await tick();
}

// One picture at a time.
let queue = Promise.resolve();
parentPort.on('message', (message) => {
  queue = queue.then(() => draw(message));
});
`;

interface Pending {
  resolve(png: Buffer): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
let idle: NodeJS.Timeout | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function start(): Worker {
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { resvg: require.resolve('@resvg/resvg-js'), subsetFont: require.resolve('subset-font'), echarts: require.resolve('echarts') } });
  w.unref();
  w.on('message', (msg: { id: number; png?: Uint8Array; error?: string }) => {
    const job = pending.get(msg.id);
    if (!job) return;
    pending.delete(msg.id);
    if (msg.png) job.resolve(Buffer.from(msg.png.buffer, msg.png.byteOffset, msg.png.byteLength));
    else job.reject(new Error(`chart rendering failed: ${msg.error}`));
    if (!pending.size) idleLater();
  });
  const fail = (err: Error) => {
    if (worker === w) worker = undefined;
    for (const job of pending.values()) job.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`chart worker stopped (exit code ${code})`)));
  return w;
}

function idleLater() {
  clearTimeout(idle);
  idle = setTimeout(() => void stopRenderWorker(), IDLE_MS);
  idle.unref();
}

/** What the worker draws: the picture's size and its ECharts option, plain data (it is copied to the worker). */
export interface ChartSpec {
  width: number;
  height: number;
  option: object;
}

/** Draws `spec` as a PNG in the worker, in the given font file only (no system fonts). */
export function renderChart(spec: ChartSpec, font: { family: string; file: string }): Promise<Buffer> {
  clearTimeout(idle);
  worker ??= start();
  const id = nextId++;
  const w = worker;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, spec, font });
  });
}

/** Stops the worker now (tests, shutdown); the next picture starts a new one. */
export async function stopRenderWorker(): Promise<void> {
  clearTimeout(idle);
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
