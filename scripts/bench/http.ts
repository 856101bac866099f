/**
 * HTTP benchmark: autocannon against (a) a bare Koa app returning 200 (a second reference), (b) the
 * WeCom smart bot callback with a signed, encrypted 「上报 荐读 N」 (verify, decrypt, parse,
 * database write, encrypted reply), (c) the same with 「排行」 (read path). Each server runs in
 * its own process; the encrypted requests are made before the run, so the client does no crypto
 * while measuring; (d) a picture message, answered with no database (the platform layer alone:
 * the baseline the goals' ratios are taken against).
 * Also the peak RSS of the bot's server process, and what one Prisma query costs against the
 * same query on better-sqlite3 directly (the floor under the database paths).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { root } from '../../src/db/migrate.js';
import { WeComCallbacks } from '../../test/fakes/wecom.js';
import { start } from '../../test/helpers/spawn.js';
import { openDatabase } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { drawPictures, idleRssMb, PICTURE_HOOK, startNodeArgs } from './memory.js';

const KEYS = { token: 'benchToken', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

export interface HttpFigures {
  rps: number;
  p50: number;
  p99: number;
}

const callbacks = new WeComCallbacks({ ...KEYS, receiveId: '' });

/** A signed, encrypted smart bot message in `chatid`: a text, or a picture. */
function signed(text: string, chatid: string, picture = false): { path: string; body: string } {
  const message = callbacks.botText(text, { chatid, userid: 'bench' });
  return callbacks.botRequest(picture ? { ...message, msgtype: 'image', text: undefined, image: { url: 'https://example.com/a.png' } } : message);
}

async function cannon(url: string, make?: () => { path: string; body: string }): Promise<HttpFigures> {
  const pool = make ? Array.from({ length: 40_000 }, make) : [];
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: make
      ? [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              const r = pool[i++ % pool.length];
              return { ...req, path: r.path, body: r.body };
            },
          },
        ]
      : undefined,
  });
  if (result.non2xx) throw new Error(`${result.non2xx} non-2xx answers from ${url}`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Microseconds per lookup of a chat by its platform id: through Prisma (what the message path
 * does, several times per message), and as one prepared statement on better-sqlite3.
 */
export async function queryFloor(): Promise<{ prismaUs: number; rawUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const url = `file:${join(dir, 'floor.db')}`;
  await applyMigrations(url);
  const database = openDatabase(url);
  try {
    const prisma = database.prisma;
    await prisma.chat.create({ data: { platform: 'wecom', platformChatId: 'c1', title: '群' } });
    const N = 5_000;
    const time = async (fn: () => unknown) => {
      for (let i = 0; i < 500; i++) await fn();
      const t = process.hrtime.bigint();
      for (let i = 0; i < N; i++) await fn();
      return Number(process.hrtime.bigint() - t) / 1e3 / N;
    };
    const prismaUs = await time(() => prisma.chat.findFirst({ where: { platform: 'wecom', platformChatId: 'c1' } }));
    const { default: Sqlite } = await import('better-sqlite3' as string);
    const raw = new Sqlite(join(dir, 'floor.db'));
    const stmt = raw.prepare('SELECT * FROM Chat WHERE platform = ? AND platformChatId = ? LIMIT 1');
    const rawUs = await time(() => stmt.get('wecom', 'c1'));
    raw.close();
    return { prismaUs, rawUs };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export async function httpBench(databaseUrl: string | undefined, log: (s: string) => void) {
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
  const bare = await start(['scripts/bench/bare-server.ts'], {}, /bot started/);
  const baseUrl = `http://127.0.0.1:${JSON.parse(bare.line).address.port}`;
  const baseline = await cannon(baseUrl);
  bare.child.kill('SIGTERM');
  await once(bare.child, 'close');

  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const env = {
    DATABASE_URL: databaseUrl ?? `file:${join(dir, 'bench.db')}`,
    WECOM_BOT_TOKEN: KEYS.token,
    WECOM_BOT_AES_KEY: KEYS.aesKey,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // Where the picture hook says it has drawn its pictures (see ./memory.ts).
    BENCH_PICTURES_DONE: join(dir, 'pictures.json'),
  };
  // BENCH_NODE_ARGS adds node flags to the bot's server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // for a CPU profile to open in Chrome DevTools.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The server as `npm start` runs it: compiled to dist/, with the start script's node flags; and
  // the hook that draws ranking pictures in it, by its own render worker, while it is under load.
  const bot = await start([...startNodeArgs(), '--import', PICTURE_HOOK, ...nodeArgs, 'dist/src/main.js'], env, /bot started/, { tsx: false });
  const url = `http://127.0.0.1:${JSON.parse(bot.line).address.port}`;
  // The bot logs a line per message at info; the bench keeps the pipe drained like a log collector.
  if (process.env.BENCH_SERVER_LOG) bot.child.stdout!.pipe(createWriteStream(process.env.BENCH_SERVER_LOG));
  else bot.child.stdout!.resume();
  try {
    const idleRss = await idleRssMb(bot.child.pid!);
    const chatid = `bench-${randomUUID()}`;
    const bind = signed('绑定 长沙', chatid);
    await fetch(url + bind.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bind.body });
    let n = 0;
    // The pictures are drawn while the messages below come in (as a weekly broadcast may be).
    const pictures = drawPictures(bot.child.pid!, env.BENCH_PICTURES_DONE);
    const write = await cannon(url, () => signed(`上报 荐读 ${++n}`, chatid));
    const read = await cannon(url, () => signed('排行', chatid));
    // A picture: verified, decrypted and answered (encrypted) with no database at all — what the
    // platform layer alone costs, to set the two above against.
    const crypto = await cannon(url, () => signed('', chatid, true));
    const drawn = await pictures.finished();
    const rss = peakRssMb(bot.child.pid!);
    const db = databaseUrl ? 'postgresql' : 'sqlite';
    const fmt = (f: HttpFigures) => `${Math.round(f.rps)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms`;
    const goals = db === 'sqlite' ? { write: 0.3, read: 0.5 } : { write: 0.15, read: 0.25 };
    log(`http baseline (bare Koa): ${fmt(baseline)}`);
    log(`http ${db} platform layer only (a picture, no database): ${fmt(crypto)}; ratio to bare Koa ${(crypto.rps / baseline.rps).toFixed(3)}`);
    log(`http ${db} write (上报): ${fmt(write)}; ratio to the platform layer ${(write.rps / crypto.rps).toFixed(3)} (goal ≥ ${goals.write}), to bare Koa ${(write.rps / baseline.rps).toFixed(3)}`);
    log(`http ${db} read (排行): ${fmt(read)}; ratio to the platform layer ${(read.rps / crypto.rps).toFixed(3)} (goal ≥ ${goals.read}), to bare Koa ${(read.rps / baseline.rps).toFixed(3)}`);
    log(`http ${db} server RSS: idle ${idleRss} MB; peak ${rss} MB under the load above with ${drawn.pictures} ranking pictures drawn meanwhile in ${(drawn.ms / 1000).toFixed(1)} s (goal < 200); node flags of npm start: ${startNodeArgs().join(' ') || 'none'}`);
    return { baseline, write, read, crypto, rss, idleRss, pictures: drawn.pictures };
  } finally {
    bot.child.kill('SIGTERM');
    await once(bot.child, 'close');
    rmSync(dir, { recursive: true, force: true });
  }
}
