import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/bot/message.js';
import { Inbox, INBOX_BACKOFF_BASE_MS, INBOX_BACKOFF_MAX_MS } from '../../src/inbox/inbox.js';
import { InboxWorker } from '../../src/inbox/worker.js';
import { createLogger } from '../../src/logger.js';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

/**
 * The inbox between instances: a message received by one instance that died is taken by exactly
 * one other once its claim runs out; a message the database failed is tried again after a
 * back-off that doubles up to its cap.
 */
const logger = createLogger('silent');

function message(text: string): IncomingMessage {
  return { platform: 'console', chatId: '收件群', chatType: 'group', chatTitle: '收件群', senderId: '李娜', senderName: '李娜', text, messageId: randomUUID() };
}

describe.each(KINDS)('inbox claims on %s', (kind) => {
  const bot = useBot(kind);

  it("another instance takes over a dead instance's message once its claim runs out, and only one does", async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const options = { prisma, clock: b.clock.read, senders: new Map(), logger, claimMs: 30_000 };
    const dead = new Inbox(options);
    const [second, third] = [new Inbox(options), new Inbox(options)];
    const msg = message('绑定 株洲');
    await dead.receive(msg, undefined, 0);
    const key = { platform_messageId: { platform: 'console', messageId: msg.messageId } };
    expect((await prisma.processedMessage.findUniqueOrThrow({ where: key })).claimedBy).toBe(dead.id);

    // Within the claim nobody else may take it: its process may still be answering.
    expect(await second.due()).toEqual([]);
    b.clock.set(new Date(b.clock.now.getTime() + 30_001).toISOString());
    const [seen2, seen3] = [await second.due(), await third.due()];
    expect(seen2.map((r) => r.messageId)).toEqual([msg.messageId]);
    // Both saw it; the conditional claim lets one of them have it.
    const taken = await Promise.all([second.claim(seen2[0]), third.claim(seen3[0])]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    const row = await prisma.processedMessage.findUniqueOrThrow({ where: key });
    expect(row.claimedBy).toBe(taken[0] ? second.id : third.id);
    expect(row.attempts).toBe(1);

    // The worker of the instance that took it handles it: its effect, and DONE.
    b.clock.set(new Date(b.clock.now.getTime() + 30_001).toISOString());
    const worker = new InboxWorker({ inbox: b.app.dispatcher.inbox, bot: b.app.dispatcher, logger, clock: b.clock.read });
    expect(await worker.drain()).toBeGreaterThan(0);
    expect((await prisma.processedMessage.findUniqueOrThrow({ where: key })).status).toBe('DONE');
    expect(await prisma.chat.findFirst({ where: { platformChatId: '收件群', unit: { name: { contains: '株洲' } } } })).not.toBeNull();
    expect(await worker.drain()).toBe(0);
  });

  it('a message the database failed waits 2 s, 4 s, 8 s … up to 2 minutes between tries', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const inbox = new Inbox({ prisma, clock: b.clock.read, senders: new Map(), logger, claimMs: 30_000 });
    const msg = message('排行');
    await inbox.receive(msg, undefined, 0);
    const key = { platform_messageId: { platform: 'console', messageId: msg.messageId } };
    const waits: number[] = [];
    for (let attempts = 1; attempts <= 9; attempts++) {
      const row = await prisma.processedMessage.findUniqueOrThrow({ where: key });
      await inbox.retryLater(row, attempts, 'database unavailable');
      const after = await prisma.processedMessage.findUniqueOrThrow({ where: key });
      waits.push(after.nextAttemptAt!.getTime() - b.clock.now.getTime());
      expect([after.status, after.claimedBy, after.claimedUntil, after.lastError]).toEqual(['RECEIVED', '', null, 'database unavailable']);
    }
    expect([INBOX_BACKOFF_BASE_MS, INBOX_BACKOFF_MAX_MS]).toEqual([2_000, 120_000]);
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 120, 120, 120].map((s) => s * 1_000));
    // Not due before its time; due after it.
    expect(await inbox.due()).toEqual([]);
    b.clock.set(new Date(b.clock.now.getTime() + INBOX_BACKOFF_MAX_MS).toISOString());
    expect((await inbox.due()).map((r) => r.messageId)).toEqual([msg.messageId]);
  });
});
