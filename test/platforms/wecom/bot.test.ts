import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../helpers/db.js';
import { useWeComServer } from '../../helpers/wecom.js';

describe.each(KINDS)('WeCom smart bot callback on %s', (kind) => {
  const s = useWeComServer(kind);

  it('answers the URL verification with the bare decrypted echostr', async () => {
    const { base, bot } = s();
    const echostr = bot.seal('6871029281723048');
    const q = bot.signedQuery(echostr);
    q.set('echostr', echostr);
    const res = await fetch(`${base}/wecom/bot?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('6871029281723048');
    q.set('msg_signature', 'f'.repeat(40));
    expect((await fetch(`${base}/wecom/bot?${q}`)).status).toBe(401);
  });

  it('帮助, 绑定 长沙, 上报 荐读 35: encrypted in, encrypted stream reply out, rows written', async () => {
    const { base, bot, app } = s();
    const chatid = `wrk-${randomUUID()}`;
    const help = await bot.postBot(base, bot.botText('帮助', { chatid, userid: 'lisi' }));
    expect(help.status).toBe(200);
    expect(help.reply.msgtype).toBe('stream');
    expect(help.reply.stream.finish).toBe(true);
    expect(help.reply.stream.content).toContain('绑定');

    const bind = await bot.postBot(base, bot.botText('绑定 长沙', { chatid, userid: 'lisi' }));
    expect(bind.reply.stream.content).toContain('绑定成功');
    const report = await bot.postBot(base, bot.botText('上报 荐读 35', { chatid, userid: 'lisi' }));
    expect(report.reply.stream.content).toContain('已上报「长沙市总工会」');

    const prisma = app.database.prisma;
    const chat = await prisma.chat.findUniqueOrThrow({
      where: { platform_platformChatId: { platform: 'wecom', platformChatId: chatid } },
      include: { unit: true },
    });
    expect(chat.unit?.name).toBe('长沙市总工会');
    const member = await prisma.member.findUniqueOrThrow({ where: { platform_platformUserId: { platform: 'wecom', platformUserId: 'lisi' } } });
    const rows = await prisma.countReport.findMany({ where: { reporterId: member.id } });
    expect(rows.map((r) => [r.count, r.sourcePlatform])).toEqual([[35, 'wecom']]);
  });

  it('a group seen for the first time becomes a Chat row, even when its first command is refused', async () => {
    const { base, bot, app } = s();
    const chatid = `wrk-${randomUUID()}`;
    const r = await bot.postBot(base, bot.botText('上报 荐读 3', { chatid, userid: 'newbie' }));
    expect(r.reply.stream.content).toContain('请先绑定单位');
    expect(await app.database.prisma.chat.count({ where: { platformChatId: chatid } })).toBe(1);
  });

  it('a retried msgid has one effect and gets the same answer', async () => {
    const { base, bot, app } = s();
    const chatid = `wrk-${randomUUID()}`;
    await bot.postBot(base, bot.botText('绑定 株洲', { chatid, userid: 'wangwu' }));
    const payload = bot.botText('荐书 《活着》 微博', { chatid, userid: 'wangwu' });
    // WeCom retries with the same msgid; two deliveries also arrive at once.
    const [a, b] = await Promise.all([bot.postBot(base, payload), bot.postBot(base, payload)]);
    const c = await bot.postBot(base, payload);
    expect(a.reply.stream.content).toContain('已记录');
    expect(b.reply.stream.content).toBe(a.reply.stream.content);
    expect(c.reply.stream.content).toBe(a.reply.stream.content);
    expect(await app.database.prisma.recommendation.count({ where: { bookTitle: '活着' } })).toBe(1);
    expect(await app.database.prisma.auditLog.count({ where: { messageId: payload.msgid } })).toBe(1);
  });

  it('refuses forged, undecryptable, oversized and malformed callbacks with a 4xx, a log line and no row', async () => {
    const { base, bot, app, logs } = s();
    const prisma = app.database.prisma;
    const before = { chats: await prisma.chat.count(), processed: await prisma.processedMessage.count() };
    const chatid = `wrk-${randomUUID()}`;

    const forged = await bot.postBot(base, bot.botText('绑定 长沙', { chatid }), { msg_signature: '0'.repeat(40) });
    expect(forged.status).toBe(401);
    expect(forged.text).not.toContain('signature');

    const stale = await bot.postBot(base, bot.botText('绑定 长沙', { chatid }), { timestamp: String(Math.floor(Date.parse('2020-06-09T00:00:00Z') / 1000)) });
    expect(stale.status).toBe(401);

    const post = (body: string, encrypted: string) =>
      fetch(`${base}/wecom/bot?${bot.signedQuery(encrypted)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(JSON.stringify({ encrypt: 'abcd' }), 'abcd')).status).toBe(400);
    expect((await post('{"encrypt": ', '')).status).toBe(400);
    expect((await post(JSON.stringify({ nothing: 1 }), '')).status).toBe(400);
    // Correctly signed and encrypted, but not a smart bot message.
    const notMessage = bot.seal(JSON.stringify({ hello: 'world' }));
    expect((await post(JSON.stringify({ encrypt: notMessage }), notMessage)).status).toBe(400);
    // Over 1 MB: refused before it is read.
    const big = 'x'.repeat(1024 * 1024 + 10);
    expect((await post(JSON.stringify({ encrypt: big }), big)).status).toBe(413);

    expect(await prisma.chat.count()).toBe(before.chats);
    expect(await prisma.processedMessage.count()).toBe(before.processed);
    const reasons = logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'wecom callback refused').map((l) => l.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['bad signature', 'timestamp outside the window', 'does not decrypt', 'body is not JSON', 'no ciphertext', 'decrypted message is not a smart bot message']),
    );
  });

  it('refuses with a 400 a verified callback that lacks what its type needs, storing nothing', async () => {
    const { base, bot, app, logs } = s();
    const prisma = app.database.prisma;
    const before = { chats: await prisma.chat.count(), processed: await prisma.processedMessage.count(), audit: await prisma.auditLog.count() };
    const from = { userid: `u-${randomUUID().slice(0, 8)}` };
    const incomplete = [
      // A stream refresh without its stream (this one used to answer 500).
      { msgid: 'x', from: { userid: 'a' }, msgtype: 'stream' },
      { msgid: randomUUID(), from, chattype: 'single', msgtype: 'stream', stream: {} },
      { msgid: randomUUID(), from, chattype: 'single', msgtype: 'text' },
      { msgid: randomUUID(), from, chattype: 'single', msgtype: 'mixed' },
      // A group message that does not say which group.
      { msgid: randomUUID(), from, chattype: 'group', msgtype: 'text', text: { content: '绑定 长沙' } },
      { msgid: randomUUID(), from, chattype: 'single', msgtype: 'event' },
      { msgid: randomUUID(), from, chattype: 'single', msgtype: 'event', event: { eventtype: 'template_card_event' } },
      { msgid: randomUUID(), from, chattype: 'single', msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { event_key: 'approve:1' } } },
      { msgid: randomUUID(), from, chattype: 'single', msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { task_id: 'host-1' } } },
      { msgid: randomUUID(), chattype: 'single', msgtype: 'text', text: { content: '帮助' } },
    ];
    const refusals = logs.filter((l) => l.includes('decrypted message is not a smart bot message')).length;
    for (const payload of incomplete) {
      const r = await bot.postBot(base, payload);
      expect({ payload, status: r.status }).toEqual({ payload, status: 400 });
    }
    expect(logs.filter((l) => l.includes('decrypted message is not a smart bot message')).length - refusals).toBe(incomplete.length);
    expect(logs.some((l) => l.includes('request failed'))).toBe(false);
    expect({ chats: await prisma.chat.count(), processed: await prisma.processedMessage.count(), audit: await prisma.auditLog.count() }).toEqual(before);
    // The complete forms of the same messages are taken.
    expect((await bot.postBot(base, { msgid: randomUUID(), from, chattype: 'single', msgtype: 'text', text: { content: '帮助' } })).reply.stream.content).toContain('绑定');
    expect((await bot.postBot(base, { msgid: randomUUID(), from, chattype: 'single', msgtype: 'event', event: { eventtype: 'feedback_event' } })).status).toBe(200);
  });

  it('answers enter_chat with a greeting and other message types politely', async () => {
    const { base, bot } = s();
    const enter = await bot.postBot(base, {
      msgid: randomUUID(),
      aibotid: 'AIBOTID',
      chattype: 'single',
      from: { userid: 'zhaoliu' },
      msgtype: 'event',
      event: { eventtype: 'enter_chat' },
    });
    expect(enter.reply).toMatchObject({ msgtype: 'text' });
    expect(enter.reply.text.content).toContain('帮助');
    const image = await bot.postBot(base, { ...bot.botText(''), msgtype: 'image', image: { url: 'https://x/y.png' } });
    expect(image.reply.stream.content).toContain('只看得懂文字');
  });
});

