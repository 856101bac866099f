import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../src/jobs/index.js';
import { enqueue } from '../../src/outbox/outbox.js';
import { KINDS } from '../helpers/db.js';
import { useWeComServer } from '../helpers/wecom.js';

describe.each(KINDS)('发送状态 and 重发 on %s', (kind) => {
  const s = useWeComServer(kind, { SUPERADMINS: 'wecom:boss' });

  it('an admin sees a failed push with the platform’s reason, fixes the address and sends it again', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const chatid = `wrk-${randomUUID()}`;
    const say = async (userid: string, text: string) => (await srv.bot.postBot(srv.base, srv.bot.botText(text, { chatid, userid }))).reply.stream.content as string;
    await say('cs1', '绑定 长沙');
    const oldKey = randomUUID();
    await say('cs1', `设置推送 ${oldKey}`);
    // The robot was removed from the group afterwards: WeCom no longer knows its key.
    srv.fake.unknownKeys.add(oldKey);
    const chat = await prisma.chat.findFirstOrThrow({ where: { platformChatId: chatid } });
    await enqueue(prisma, { chat, body: '📊 好书荐读周排行', dedupeKey: `cmd:${chat.id}`, at: srv.clock.now });
    const { worker } = createBackground(srv.app);
    await worker.drain();
    const row = await prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `cmd:${chat.id}` } });
    expect(row.status).toBe('FAILED');

    expect(await say('cs1', '发送状态')).toContain('只有省总工会管理员可以使用');
    const status = await say('boss', '发送状态');
    expect(status).toContain('发送失败 1 条');
    expect(status).toContain(`#${row.id} 长沙市总工会`);
    expect(status).toContain('93000 invalid webhook url');
    expect(status).toContain('处理出错的消息 0 条');
    // A message a bug failed (answered with the apology, kept with its error in the inbox) is counted.
    await prisma.processedMessage.create({ data: { platform: 'wecom', messageId: `bug-${randomUUID()}`, status: 'FAILED', reply: '抱歉', lastError: 'TypeError: boom' } });
    expect(await say('boss', '发送状态')).toContain('处理出错的消息 1 条');

    expect(await say('boss', `重发 ${row.id}`)).toContain('已重新排队');
    // Still the old key: it fails again. A new robot is set up, then it goes.
    srv.clock.set(new Date(srv.clock.now.getTime() + 4_000).toISOString());
    await worker.drain();
    expect((await prisma.outbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('FAILED');
    const newKey = randomUUID();
    srv.clock.set(new Date(srv.clock.now.getTime() + 10_000).toISOString());
    expect(await say('cs1', `设置推送 ${newKey}`)).toContain('推送地址已保存');
    expect(await say('boss', `重发 ${row.id}`)).toContain(`推送 #${row.id} 已重新排队`);
    srv.clock.set(new Date(srv.clock.now.getTime() + 10_000).toISOString());
    await worker.drain();
    expect(await prisma.outbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'SENT', lastError: '' });
    expect(srv.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === newKey).map((c) => c.body.markdown.content)).toContain('📊 好书荐读周排行');
    expect(await say('boss', `重发 ${row.id}`)).toContain('没有失败');
    expect(await say('boss', '重发 999999')).toContain('没有编号为 999999 的推送');
  });
});
