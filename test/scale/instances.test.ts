import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { windowKey } from '../../src/jobs/schedule.js';
import { enqueue } from '../../src/outbox/outbox.js';
import { FakeWeCom, WeComCallbacks } from '../fakes/wecom.js';
import { freshDb, KINDS, type TestDb } from '../helpers/db.js';
import { start } from '../helpers/spawn.js';
import { BOT_KEYS } from '../helpers/wecom.js';

/**
 * Two real `npm start` processes on one PostgreSQL database, as behind a load balancer: the same
 * WeCom callback delivered to both has one effect, and a job window — the one both meet at start,
 * and the next one the clock passes while both run — runs once.
 */
describe.each(KINDS.filter((k) => k === 'postgresql'))('two server instances on one %s database', (kind) => {
  const children: ChildProcess[] = [];
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode === null) {
        c.kill('SIGTERM');
        await once(c, 'close');
      }
    }
    for (const f of cleanup) await f();
  });

  it('behave as one bot: one effect per message id, one run per job window, one send per push', async () => {
    const fake = await new FakeWeCom().start();
    cleanup.push(() => fake.stop());
    const db: TestDb = await freshDb(kind);
    cleanup.push(db.drop);
    const env = {
      DATABASE_URL: db.url,
      WECOM_BOT_TOKEN: BOT_KEYS.token,
      WECOM_BOT_AES_KEY: BOT_KEYS.aesKey,
      WECOM_API_BASE: fake.base,
      // A job window every minute, so both instances meet one at start.
      SCHEDULE_HOST_WINDOW: '* * * * *',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    // A bound group with a push robot, before any instance runs.
    const setup = await startApp(loadConfig(env), createLogger('silent'));
    const unit = await setup.database.prisma.unit.findFirstOrThrow({ where: { name: '长沙市总工会' } });
    const key = randomUUID();
    await setup.database.prisma.chat.create({ data: { platform: 'wecom', platformChatId: `wrk-${randomUUID()}`, unitId: unit.id, pushKey: key } });
    await setup.close();

    const [a, b] = await Promise.all([start(['src/main.ts'], env, /bot started/), start(['src/main.ts'], env, /bot started/)]);
    children.push(a.child, b.child);
    const bases = [a, b].map((x) => `http://127.0.0.1:${JSON.parse(x.line).address.port}`);

    // WeCom retries the same message; the load balancer sends each try to another instance.
    const cb = new WeComCallbacks(BOT_KEYS);
    const payload = cb.botText('绑定 株洲', { chatid: `wrk-${randomUUID()}`, userid: 'lb-user' });
    const replies = await Promise.all(bases.map((base) => cb.postBot(base, payload)));
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const answered = replies.map((r) => r.reply.stream.content as string).filter((c) => c.includes('绑定成功'));
    expect(answered.length).toBeGreaterThanOrEqual(1);

    // Both instances ticked at start; the host-window push reached the group once.
    const until = Date.now() + 15_000;
    const pushes = () => fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key);
    while (pushes().length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_500)); // time for a second, wrong send to show up

    const check = await startApp(loadConfig(env), createLogger('silent'));
    try {
      const prisma = check.database.prisma;
      expect(await prisma.processedMessage.count({ where: { messageId: payload.msgid } })).toBe(1);
      expect(await prisma.auditLog.count({ where: { messageId: payload.msgid, action: 'bind' } })).toBe(1);
      const runs = await prisma.jobRun.findMany({ where: { job: 'host-window' } });
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(new Set(runs.map((r) => r.window)).size).toBe(runs.length);
      const sent = pushes().map((c) => c.body.markdown.content as string);
      // One push per window that ran, never two for one window.
      expect(sent.length).toBeGreaterThanOrEqual(1);
      expect(sent.length).toBe(runs.reduce((n, r) => n + r.enqueued, 0));
      expect(sent[0]).toContain('省总主题读书月活动开始接受承办申报');
    } finally {
      await check.close();
    }

    // The clock passes the next window with both instances running: both schedulers fire for it,
    // one runs it, and its push goes once.
    const next = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
    // 6 s: the job runs at the minute, and its push may wait up to 3.1 s for the robot's turn.
    await new Promise((r) => setTimeout(r, next - Date.now() + 6_000));
    const after = await startApp(loadConfig(env), createLogger('silent'));
    try {
      const prisma = after.database.prisma;
      const runs = await prisma.jobRun.findMany({ where: { job: 'host-window' } });
      expect(runs.filter((r) => r.window === windowKey(new Date(next)))).toHaveLength(1);
      expect(new Set(runs.map((r) => r.window)).size).toBe(runs.length);
      expect(pushes().length).toBe(runs.reduce((n, r) => n + r.enqueued, 0));
    } finally {
      await after.close();
    }

    // SIGTERM: each instance stops taking requests, finishes its work and exits 0.
    for (const c of [a.child, b.child]) c.kill('SIGTERM');
    const codes = await Promise.all([a.child, b.child].map(async (c) => (c.exitCode ?? (await once(c, 'close'))[0]) as number));
    expect(codes).toEqual([0, 0]);
  }, 120_000);

  it('an instance stopped by SIGTERM mid-broadcast holds no claims, and the other sends the rest once', async () => {
    const fake = await new FakeWeCom().start();
    cleanup.push(() => fake.stop());
    fake.webhookDelayMs = 300;
    const db: TestDb = await freshDb(kind);
    cleanup.push(db.drop);
    const env = { DATABASE_URL: db.url, WECOM_API_BASE: fake.base, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    // 40 pushes over 10 robots (4 groups each), queued before any instance runs.
    const setup = await startApp(loadConfig(env), createLogger('silent'));
    const bodies: string[] = [];
    for (let i = 0; i < 40; i++) {
      const chat = await setup.database.prisma.chat.create({ data: { platform: 'wecom', platformChatId: `term-${randomUUID()}`, pushKey: `robot-${i % 10}` } });
      bodies.push(`term #${i}`);
      await enqueue(setup.database.prisma, { chat, body: `term #${i}`, dedupeKey: `term:${i}`, at: new Date() });
    }
    const got = () => fake.calls('/cgi-bin/webhook/send').map((c) => c.body.markdown.content as string).filter((b) => b.startsWith('term #'));

    const a = await start(['src/main.ts'], env, /bot started/);
    children.push(a.child);
    const until = Date.now() + 15_000;
    while (got().length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    a.child.kill('SIGTERM');
    expect((a.child.exitCode ?? (await once(a.child, 'close'))[0]) as number).toBe(0);
    const rows = await setup.database.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: 'term:' } } });
    // Every claim ended: each push is sent (and the fake has it) or back in the queue.
    expect(rows.filter((r) => r.status !== 'SENT' && r.status !== 'QUEUED')).toEqual([]);
    expect(rows.filter((r) => r.status === 'SENT').map((r) => r.body).sort()).toEqual([...new Set(got())].sort());
    expect(rows.some((r) => r.status === 'QUEUED')).toBe(true);

    const b = await start(['src/main.ts'], env, /bot started/);
    children.push(b.child);
    try {
      const done = Date.now() + 30_000;
      while (new Set(got()).size < 40 && Date.now() < done) await new Promise((r) => setTimeout(r, 50));
    } finally {
      b.child.kill('SIGTERM');
      await once(b.child, 'close');
      await setup.close();
    }
    expect(got().sort()).toEqual([...bodies].sort());
  }, 60_000);
});
