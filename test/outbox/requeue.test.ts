import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { channelOf, enqueue, enqueueToPerson, outboxStatus, requeueFailed } from '../../src/outbox/outbox.js';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';

describe.each(KINDS)('requeueing and the outbox status on %s', (kind) => {
  const bot = useBot(kind);

  it('counts queued, sent today and failed; a failed push goes back to the queue through the group’s current channel', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    const now = b.clock.now;
    const chat = await prisma.chat.create({ data: { platform: 'wecom', platformChatId: 'requeue-group', title: '重发测试群' } });
    await enqueue(prisma, { chat, body: 'queued', dedupeKey: 'rq:queued', at: now });
    await enqueue(prisma, { chat, body: 'failed', dedupeKey: 'rq:failed', at: now });
    await enqueueToPerson(prisma, { platform: 'wecom', userId: 'admin1', kind: 'text', body: 'to a person', dedupeKey: 'rq:person', at: now });
    await enqueue(prisma, { chat, body: 'sent yesterday', dedupeKey: 'rq:old', at: now });
    await enqueue(prisma, { chat, body: 'sent today', dedupeKey: 'rq:today', at: now });
    const failed = await prisma.outbox.update({
      where: { dedupeKey: 'rq:failed' },
      data: { status: 'FAILED', attempts: 6, lastError: '93000 invalid webhook url', claimedBy: 'w-1' },
    });
    await prisma.outbox.update({ where: { dedupeKey: 'rq:person' }, data: { status: 'FAILED', attempts: 1, lastError: 'no such user' } });
    await prisma.outbox.update({ where: { dedupeKey: 'rq:old' }, data: { status: 'SENT', sentAt: new Date(now.getTime() - 86_400_000) } });
    await prisma.outbox.update({ where: { dedupeKey: 'rq:today' }, data: { status: 'SENT', sentAt: now } });

    const status = await prisma.$transaction((tx) => outboxStatus(tx, now));
    expect(status).toMatchObject({ queued: 1, sentToday: 1, failed: 2 });
    expect(status.recentFailures.map((m) => [m.body, m.chat?.title ?? m.userId])).toEqual([
      ['to a person', 'admin1'],
      ['failed', '重发测试群'],
    ]);

    const row = await prisma.member.create({ data: { platform: 'wecom', platformUserId: 'rq-admin', displayName: '管理员', role: 'ADMIN' } });
    const actor: Actor = { memberId: row.id, name: '管理员', ref: 'wecom:rq-admin', platform: 'wecom', messageId: 'rq-1', isAdmin: true, unit: null };
    // The group got a push robot after the message failed: the message now goes through it.
    const withRobot = await prisma.chat.update({ where: { id: chat.id }, data: { pushKey: 'new-robot-key' } });
    const later = new Date(now.getTime() + 60_000);
    const requeued = await prisma.$transaction((tx) => requeueFailed(tx, actor, { id: failed.id, now: later }));
    expect(requeued).toMatchObject({ status: 'QUEUED', attempts: 0, lastError: '', claimedBy: '', claimedUntil: null, nextAttemptAt: later, channel: channelOf(withRobot) });
    expect(await prisma.auditLog.count({ where: { action: 'resend', entity: 'Outbox', entityId: String(failed.id), memberId: row.id } })).toBe(1);

    await expect(prisma.$transaction((tx) => requeueFailed(tx, actor, { id: failed.id, now: later }))).rejects.toMatchObject({
      message: `推送 #${failed.id} 没有失败（现在是排队中），不需要重发。`,
    });
    const sent = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: 'rq:today' } });
    await expect(prisma.$transaction((tx) => requeueFailed(tx, actor, { id: sent.id, now: later }))).rejects.toMatchObject({
      message: `推送 #${sent.id} 没有失败（现在是已发送），不需要重发。`,
    });
    await expect(prisma.$transaction((tx) => requeueFailed(tx, actor, { id: 987654, now: later }))).rejects.toMatchObject({ key: 'admin.outbox.notFound' });
  });
});
