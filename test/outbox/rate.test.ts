import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/outbox.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { maxInWindow } from '../helpers/rate.js';
import { useWeComServer } from '../helpers/wecom.js';

describe('outbox rate limit (property)', () => {
  const s = useWeComServer('sqlite');

  it('never sends more than 20 messages a minute to one robot, for any arrival pattern, and sends them all', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    srv.fake.now = () => srv.clock.now.getTime();
    const start = srv.clock.now.getTime();
    await fc.assert(
      fc.asyncProperty(
        // Bursts (many at once) and trickles, over up to three robots.
        fc.array(
          fc.record({ at: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 90_000 })), group: fc.integer({ min: 0, max: 2 }) }),
          { minLength: 10, maxLength: 70, size: 'max' },
        ),
        async (arrivals) => {
          await prisma.outbox.deleteMany();
          await prisma.outboxChannel.deleteMany();
          srv.clock.set(new Date(start).toISOString());
          const groups = await Promise.all(
            [0, 1, 2].map(() => prisma.chat.create({ data: { platform: 'wecom', platformChatId: `wrk-${randomUUID()}`, pushKey: randomUUID() } })),
          );
          const w = new OutboxWorker({ database: srv.app.database, senders: srv.app.senders, logger: createLogger('silent'), clock: srv.clock.read, random: () => 0.5 });
          const pending = [...arrivals].sort((a, b) => a.at - b.at);
          let t = start;
          for (let step = 0; step < 2000; step++) {
            while (pending.length && start + pending[0].at <= t) {
              const a = pending.shift()!;
              await enqueue(prisma, { chat: groups[a.group], body: `m${step}`, dedupeKey: randomUUID(), at: new Date(t) });
            }
            await w.drain();
            // Jump to the next moment anything can happen: an arrival, a retry, a channel's next turn.
            const [nextTry, nextTurn] = await Promise.all([
              prisma.outbox.aggregate({ where: { status: 'QUEUED' }, _min: { nextAttemptAt: true } }),
              prisma.outboxChannel.aggregate({ where: { nextAt: { gt: new Date(t) } }, _min: { nextAt: true } }),
            ]);
            const queued = await prisma.outbox.count({ where: { status: { in: ['QUEUED', 'SENDING'] } } });
            if (!pending.length && !queued) break;
            const candidates = [
              pending.length ? start + pending[0].at : Infinity,
              queued ? (nextTry._min.nextAttemptAt?.getTime() ?? Infinity) : Infinity,
              queued ? (nextTurn._min.nextAt?.getTime() ?? Infinity) : Infinity,
            ].filter((x) => x > t);
            t = Math.min(...candidates);
            srv.clock.set(new Date(t).toISOString());
          }
          for (const g of groups) {
            const times = srv.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === g.pushKey).map((c) => c.at);
            expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(20);
            expect(times.length).toBe(arrivals.filter((a) => groups[a.group] === g).length);
          }
          expect(await prisma.outbox.count({ where: { status: { not: 'SENT' } } })).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });
});
