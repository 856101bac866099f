/**
 * Broadcast benchmark: the weekly ranking to 2,000 groups behind 100 group robots (20 groups per
 * robot key), queued by the real job and sent by the real outbox worker and WeCom sender to the
 * fake WeCom on 127.0.0.1, which enforces 20 messages a minute per key as WeCom does.
 *
 * - Rate: for each robot, the most messages the fake received in any 60-second window, over the
 *   limit of 20. 1.0 is at the limit; above 1.0 WeCom would have refused (45009).
 * - Time: from the job's run until the fake had every message, over the ideal the limit allows
 *   when each robot sends evenly at exactly 20 a minute: its first message at once, then one
 *   every 3 s, so (n − 1) × 3 s for the robot with the most messages (n).
 * - Memory: the process's peak RSS (sampled every 50 ms from before the job's run to the last
 *   send), with the weekly ranking's chart after each group's text (`pictures`: rendered once per
 *   unit in the render worker, a thread of this process, and stored) and without. Each is
 *   measured in a process of its own (`broadcastBenchIsolated`), so one run's heap does not hide
 *   the other's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { picturesRendered } from '../../src/charts/pictures.js';
import { stopRenderWorker } from '../../src/charts/render-worker.js';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createBackground } from '../../src/jobs/index.js';
import { weeklyRanking } from '../../src/jobs/jobs.js';
import { createLogger } from '../../src/logger.js';
import { ymd } from '../../src/time.js';
import { FakeWeCom } from '../../test/fakes/wecom.js';
import { maxInWindow } from '../../test/helpers/rate.js';
import { startNodeArgs } from './memory.js';

const GROUPS = 2_000;
const ROBOTS = 100;
const LIMIT_PER_MIN = 20;
const WINDOW_MS = 60_000;
const PATH = '/cgi-bin/webhook/send';

export interface BroadcastFigures {
  messages: number;
  maxPerWindow: number;
  minGapMs: number;
  totalMs: number;
  idealMs: number;
  refused: number;
  failed: number;
  peakRssMb: number;
  /** Whether the charts went too, and how many were rendered. */
  pictures: boolean;
  rendered: number;
}

