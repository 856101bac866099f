import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/outbox.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { FakeWeCom } from '../fakes/wecom.js';
import { CAMPAIGN_ENV } from '../helpers/bot.js';
import { freshDb, KINDS, type TestDb } from '../helpers/db.js';
import { start } from '../helpers/spawn.js';
import { useWeComServer } from '../helpers/wecom.js';

/** `n` groups with their own push robots, one queued message each; returns the bodies. */
async function broadcast(db: Db, n: number, at: Date, tag: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < n; i++) {
    const chat = await db.chat.create({ data: { platform: 'wecom', platformChatId: `wrk-${randomUUID()}`, pushKey: randomUUID() } });
    const body = `${tag} #${i}`;
    await enqueue(db, { chat, body, dedupeKey: `${tag}:${i}`, at });
    bodies.push(body);
  }
  return bodies;
}

const received = (fake: FakeWeCom, tag: string) => fake.calls('/cgi-bin/webhook/send').map((c) => c.body.markdown.content as string).filter((b) => b.startsWith(tag));

describe.each(KINDS)('two workers on one %s database', (kind) => {
  const s = useWeComServer(kind);

  it('send every message exactly once between them', async () => {
    const srv = s();
    const second = openDatabase(srv.app.config.DATABASE_URL);
    try {
      const bodies = await broadcast(srv.app.database.prisma, 40, srv.clock.now, `two-${kind}`);
      // Each group gets a second message too, so channel turns are contended as well.
      const again = await srv.app.database.prisma.chat.findMany({ where: { outbox: { some: { dedupeKey: { startsWith: `two-${kind}:` } } } } });
      for (const chat of again) await enqueue(srv.app.database.prisma, { chat, body: `two-${kind} again ${chat.id}`, dedupeKey: `two-${kind}-again:${chat.id}`, at: srv.clock.now });
      const opts = { senders: srv.app.senders, logger: createLogger('silent'), clock: srv.clock.read };
      const a = new OutboxWorker({ ...opts, database: srv.app.database });
      const b = new OutboxWorker({ ...opts, database: second });
      for (let round = 0; round < 10; round++) {
        await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
        srv.clock.set(new Date(srv.clock.now.getTime() + 3_200).toISOString());
      }
      const got = received(srv.fake, `two-${kind}`);
      expect(got.length).toBe(80);
      expect(new Set(got).size).toBe(80);
      for (const body of bodies) expect(got).toContain(body);
    } finally {
      await second.close();
    }
  });
});

describe.each(KINDS)('npm start killed with SIGKILL mid-broadcast on %s', (kind) => {
  const dbs: TestDb[] = [];
  const fakes: FakeWeCom[] = [];
  afterAll(async () => {
    for (const f of fakes) await f.stop();
    for (const d of dbs) await d.drop();
  });

  it('delivers every queued message after a restart; at most the in-flight ones twice', async () => {
    const fake = await new FakeWeCom().start();
    fakes.push(fake);
    fake.webhookDelayMs = 150;
    const db = await freshDb(kind);
    dbs.push(db);
    const env = { ...CAMPAIGN_ENV, DATABASE_URL: db.url, WECOM_API_BASE: fake.base, OUTBOX_CLAIM_MS: '1500', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    // Migrate and queue the broadcast before any server runs.
    const setup = await startApp(loadConfig(env), createLogger('silent'));
    const bodies = await broadcast(setup.database.prisma, 30, new Date(), 'crash');
    await setup.close();

    const first = await start(['src/main.ts'], env, /bot started/);
    const deadline = Date.now() + 15_000;
    while (received(fake, 'crash').length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await once(first.child, 'close');
    const beforeRestart = received(fake, 'crash').length;
    expect(beforeRestart).toBeLessThan(30);

    expect(beforeRestart).toBeGreaterThanOrEqual(6);
    const second = await start(['src/main.ts'], env, /bot started/);
    try {
      const until = Date.now() + 15_000;
      while (new Set(received(fake, 'crash')).size < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    } finally {
      second.child.kill('SIGTERM');
      await once(second.child, 'close');
    }
    const got = received(fake, 'crash');
    for (const body of bodies) expect(got).toContain(body);
    // Duplicates can only be messages that were being sent when the process died: at most one
    // tick's batch (8).
    expect(got.length - new Set(got).size).toBeLessThanOrEqual(8);
  });
});
