/**
 * Charts drawn in a child process, off the process that answers messages: ECharts makes the SVG
 * (server-side, no DOM), resvg the PNG. A separate process rather than a worker thread because
 * what drawing costs — ECharts' code and garbage, harfbuzz's WebAssembly memory when the font is
 * cut, resvg's native pixel buffers, ~100–190 MB while drawing — then never lands in the server's
 * own memory, and all of it is given back to the system when the child exits (a worker thread's
 * malloc arenas stayed in the process: ~40 MB after a broadcast). Three things make it cheap:
 *
 * - The 10 MB Noto Sans SC font is cut down (subset-font) to the characters of the picture plus
 *   printable ASCII, ~40 KB, kept per character set: resvg then draws a chart in ~20 ms instead
 *   of ~400 ms with the whole font.
 * - resvg's pixel buffers (3–4 MB a chart) are freed only by the finalizers of their small JS
 *   objects, which without pressure on the JS heap run late: 100 charts grew the process by
 *   ~350 MB. The child draws one picture at a time and collects its heap after each, so nothing
 *   piles up.
 * - It starts on the first picture, stops after 30 s without work (or at once after a batch,
 *   releaseRenderWorker), and keeps the server alive only while a picture is being drawn.
 *
 * The child's code is plain JavaScript given on its command line, so it runs the same under tsx,
 * vitest and the esbuild output in dist/ (a script file would be .ts in one and .js in the other).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** How long an idle child is kept before it is stopped. */
const IDLE_MS = 30_000;

/**
 * The child's heap, capped well above what a chart needs (a chart's heap is a few MB): a chart gone
 * wrong ends the child (its pictures fail, the next one starts a new child) rather than growing.
 */
const CHILD_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=4', '--expose-gc'];

const WORKER_SOURCE = `
const modules = JSON.parse(process.env.CHART_MODULES);
const { mkdtempSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Resvg } = require(modules.resvg);
const echarts = require(modules.echarts);
const subsetFont = require(modules.subsetFont);

const collect = global.gc;

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const dir = mkdtempSync(join(tmpdir(), 'chart-fonts-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const fonts = new Map(); // character set -> subset font file
let made = 0;

async function subsetFile(font, svg, glyphs) {
  const text = svg.replace(/<[^>]*>/g, '') + (glyphs || '');
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
    const file = await subsetFile(font, svg, spec.glyphs);
    const options = { background: '#ffffff', font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: font.family } };
    const png = new Resvg(svg, options).render().asPng();
    process.send({ id, png });
  } catch (err) {
    process.send({ id, error: String((err && err.stack) || err) });
  }
  // resvg's native memory goes with its objects' finalizers, which run on a later turn after a
  // collection: without this, 100 charts kept ~350 MB.
  await tick();
  collect();
  await tick();
}

// One picture at a time; the child ends when the server lets go of it (or dies).
let queue = Promise.resolve();
process.on('message', (message) => {
  queue = queue.then(() => draw(message));
});
process.on('disconnect', () => process.exit(0));
`;

interface Pending {
  resolve(png: Buffer): void;
  reject(err: Error): void;
}

let child: ChildProcess | undefined;
let idle: NodeJS.Timeout | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function start(): ChildProcess {
  const modules = { resvg: require.resolve('@resvg/resvg-js'), subsetFont: require.resolve('subset-font'), echarts: require.resolve('echarts') };
  const c = spawn(process.execPath, [...CHILD_FLAGS, '-e', WORKER_SOURCE], {
    env: { ...process.env, CHART_MODULES: JSON.stringify(modules), NODE_OPTIONS: '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Buffers cross as bytes, not as JSON arrays.
    serialization: 'advanced',
  });
  c.on('message', (msg: { id: number; png?: Uint8Array; error?: string }) => {
    const job = pending.get(msg.id);
    if (!job) return;
    pending.delete(msg.id);
    if (msg.png) job.resolve(Buffer.from(msg.png.buffer, msg.png.byteOffset, msg.png.byteLength));
    else job.reject(new Error(`chart rendering failed: ${msg.error}`));
    if (!pending.size) {
      // Idle: no longer keeps the server alive.
      unref(c);
      idleLater();
    }
  });
  const fail = (err: Error) => {
    if (child === c) child = undefined;
    for (const job of pending.values()) job.reject(err);
    pending.clear();
  };
  c.on('error', fail);
  c.on('exit', (code, signal) => fail(new Error(`chart process stopped (${signal ?? `exit code ${code}`})`)));
  return c;
}

/** The child and its IPC channel no longer keep the server's event loop alive (or again do). */
function unref(c: ChildProcess): void {
  c.unref();
  (c.channel as { unref?(): void } | undefined)?.unref?.();
}
function ref(c: ChildProcess): void {
  c.ref();
  (c.channel as { ref?(): void } | undefined)?.ref?.();
}

function idleLater() {
  clearTimeout(idle);
  idle = setTimeout(() => void stopRenderWorker(), IDLE_MS);
  idle.unref();
}

/** What the child draws: the picture's size and its ECharts option, plain data (it is copied to the child). */
export interface ChartSpec {
  width: number;
  height: number;
  option: object;
  /**
   * Characters to cut the font with beyond the picture's own: pictures drawn together that pass
   * the same share one cut of the font, made once.
   */
  glyphs?: string;
}

/** Draws `spec` as a PNG in the child process, in the given font file only (no system fonts). */
export function renderChart(spec: ChartSpec, font: { family: string; file: string }): Promise<Buffer> {
  clearTimeout(idle);
  child ??= start();
  const id = nextId++;
  const c = child;
  // Working: keeps the server alive until the picture is back.
  ref(c);
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    c.send({ id, spec, font }, (err) => {
      if (!err) return;
      pending.delete(id);
      reject(err);
    });
  });
}

/**
 * Stops the child now if it has nothing to draw: after a batch of pictures (a broadcast's), so
 * its memory is given back before the sends, not held until the idle timeout.
 */
export async function releaseRenderWorker(): Promise<void> {
  if (!pending.size) await stopRenderWorker();
}

/** Stops the child now (tests, shutdown); the next picture starts a new one. */
export async function stopRenderWorker(): Promise<void> {
  clearTimeout(idle);
  const c = child;
  child = undefined;
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  // Held until it has gone: an idle child no longer keeps the process alive, and a process with
  // nothing else to do would end while this waits.
  c.ref();
  c.disconnect();
  await exited;
}