export async function broadcastBench(databaseUrl: string | undefined, log: (s: string) => void, { pictures = true }: { pictures?: boolean } = {}): Promise<BroadcastFigures> {
  const fake = await new FakeWeCom().start();
  // The fake runs in this process: it checks each picture but keeps only its md5, so what is
  // measured is the bot's memory, not 2,000 pictures held by the fake.
  fake.keepImages = false;
  const dir = mkdtempSync(join(tmpdir(), 'bench-broadcast-'));
  const day = 86_400_000;
  const today = Date.now();
  const config = loadConfig({
    DATABASE_URL: databaseUrl ?? `file:${join(dir, 'bench.db')}`,
    WECOM_API_BASE: fake.base,
    CAMPAIGN_START: ymd(new Date(today - 60 * day)),
    CAMPAIGN_END: ymd(new Date(today + 60 * day)),
    CAMPAIGN_RANKING_START: ymd(new Date(today - 30 * day)),
  });
  const app = await startApp(config, createLogger('warn'));
  const prisma = app.database.prisma;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const renderedBefore = picturesRendered();
  try {
    const units = await prisma.unit.findMany({ where: { parentId: { not: null } }, select: { id: true } });
    const robot = (i: number) => `bench-robot-${String(i % ROBOTS).padStart(3, '0')}`;
    await prisma.chat.createMany({
      data: Array.from({ length: GROUPS }, (_, i) => ({
        platform: 'wecom',
        platformChatId: `bench-group-${i}`,
        title: `读书群${i}`,
        isGroup: true,
        unitId: units[i % units.length].id,
        pushKey: robot(i),
      })),
    });
    const { worker } = createBackground(app);
    // The outbox worker runs while the job queues, as in the server: a group's messages go out
    // as soon as they are queued, not after the whole broadcast (and its pictures) is.
    worker.start();
    const started = Date.now();
    const queued = await weeklyRanking.run(
      { db: prisma, campaign: app.campaign, senders: app.senders, logger: app.logger, eveHour: config.ACTIVITY_EVE_HOUR, pictures },
      new Date(),
    );
    const queuePeak = peakRss;
    log(`broadcast: ${queued} ranking messages queued in ${Date.now() - started} ms; peak RSS so far ${Math.round(queuePeak / 1048576)} MB`);
    const deadline = started + 8 * 60_000;
    for (;;) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const open = await prisma.outbox.count({ where: { status: { in: ['QUEUED', 'SENDING'] } } });
      if (open === 0) break;
      if (Date.now() > deadline) throw new Error(`broadcast: ${open} messages still open after 8 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await worker.stop();
    const calls = fake.calls(PATH);
    const byRobot = new Map<string, number[]>();
    for (const c of calls) byRobot.set(c.query.key, [...(byRobot.get(c.query.key) ?? []), c.at]);
    let maxPerWindow = 0;
    let minGapMs = Infinity;
    let most = 0;
    for (const times of byRobot.values()) {
      times.sort((a, b) => a - b);
      maxPerWindow = Math.max(maxPerWindow, maxInWindow(times, WINDOW_MS));
      for (let i = 1; i < times.length; i++) minGapMs = Math.min(minGapMs, times[i] - times[i - 1]);
      most = Math.max(most, times.length);
    }
    const accepted = await prisma.outbox.count({ where: { status: 'SENT' } });
    const failed = await prisma.outbox.count({ where: { status: 'FAILED' } });
    const figures: BroadcastFigures = {
      messages: accepted,
      maxPerWindow,
      minGapMs,
      totalMs: Math.max(...calls.map((c) => c.at)) - started,
      idealMs: (most - 1) * (WINDOW_MS / LIMIT_PER_MIN),
      // Every call beyond those accepted was refused by the fake (45009) or failed.
      refused: calls.length - accepted,
      failed,
      peakRssMb: Math.round(peakRss / 1048576),
      pictures,
      rendered: picturesRendered() - renderedBefore,
    };
    const db = `${app.database.provider}${pictures ? ' with pictures' : ' text only'}`;
    log(
      `broadcast ${db}: ${figures.messages}/${queued} sent to ${byRobot.size} robots; most in any 60 s per robot ${maxPerWindow} ` +
        `(limit ${LIMIT_PER_MIN}, ratio ${(maxPerWindow / LIMIT_PER_MIN).toFixed(2)}); closest two ${minGapMs} ms; ` +
        `refused ${figures.refused}, failed ${failed}`,
    );
    log(
      `broadcast ${db}: all sent in ${(figures.totalMs / 1000).toFixed(1)} s; ideal at the limit ${(figures.idealMs / 1000).toFixed(1)} s; ` +
        `ratio ${(figures.totalMs / figures.idealMs).toFixed(3)} (goal ≤ 1.1)`,
    );
    log(`broadcast ${db}: ${figures.rendered} charts rendered; peak RSS ${figures.peakRssMb} MB`);
    return figures;
  } finally {
    clearInterval(sampler);
    await stopRenderWorker();
    await app.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The benchmark in a process of its own (this file run by tsx, with npm start's node flags), for
 * a peak RSS that is this run's alone; its log lines are passed on.
 */
export function broadcastBenchIsolated(databaseUrl: string | undefined, log: (s: string) => void, o: { pictures: boolean }): Promise<BroadcastFigures> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    // With the heap settings `npm start` gives the server, so its peak is the server's.
    const child = spawn(process.execPath, [...startNodeArgs(), '--import', 'tsx', self], {
      env: { ...process.env, BENCH_BROADCAST_PICTURES: o.pictures ? '1' : '0', ...(databaseUrl ? { BENCH_BROADCAST_DB: databaseUrl } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.trim().split('\n');
      const figures = lines.pop() ?? '';
      lines.forEach((line) => log(line));
      if (code !== 0 || !figures.startsWith('{')) return reject(new Error(`broadcast benchmark exited with ${code}`));
      resolve(JSON.parse(figures) as BroadcastFigures);
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await broadcastBench(process.env.BENCH_BROADCAST_DB || undefined, (s) => console.log(s), { pictures: process.env.BENCH_BROADCAST_PICTURES !== '0' });
  console.log(JSON.stringify(figures));
}
