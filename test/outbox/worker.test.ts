import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { enqueue, enqueueToPerson } from '../../src/outbox/outbox.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { KINDS } from '../helpers/db.js';
import { useWeComServer, type WeComServer } from '../helpers/wecom.js';

/** A WeCom group with a push robot (key registered at the fake). */
async function group(s: WeComServer, key = randomUUID()) {
  return s.app.database.prisma.chat.create({ data: { platform: 'wecom', platformChatId: `wrk-${randomUUID()}`, title: '群', pushKey: key } });
}

function worker(s: WeComServer, extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
  return new OutboxWorker({ database: s.app.database, senders: s.app.senders, logger: createLogger('silent'), clock: s.clock.read, random: () => 0.5, ...extra });
}

const sentTo = (s: WeComServer, key: string) => s.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key);

describe.each(KINDS)('outbox worker on %s', (kind) => {
  const s = useWeComServer(kind);

  it('sends queued messages through the group robot, one per channel per turn, spaced over the minute', async () => {
    const srv = s();
    const chat = await group(srv);
    for (let i = 0; i < 3; i++) expect(await enqueue(srv.app.database.prisma, { chat, body: `第 ${i} 条`, dedupeKey: `t1:${chat.id}:${i}`, at: srv.clock.now })).toBe(true);
    expect(await enqueue(srv.app.database.prisma, { chat, body: '重复', dedupeKey: `t1:${chat.id}:0`, at: srv.clock.now })).toBe(false);
    const w = worker(srv);
    await w.drain();
    expect(sentTo(srv, chat.pushKey).map((c) => c.body.markdown.content)).toEqual(['第 0 条']);
    srv.clock.set(new Date(srv.clock.now.getTime() + 3_100).toISOString());
    await w.drain();
    srv.clock.set(new Date(srv.clock.now.getTime() + 3_100).toISOString());
    await w.drain();
    expect(sentTo(srv, chat.pushKey).map((c) => c.body.markdown.content)).toEqual(['第 0 条', '第 1 条', '第 2 条']);
    const rows = await srv.app.database.prisma.outbox.findMany({ where: { chatId: chat.id } });
    expect(rows.every((r) => r.status === 'SENT' && r.sentAt)).toBe(true);
  });

  it("a robot's waiting messages wait for its turn together, in order, never claimed meanwhile", async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    for (let i = 0; i < 5; i++) await enqueue(prisma, { chat, body: `第 ${i} 条`, dedupeKey: `t6:${chat.id}:${i}`, at: srv.clock.now });
    const w = worker(srv);
    await w.drain();
    const rows = await prisma.outbox.findMany({ where: { chatId: chat.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);
    // All four wait for the robot's next turn: one put-back moved them, no claim counted.
    const turn = srv.clock.now.getTime() + 3_100;
    expect(rows.slice(1).map((r) => [r.nextAttemptAt.getTime(), r.attempts])).toEqual(Array(4).fill([turn, 0]));
    expect(await w.tick()).toBe(0);
    srv.clock.set(new Date(turn).toISOString());
    await w.drain();
    expect(sentTo(srv, chat.pushKey).map((c) => c.body.markdown.content)).toEqual(['第 0 条', '第 1 条']);
  });

  it('updates a sent card through the outbox; a code WeCom no longer knows is marked failed with its words', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const live = srv.fake.issueResponseCode();
    const update = { text: '已由boss批准', state: 'accepted' };
    for (const [i, handle] of [live, 'rc-expired'].entries()) {
      await enqueueToPerson(prisma, { platform: 'wecom', userId: 'wang2', kind: 'card-update', body: JSON.stringify({ handle, update }), dedupeKey: `t7:${handle}:${i}`, at: srv.clock.now });
    }
    await worker(srv).drain();
    const calls = srv.fake.calls('/cgi-bin/message/update_template_card').filter((c) => c.body.userids[0] === 'wang2');
    expect(calls.map((c) => [c.body.response_code, c.body.button.replace_name])).toEqual([[live, '已由boss批准'], ['rc-expired', '已由boss批准']]);
    const rows = await prisma.outbox.findMany({ where: { dedupeKey: { startsWith: 't7:' } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'FAILED']);
    expect(rows[1].lastError).toContain('40129');
  });

  it('retries a rate-limited or failing send with back-off, and marks a permanent failure with the platform’s words', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const ok = await group(srv);
    const unknown = await group(srv);
    srv.fake.unknownKeys.add(unknown.pushKey);
    await enqueue(prisma, { chat: ok, body: 'A', dedupeKey: `t2:${ok.id}`, at: srv.clock.now });
    await enqueue(prisma, { chat: unknown, body: 'B', dedupeKey: `t2:${unknown.id}`, at: srv.clock.now });
    // The robot is already at its limit this minute (another sender used it up).
    srv.fake.now = () => srv.clock.now.getTime();
    for (let i = 0; i < 20; i++) await fetch(`${srv.fake.base}/cgi-bin/webhook/send?key=${ok.pushKey}`, { method: 'POST', body: JSON.stringify({ msgtype: 'text', text: { content: 'x' } }) });
    const w = worker(srv);
    await w.drain();
    const a = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `t2:${ok.id}` } });
    expect(a).toMatchObject({ status: 'QUEUED', attempts: 1 });
    expect(a.lastError).toContain('45009');
    expect(a.nextAttemptAt.getTime() - srv.clock.now.getTime()).toBe(60_000);
    const b = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `t2:${unknown.id}` } });
    expect(b).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(b.lastError).toContain('93000 invalid webhook url');
    // A minute later the robot takes messages again.
    srv.clock.set(new Date(srv.clock.now.getTime() + 61_000).toISOString());
    await w.drain();
    expect((await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `t2:${ok.id}` } })).status).toBe('SENT');
    srv.fake.now = () => Date.now();
  });

  it('a network error is retried until the message expires, then marked failed with the last error', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await prisma.chat.create({ data: { platform: 'wecom', platformChatId: `wrk-${randomUUID()}`, pushKey: randomUUID() } });
    await enqueue(prisma, { chat, body: 'C', dedupeKey: `t3:${chat.id}`, at: srv.clock.now, expiresAt: new Date(srv.clock.now.getTime() + 30 * 60_000) });
    const down = new Map(srv.app.senders);
    const w = worker(srv, { senders: down });
    // The WeCom API is unreachable: every attempt is a network error.
    const broken = { ...srv.app.senders.get('wecom')!, platform: 'wecom', pushMarkdown: async () => { throw new (await import('../../src/bot/sender.js')).SendError('transient', 'WeCom /cgi-bin/webhook/send: fetch failed'); } };
    down.set('wecom', broken as any);
    for (let i = 0; i < 20; i++) {
      await w.drain();
      srv.clock.set(new Date(srv.clock.now.getTime() + 11 * 60_000).toISOString());
    }
    const row = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `t3:${chat.id}` } });
    // 0, 10 s, 30 s, 70 s, … within the half hour: more than the six tries a fixed count allowed.
    expect(row.status).toBe('FAILED');
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    expect(row.lastError).toContain('已过时效');
    expect(row.lastError).toContain(`试了 ${row.attempts} 次`);
    expect(row.lastError).toContain('fetch failed');
  });

  it('a message claimed by a worker that died is taken again once its claim expires', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chat = await group(srv);
    await enqueue(prisma, { chat, body: 'D', dedupeKey: `t4:${chat.id}`, at: srv.clock.now });
    await prisma.outbox.update({
      where: { dedupeKey: `t4:${chat.id}` },
      data: { status: 'SENDING', claimedBy: 'w-dead', claimedUntil: new Date(srv.clock.now.getTime() + 60_000), attempts: 1 },
    });
    const w = worker(srv);
    await w.drain();
    expect(sentTo(srv, chat.pushKey)).toHaveLength(0);
    srv.clock.set(new Date(srv.clock.now.getTime() + 61_000).toISOString());
    await w.drain();
    expect(sentTo(srv, chat.pushKey)).toHaveLength(1);
    expect(await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `t4:${chat.id}` } })).toMatchObject({ status: 'SENT', attempts: 2 });
  });
});

describe('outbox channels', () => {
  const s = useWeComServer('sqlite');
  it('two groups set to one robot share its rate; the key is not in the channel', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const key = randomUUID();
    const a = await group(srv, key);
    const b = await group(srv, key);
    await enqueue(prisma, { chat: a, body: 'A', dedupeKey: `shared:${a.id}`, at: srv.clock.now });
    await enqueue(prisma, { chat: b, body: 'B', dedupeKey: `shared:${b.id}`, at: srv.clock.now });
    const rows = await prisma.outbox.findMany({ where: { dedupeKey: { startsWith: 'shared:' } } });
    expect(new Set(rows.map((r) => r.channel)).size).toBe(1);
    expect(rows[0].channel).not.toContain(key);
    await worker(srv).drain();
    expect(sentTo(srv, key)).toHaveLength(1);
  });
});
