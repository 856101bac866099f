import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { createLogger } from '../../src/logger.js';
import { enqueue, enqueueToPerson, requeueFailed } from '../../src/outbox/outbox.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { formatDateTime } from '../../src/time.js';
import { KINDS } from '../helpers/db.js';
import { flushOutbox } from '../helpers/server.js';
import { useWeComServer, type WeComServer } from '../helpers/wecom.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function worker(s: WeComServer) {
  return new OutboxWorker({ database: s.app.database, senders: s.app.senders, logger: createLogger('silent'), clock: s.clock.read, random: () => 0.5 });
}

/** A WeCom group with a push robot. */
async function group(s: WeComServer) {
  return s.app.database.prisma.chat.create({ data: { platform: 'wecom', platformChatId: `wrk-${randomUUID()}`, title: '群', pushKey: randomUUID() } });
}

/**
 * Runs the worker as the clock moves from one due attempt to the next, until `until` (test clock):
 * returns the instants (ms after `from`) at which the message was tried.
 */
async function runUntil(s: WeComServer, w: OutboxWorker, dedupeKey: string, until: number): Promise<number[]> {
  const prisma = s.app.database.prisma;
  const from = s.clock.now.getTime();
  const tried: number[] = [];
  for (let i = 0; i < 500 && s.clock.now.getTime() <= until; i++) {
    const before = (await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey } })).attempts;
    await w.drain();
    const row = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey } });
    if (row.attempts > before) tried.push(s.clock.now.getTime() - from);
    if (row.status !== 'QUEUED') break;
    s.clock.set(new Date(Math.max(row.nextAttemptAt.getTime(), s.clock.now.getTime() + 1)).toISOString());
  }
  return tried;
}

describe.each(KINDS)('outbox retries until the message expires, on %s', (kind) => {
  const s = useWeComServer(kind);

  it('outlasts an hour-long WeCom outage: backs off from 10 s to 10 minutes, and sends once WeCom is back', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    const start = srv.clock.now.getTime();
    srv.fake.now = () => srv.clock.now.getTime();
    srv.fake.down = () => srv.clock.now.getTime() < start + HOUR;
    const key = `outage:${chat.id}`;
    await enqueue(prisma, { chat, body: '📊 本周排行', dedupeKey: key, at: srv.clock.now });
    const row0 = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(row0.expiresAt?.getTime()).toBe(start + 24 * HOUR);
    try {
      const tried = await runUntil(srv, worker(srv), key, start + 2 * HOUR);
      const row = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: key } });
      expect(row.status).toBe('SENT');
      // Waits of 10 s, 20 s, 40 s … doubling, then 10 minutes each, until the outage ends.
      const waits = tried.slice(1).map((t, i) => t - tried[i]);
      expect(waits.slice(0, 6)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000]);
      expect(waits.slice(6).every((w) => w === 10 * MINUTE)).toBe(true);
      expect(tried.at(-1)! - HOUR).toBeGreaterThanOrEqual(0);
      expect(tried.at(-1)! - HOUR).toBeLessThanOrEqual(10 * MINUTE);
      expect(row.attempts).toBe(tried.length);
      expect(row.attempts).toBeGreaterThan(6);
      const calls = srv.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === chat.pushKey);
      expect(calls).toHaveLength(tried.length);
      expect(calls.at(-1)!.body.markdown.content).toContain('本周排行');
    } finally {
      srv.fake.down = () => false;
      srv.fake.now = () => Date.now();
    }
  });

  it('gives up when the message expires (24 h by default), saying after how many tries and with the last error; 重发 sends it then', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    const start = srv.clock.now.getTime();
    srv.fake.down = () => true;
    const key = `expiry:${chat.id}`;
    await enqueue(prisma, { chat, body: '⏰ 活动提醒', dedupeKey: key, at: srv.clock.now });
    try {
      const tried = await runUntil(srv, worker(srv), key, start + 26 * HOUR);
      const row = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: key } });
      expect(row.status).toBe('FAILED');
      expect(row.attempts).toBe(tried.length);
      // Tried until the end of the day it was useful for, and not after.
      expect(tried.at(-1)!).toBeLessThanOrEqual(24 * HOUR);
      expect(tried.at(-1)!).toBeGreaterThan(24 * HOUR - 10 * MINUTE);
      expect(row.lastError).toBe(`已过时效（${formatDateTime(new Date(start + 24 * HOUR))}），试了 ${tried.length} 次都没发出，不再重试。最后一次的原因：WeCom /cgi-bin/webhook/send: HTTP 503`);
    } finally {
      srv.fake.down = () => false;
    }
    // An admin's 重发 gives it a new day.
    const member = await prisma.member.create({ data: { platform: 'wecom', platformUserId: `adm-${chat.id}`, displayName: '管理员', role: 'ADMIN' } });
    const actor: Actor = { memberId: member.id, name: '管理员', ref: `wecom:adm-${chat.id}`, platform: 'wecom', messageId: `rs-${chat.id}`, isAdmin: true, unit: null };
    const failed = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: key } });
    const requeued = await prisma.$transaction((tx) => requeueFailed(tx, actor, { id: failed.id, now: srv.clock.now }));
    expect(requeued.expiresAt?.getTime()).toBe(srv.clock.now.getTime() + 24 * HOUR);
    await flushOutbox(worker(srv), srv.clock);
    expect((await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: key } })).status).toBe('SENT');
  });

  it('a message whose time has passed before its first try is not sent; an expiry given at enqueue is kept', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    const now = srv.clock.now.getTime();
    // Meant for yesterday morning (the server was down since): stale.
    await enqueue(prisma, { chat, body: '昨天的提醒', dedupeKey: `stale:${chat.id}`, at: new Date(now - 25 * HOUR) });
    // A reminder useful only until its activity starts in 30 minutes.
    await enqueueToPerson(prisma, { platform: 'wecom', userId: `u-${chat.id}`, kind: 'text', body: '半小时后开始', dedupeKey: `soon:${chat.id}`, at: new Date(now), expiresAt: new Date(now + 30 * MINUTE) });
    expect((await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `soon:${chat.id}` } })).expiresAt?.getTime()).toBe(now + 30 * MINUTE);
    srv.fake.down = () => true;
    try {
      await runUntil(srv, worker(srv), `soon:${chat.id}`, now + HOUR);
    } finally {
      srv.fake.down = () => false;
    }
    const stale = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `stale:${chat.id}` } });
    expect(stale).toMatchObject({ status: 'FAILED', attempts: 0, lastError: `已过时效（${formatDateTime(new Date(now - HOUR))}），还没来得及发送，不再发送。` });
    expect(srv.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === chat.pushKey)).toHaveLength(0);
    const soon = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `soon:${chat.id}` } });
    expect(soon.status).toBe('FAILED');
    expect(soon.lastError).toContain(`已过时效（${formatDateTime(new Date(now + 30 * MINUTE))}），试了 ${soon.attempts} 次`);
  });
});
