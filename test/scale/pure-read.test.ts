import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../src/jobs/index.js';
import { KINDS } from '../helpers/db.js';
import { useWeComServer } from '../helpers/wecom.js';

/**
 * 排行 (a pure read) through the WeCom smart bot callback: answered within the wait, its answer is
 * its acknowledgement and nothing is recorded; not answered in time, it is recorded in the inbox
 * like any message before "working" goes out, and its reply follows by stream refresh — owed by
 * nobody afterwards, so the inbox worker that finishes the row sends nothing more.
 */
describe.each(KINDS)('排行 without an inbox row on %s', (kind) => {
  const inTime = useWeComServer(kind);
  const late = useWeComServer(kind, { WECOM_REPLY_WAIT_MS: '0' });

  it('answered in the callback: no row written', async () => {
    const { base, bot, app } = inTime();
    const chatid = `wrk-${randomUUID()}`;
    await bot.postBot(base, bot.botText('绑定 长沙', { chatid, userid: 'reader' }));
    const ask = bot.botText('排行', { chatid, userid: 'reader' });
    const r = await bot.postBot(base, ask);
    expect(r.reply.stream.finish).toBe(true);
    expect(r.reply.stream.content).toContain('👉');
    expect(await app.database.prisma.processedMessage.count({ where: { messageId: ask.msgid } })).toBe(0);
    // Asked again (a retry of the callback): answered again, the same.
    expect((await bot.postBot(base, ask)).reply.stream.content).toBe(r.reply.stream.content);
  });

  it('a question open: answered through the transaction as before (排行 drops it)', async () => {
    const { base, bot, app } = inTime();
    const chatid = `wrk-${randomUUID()}`;
    await bot.postBot(base, bot.botText('绑定 株洲', { chatid, userid: 'asker' }));
    const q = await bot.postBot(base, bot.botText('上报 荐读', { chatid, userid: 'asker' }));
    expect(q.reply.stream.content).toContain('多少人');
    const ask = bot.botText('排行', { chatid, userid: 'asker' });
    const r = await bot.postBot(base, ask);
    expect(r.reply.stream.content).toContain('株洲市总工会');
    expect(await app.database.prisma.conversation.count({ where: { platformChatId: chatid } })).toBe(0);
    expect(await app.database.prisma.processedMessage.count({ where: { messageId: ask.msgid, status: 'DONE' } })).toBe(1);
  });

  it('not answered in time: recorded before "working", the refresh carries the reply, nothing is sent twice', async () => {
    const { base, bot, app, fake } = late();
    const chatid = `wrk-${randomUUID()}`;
    await bot.postBot(base, bot.botText('绑定 湘潭', { chatid, userid: 'slow' }));
    await app.inflight.drain();
    const ask = bot.botText('排行', { chatid, userid: 'slow' });
    const first = await bot.postBot(base, ask);
    expect(first.reply.stream.finish).toBe(false);
    expect(await app.database.prisma.processedMessage.count({ where: { messageId: ask.msgid } })).toBe(1);
    const id = first.reply.stream.id;
    let content = '';
    for (let i = 0; i < 100 && !content; i++) {
      const r = await bot.postBot(base, { msgid: randomUUID(), aibotid: 'AIBOTID', chatid, chattype: 'group', from: { userid: 'slow' }, msgtype: 'stream', stream: { id } });
      if (r.reply.stream.finish) content = r.reply.stream.content;
      else await new Promise((res) => setTimeout(res, 20));
    }
    expect(content).toContain('👉');
    await app.inflight.drain();
    await new Promise((res) => setTimeout(res, 100));
    const row = await app.database.prisma.processedMessage.findFirstOrThrow({ where: { messageId: ask.msgid } });
    expect(row.repliedAt).not.toBeNull();
    const posts = fake.calls('/cgi-bin/aibot/response').length;
    await createBackground(app).worker.drain();
    expect(fake.calls('/cgi-bin/aibot/response').length).toBe(posts);
  });
});
