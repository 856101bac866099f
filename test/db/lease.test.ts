import { describe, expect, it } from 'vitest';
import { Lease } from '../../src/db/lease.js';
import { retryNow } from '../../src/outbox/retry-now.js';
import { KINDS } from '../helpers/db.js';
import { usePrisma } from '../helpers/domain.js';

describe.each(KINDS)('a lease on %s', (kind) => {
  const prisma = usePrisma(kind, { units: false });
  let t = Date.parse('2026-01-01T00:00:00Z');
  const now = () => new Date(t);
  const lease = (name: string, holder: string) => new Lease(prisma(), name, holder, { ttlMs: 20_000, now });

  it('one holder at a time: taken, renewed by its holder, refused to another until it runs out, then taken over', async () => {
    const a = lease('wecom', 'a');
    const b = lease('wecom', 'b');
    expect(await a.claim()).toEqual(new Date(t + 20_000));
    expect(await b.claim()).toBeUndefined();
    t += 10_000;
    expect(await a.claim()).toEqual(new Date(t + 20_000));
    t += 19_000;
    // Renewed 19 s ago: still a's.
    expect(await b.claim()).toBeUndefined();
    expect(await a.current()).toEqual({ holder: 'a', until: new Date(t + 1_000) });
    t += 2_000;
    // a died: its lease ran out a second ago.
    expect(await b.claim()).toEqual(new Date(t + 20_000));
    expect(await a.claim()).toBeUndefined();
    expect((await prisma().lease.findUniqueOrThrow({ where: { name: 'wecom' } })).holder).toBe('b');
  });

  it('a released lease is free at once; release by another holder does nothing; names are independent', async () => {
    const a = lease('bot-1', 'a');
    const b = lease('bot-1', 'b');
    expect(await a.claim()).toBeDefined();
    expect(await lease('bot-2', 'b').claim()).toBeDefined();
    await b.release();
    expect(await b.claim()).toBeUndefined();
    await a.release();
    expect(await a.current()).toBeUndefined();
    expect(await b.claim()).toBeDefined();
    expect((await lease('bot-2', 'x').current())?.holder).toBe('b');
  });

  it('many instances claiming a free (or run-out) lease at the same moment: exactly one wins', async () => {
    for (const round of [1, 2, 3]) {
      const holders = Array.from({ length: 12 }, (_, i) => lease('race', `h${round}-${i}`));
      const won = (await Promise.all(holders.map((h) => h.claim()))).filter(Boolean);
      expect(won).toHaveLength(1);
      t += 21_000;
    }
  });
});

describe.each(KINDS)('retryNow (a connection came up: what waited for it goes) on %s', (kind) => {
  const prisma = usePrisma(kind, { units: false });

  it('moves only the platform’s queued messages that were tried before, not those queued for later', async () => {
    const db = prisma();
    const now = new Date('2026-01-01T00:00:00Z');
    const later = new Date('2026-01-01T00:05:00Z');
    const row = (key: string, platform: string, attempts: number, status: 'QUEUED' | 'FAILED' = 'QUEUED') =>
      db.outbox.create({ data: { platform, channel: `${platform}:chat:1`, body: key, dedupeKey: key, attempts, status, nextAttemptAt: later } });
    await row('retried', 'wecom', 2);
    await row('scheduled', 'wecom', 0);
    await row('failed', 'wecom', 3, 'FAILED');
    await row('other-platform', 'dingtalk', 2);
    expect(await retryNow(db, 'wecom', now)).toBe(1);
    const due = await db.outbox.findMany({ where: { nextAttemptAt: now }, select: { dedupeKey: true } });
    expect(due.map((d) => d.dedupeKey)).toEqual(['retried']);
  });
});