describe('WeCom smart bot: a reply not ready within the wait follows by stream refresh', () => {
  const s = useWeComServer('sqlite', { WECOM_REPLY_WAIT_MS: '0' });

  it('answers "working" at once, then the stream refresh carries the reply', async () => {
    const { base, bot, app } = s();
    const chatid = `wrk-${randomUUID()}`;
    const first = await bot.postBot(base, bot.botText('绑定 湘潭', { chatid, userid: 'sunqi' }));
    expect(first.reply.stream.finish).toBe(false);
    expect(first.reply.stream.content).toContain('正在处理');
    const id = first.reply.stream.id;
    let content = '';
    for (let i = 0; i < 100 && !content; i++) {
      const r = await bot.postBot(base, { msgid: randomUUID(), aibotid: 'AIBOTID', chatid, chattype: 'group', from: { userid: 'sunqi' }, msgtype: 'stream', stream: { id } });
      expect(r.reply.stream.id).toBe(id);
      if (r.reply.stream.finish) content = r.reply.stream.content;
      else await new Promise((res) => setTimeout(res, 20));
    }
    expect(content).toContain('绑定成功');
    expect((await app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: chatid }, include: { unit: true } })).unit?.name).toBe('湘潭市总工会');
  });

  it('a refresh for a stream nobody is working on ends with an apology once it is old', async () => {
    const { base, bot, clock } = s();
    const old = `${(clock.now.getTime() - 10 * 60_000).toString(36)}.${Buffer.from('gone-msg').toString('base64url')}`;
    const r = await bot.postBot(base, { msgid: randomUUID(), aibotid: 'A', chattype: 'single', from: { userid: 'x' }, msgtype: 'stream', stream: { id: old } });
    expect(r.reply.stream).toMatchObject({ id: old, finish: true });
    expect(r.reply.stream.content).toContain('再发一次');
  });
});

