/**
 * Memory of the bot's server process as `npm start` runs it: the node flags of package.json's
 * `start` script, its resident set (VmRSS) once started and settled, its peak (VmHWM), and the
 * ranking pictures drawn inside it by its own render worker (scripts/bench/picture-hook.mjs,
 * preloaded with --import and triggered with SIGUSR2). Used by the HTTP benchmark, which puts the
 * server under load while the pictures are drawn.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../src/db/migrate.js';

/** How long the started server is left alone before its idle RSS is read. */
export const IDLE_SETTLE_MS = 5_000;
/** How many ranking pictures the hook draws (each a different one). */
export const PICTURES = Number(process.env.BENCH_PICTURES ?? 100);
/** Preloaded into the measured server: draws the pictures on SIGUSR2. */
export const PICTURE_HOOK = join(root, 'scripts/bench/picture-hook.mjs');

/**
 * The node flags `npm start` gives the server: what package.json's `start` script puts between
 * `node` and `dist/src/main.js`. Throws when the script has another shape, so a benchmark never
 * measures a server started otherwise than `npm start` starts it.
 */
export function startNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js') {
    throw new Error(`package.json "start" is not "node [flags] dist/src/main.js": ${pkg.scripts.start}`);
  }
  return words.slice(1, -1);
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Math.round(Number(m[1]) / 1024);
}

/** The process's resident set now, MB. */
export const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
/** The most the process's resident set has been since it started, MB. */
export const peakRssMb = (pid: number) => statusMb(pid, 'VmHWM');

/** The server's RSS once it has been left alone for IDLE_SETTLE_MS after starting. */
export async function idleRssMb(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  return rssMb(pid);
}

/**
 * Starts drawing the pictures in the server (started with `--import PICTURE_HOOK` and
 * BENCH_PICTURES_DONE=`done`); the returned `finished()` waits until all are drawn.
 */
export function drawPictures(pid: number, done: string): { finished(): Promise<{ pictures: number; ms: number }> } {
  rmSync(done, { force: true });
  process.kill(pid, 'SIGUSR2');
  return {
    async finished() {
      const deadline = Date.now() + 5 * 60_000;
      while (!existsSync(done)) {
        if (Date.now() > deadline) throw new Error(`the server did not draw its ${PICTURES} pictures within 5 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return JSON.parse(readFileSync(done, 'utf8')) as { pictures: number; ms: number };
    },
  };
}
