import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { robotSign } from '../../src/platforms/dingtalk/sign.js';
import { t } from '../../src/texts.js';
import { FakeDingTalk } from '../fakes/dingtalk.js';
import { freshDb, KINDS, PG_BASE } from '../helpers/db.js';
import { start } from '../helpers/spawn.js';
import { dingTalkEnv } from '../helpers/dingtalk.js';

/**
 * A TCP proxy between the server and PostgreSQL that the test can cut: every piped connection is
 * destroyed and new ones are dropped as they arrive, as when the network to the database goes
 * away; restored, it pipes again. The real PostgreSQL is never stopped.
 */
class PgProxy {
  cut = false;
  port = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.cut) {
        client.destroy();
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        // A cut ends both sides; the other side sees the connection drop.
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  cutOff(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  async stop(): Promise<void> {
    this.cutOff();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const PG = KINDS.includes('postgresql');

/**
 * PostgreSQL unreachable for a few seconds in the middle of a burst of DingTalk HTTP messages
 * (replies after the acknowledgement, DINGTALK_REPLY_WAIT_MS=0). A message the database could not
 * take gets a 5xx, so DingTalk sends it again; one it took is handled and answered once the
 * database is back. Nothing is lost, nothing happens twice, nobody gets the apology.
 */
describe.skipIf(!PG)('PostgreSQL unreachable mid-burst', () => {
  const children: ChildProcess[] = [];
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await once(c, 'close');
    }
    for (const f of cleanup.reverse()) await f();
  });

  it('DingTalk HTTP mode: 5xx while cut off, every message handled and answered once after the retry', async () => {
    const fake = await new FakeDingTalk().start();
    cleanup.push(() => fake.stop());
    const db = await freshDb('postgresql');
    cleanup.push(db.drop);
    const pgUrl = new URL(PG_BASE);
    const proxy = await new PgProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) }).start();
    cleanup.push(() => proxy.stop());
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const env = {
      DATABASE_URL: viaProxy.toString(),
      ...dingTalkEnv(fake),
      DINGTALK_MODE: 'http',
      DINGTALK_REPLY_WAIT_MS: '0',
      INBOX_CLAIM_MS: '2000',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    const server = await start(['src/main.ts'], env, /bot started/);
    children.push(server.child);
    const base = `http://127.0.0.1:${JSON.parse(server.line).address.port}`;
    let serverLog = '';
    server.child.stdout!.on('data', (d) => (serverLog += d));
    server.child.stderr!.on('data', (d) => (serverLog += d));

    const post = async (message: object) => {
      const timestamp = String(Date.now());
      try {
        const res = await fetch(`${base}/dingtalk/bot`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', timestamp, sign: robotSign(fake.clientSecret, timestamp) },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(15_000),
        });
        await res.text();
        return res.status;
      } catch {
        return 0; // no answer (the server died or hung): not acknowledged
      }
    };

    const conversationId = 'cid-pg-outage';
    const bind = fake.robotMessage('绑定 长沙', { conversationId, userId: 'outage' });
    expect(await post(bind)).toBe(200);
    await expect.poll(() => fake.sessionReplies(bind).length, { timeout: 10_000 }).toBe(1);

    const N = 40;
    const messages = Array.from({ length: N }, (_, i) => fake.robotMessage(`荐书 《断库之书${i}》 微博`, { conversationId, userId: 'outage' }));
    const statuses: number[] = new Array(N).fill(-1);
    const duringCut: boolean[] = new Array(N).fill(false);
    let answered = 0;
    const started = Date.now();
    // Spread over about 6 s: a third before the cut, the cut for about 3 s, the rest after it.
    const burst = messages.map(async (m, i) => {
      await new Promise((r) => setTimeout(r, i * 150));
      duringCut[i] = proxy.cut;
      statuses[i] = await post(m);
      duringCut[i] ||= proxy.cut;
      answered++;
    });
    await expect.poll(() => statuses.filter((s) => s >= 200 && s < 300).length, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(N / 3);
    proxy.cutOff();
    const cutAt = Date.now() - started;
    await new Promise((r) => setTimeout(r, 3_000));
    proxy.restore();
    const restoredAt = Date.now() - started;
    await Promise.all(burst);
    expect(answered).toBe(N);
    expect(server.child.exitCode).toBeNull(); // still running

    const ok = (s: number) => s >= 200 && s < 300;
    const first = [...statuses];
    const failedFirst = messages.map((_, i) => i).filter((i) => !ok(first[i]));
    // DingTalk sends again what was not acknowledged.
    const retried = new Map<number, number>();
    for (const i of failedFirst) retried.set(i, await post(messages[i]));

    // Every message is acknowledged now, and each gets its reply.
    await expect.poll(() => messages.filter((m) => fake.sessionReplies(m).length > 0).length, { timeout: 30_000, interval: 200 }).toBe(N);
    await new Promise((r) => setTimeout(r, 1_500)); // time for a second reply to show up
    expect(server.child.exitCode).toBeNull();
    server.child.kill('SIGTERM');
    await once(server.child, 'close');

    const { startApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config.js');
    const { createLogger } = await import('../../src/logger.js');
    const check = await startApp(loadConfig({ ...env, DATABASE_URL: db.url }), createLogger('silent'));
    try {
      const prisma = check.database.prisma;
      const books = await prisma.recommendation.findMany({ where: { personName: 'outage' }, select: { bookTitle: true } });
      const titles = books.map((b) => b.bookTitle);
      const title = (m: (typeof messages)[number]) => m.text!.content.match(/《(.*)》/)![1];
      const effects = messages.filter((m) => titles.includes(title(m))).length;
      const effectDuplicates = titles.length - new Set(titles).size;
      const replies = messages.filter((m) => fake.sessionReplies(m).length >= 1).length;
      const twice = messages.filter((m) => fake.sessionReplies(m).length > 1).length;
      const apology = t('bot.apology');
      const apologies = messages.filter((m) => fake.sessionReplies(m).some((b) => JSON.stringify(b).includes(apology))).length;
      const inbox = await prisma.processedMessage.groupBy({ by: ['status'], where: { platform: 'dingtalk' }, _count: true });
      const ackedDuringCut = messages.filter((_, i) => duringCut[i] && ok(first[i])).length;
      const fiveXX = failedFirst.filter((i) => first[i] >= 500).length;
      const noAnswer = failedFirst.filter((i) => first[i] === 0).length;
      const retryOk = [...retried.values()].filter(ok).length;
      // Taken by the inbox worker: acknowledged, then failed by the database mid-way.
      const byWorker = await prisma.processedMessage.count({ where: { platform: 'dingtalk', attempts: { gt: 0 } } });
      const deferred = serverLog.split('\n').filter((l) => l.includes('database unavailable; the message is tried again')).length;
      console.log(
        `postgres outage: sent ${N}, cut at ${cutAt} ms, restored at ${restoredAt} ms, sent during the cut ${duringCut.filter(Boolean).length}, ` +
          `2xx during the cut ${ackedDuringCut}, 5xx ${fiveXX}, no answer ${noAnswer}, retried ${retried.size} (2xx ${retryOk}), ` +
          `effects ${effects}, replies ${replies}, duplicate effects ${effectDuplicates}, replies sent twice ${twice}, apologies ${apologies}, ` +
          `runs deferred by a database failure ${deferred}, handled by the inbox worker ${byWorker}, inbox ${inbox.map((g) => `${g.status} ${g._count}`).join(', ')}`,
      );
      // The cut was felt: messages were refused with a 5xx, not acknowledged and lost.
      expect(fiveXX).toBeGreaterThan(0);
      expect(noAnswer).toBe(0);
      expect(failedFirst.every((i) => first[i] >= 500)).toBe(true);
      expect(retryOk).toBe(retried.size);
      expect(effects).toBe(N);
      expect(effectDuplicates).toBe(0);
      expect(replies).toBe(N);
      expect(twice).toBe(0);
      expect(apologies).toBe(0);
      expect(inbox.find((g) => g.status === 'FAILED')).toBeUndefined();
    } catch (err) {
      console.log(serverLog.split('\n').filter((l) => /"level":(40|50|60)/.test(l)).slice(0, 20).join('\n'));
      throw err;
    } finally {
      await check.close();
    }
  }, 60_000);
});