describe('WeCom smart bot: card button clicks', () => {
  const s = useWeComServer('sqlite', { SUPERADMINS: 'wecom:boss' });

  const click = (chatid: string, userid: string, taskId: string, key: string, msgid = randomUUID()) => ({
    msgid,
    create_time: 1591754400,
    aibotid: 'AIBOTID',
    chatid,
    chattype: 'group',
    from: { userid },
    msgtype: 'event',
    event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: key, task_id: taskId } },
  });

  it('a click reaches the approval handler and the card is updated in the passive reply; others change nothing', async () => {
    const { base, bot, app } = s();
    const chatid = `wrk-${randomUUID()}`;
    await bot.postBot(base, bot.botText('绑定 衡阳', { chatid, userid: 'hy' }));
    await bot.postBot(base, bot.botText('申报承办 月份=2020-08 主题=工匠读书会 日期=8月8日下午3点 地点=衡阳市图书馆 人数=150', { chatid, userid: 'hy' }));
    const { id } = await app.database.prisma.hostRequest.findFirstOrThrow({ where: { theme: '工匠读书会' } });

    const refused = await bot.postBot(base, click(chatid, 'hy', `host-${id}`, `approve:${id}`));
    expect(refused.reply).toMatchObject({ response_type: 'update_template_card', template_card: { task_id: `host-${id}`, main_title: { title: '已收到' } } });
    expect(refused.reply.template_card.sub_title_text).toContain('只有省总工会管理员可以使用');
    expect((await app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');

    const msgid = randomUUID();
    const ok = await bot.postBot(base, click(chatid, 'boss', `host-${id}`, `approve:${id}`, msgid));
    expect(ok.reply.template_card).toMatchObject({ card_type: 'text_notice', task_id: `host-${id}`, main_title: { title: '已批准' } });
    expect(ok.reply.template_card.sub_title_text).toContain(`已批准 #${id}`);
    // The same click again: one decision.
    await bot.postBot(base, click(chatid, 'boss', `host-${id}`, `approve:${id}`, msgid));
    expect(await app.database.prisma.auditLog.count({ where: { action: 'approve', entityId: String(id) } })).toBe(1);
    expect((await app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');

    const stale = await bot.postBot(base, click(chatid, 'boss', 'x', 'something-else'));
    expect(stale.reply.template_card.sub_title_text).toContain('这个按钮已失效');
  });
});
