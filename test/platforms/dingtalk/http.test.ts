import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { robotSign, signRefusal } from '../../../src/platforms/dingtalk/sign.js';
import { KINDS } from '../../helpers/db.js';
import { useDingTalkServer, type DingTalkServer } from '../../helpers/dingtalk.js';

/** POSTs a robot message to /dingtalk/bot signed as DingTalk signs it (or with `over` headers). */
async function post(s: DingTalkServer, body: string, over: Record<string, string> = {}) {
  const timestamp = String(s.clock.now.getTime());
  const headers = { 'content-type': 'application/json', timestamp, sign: robotSign(s.fake.clientSecret, timestamp), ...over };
  const res = await fetch(`${s.base}/dingtalk/bot`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, json: res.status === 200 && text ? JSON.parse(text) : undefined };
}

describe('DingTalk robot signature', () => {
  it('is Base64(HMAC-SHA256(secret, timestamp + "\\n" + secret)) and is checked in constant time within one hour', () => {
    // Computed independently: printf '1577262236757\nSECtest' | openssl dgst -sha256 -hmac SECtest -binary | base64
    expect(robotSign('SECtest', '1577262236757')).toBe('Za/ne6w2koB8B4ROVlgTNd/X+/FbyDpZrXLz57xNZSA=');
    const now = new Date(1577262236757 + 59 * 60_000);
    expect(signRefusal('SECtest', '1577262236757', 'Za/ne6w2koB8B4ROVlgTNd/X+/FbyDpZrXLz57xNZSA=', now)).toBeUndefined();
    expect(signRefusal('SECtest', '1577262236757', 'Za/ne6w2koB8B4ROVlgTNd/X+/FbyDpZrXLz57xNZSA=', new Date(1577262236757 + 61 * 60_000))).toBe('timestamp outside the window');
    expect(signRefusal('SECtest', '1577262236757', 'AAAA', now)).toBe('bad signature');
    expect(signRefusal('SECtest', undefined, 'x', now)).toBe('missing timestamp or sign');
  });
});

describe.each(KINDS)('DingTalk HTTP mode on %s', (kind) => {
  const s = useDingTalkServer(kind, { DINGTALK_MODE: 'http' });

  it('a signed robot message is answered in the response body and written', async () => {
    const srv = s();
    const conversationId = `cid-${randomUUID()}`;
    const bind = await post(srv, JSON.stringify(srv.fake.robotMessage('绑定 岳阳', { conversationId, userId: 'yy' })));
    expect(bind.status).toBe(200);
    expect(bind.json).toMatchObject({ msgtype: 'markdown', markdown: { text: expect.stringContaining('绑定成功') } });
    const report = await post(srv, JSON.stringify(srv.fake.robotMessage('上报 荐读 12', { conversationId, userId: 'yy' })));
    expect(report.json.markdown.text).toContain('已上报「岳阳市总工会」');
    expect(await srv.app.database.prisma.countReport.count({ where: { count: 12, sourcePlatform: 'dingtalk' } })).toBe(1);
    // Nothing went to the sessionWebhook: the response carried the reply.
    expect(srv.fake.calls('/robot/sendBySession')).toHaveLength(0);
  });

  it('refuses forged, stale, unsigned, oversized and malformed posts with a 4xx, a log line and no row', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const before = { chats: await prisma.chat.count(), processed: await prisma.processedMessage.count() };
    const body = JSON.stringify(srv.fake.robotMessage('绑定 长沙'));
    expect((await post(srv, body, { sign: robotSign('not-the-secret', String(srv.clock.now.getTime())) })).status).toBe(401);
    const old = String(srv.clock.now.getTime() - 2 * 60 * 60_000);
    expect((await post(srv, body, { timestamp: old, sign: robotSign(srv.fake.clientSecret, old) })).status).toBe(401);
    expect((await post(srv, body, { sign: '' })).status).toBe(401);
    expect((await post(srv, 'x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await post(srv, '{"msgId": ')).status).toBe(400);
    expect((await post(srv, JSON.stringify({ hello: 1 }))).status).toBe(400);
    expect(await prisma.chat.count()).toBe(before.chats);
    expect(await prisma.processedMessage.count()).toBe(before.processed);
    const reasons = srv.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'dingtalk callback refused').map((l) => l.reason);
    expect(reasons).toEqual(['bad signature', 'timestamp outside the window', 'missing timestamp or sign', 'body is not JSON', 'not a robot message']);
  });

  it('refuses with a 400 a signed text message that lacks its text, storing nothing', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const before = { chats: await prisma.chat.count(), processed: await prisma.processedMessage.count() };
    const { text: _text, ...bare } = srv.fake.robotMessage('绑定 长沙');
    const r = await post(srv, JSON.stringify(bare));
    expect(r.status).toBe(400);
    expect({ chats: await prisma.chat.count(), processed: await prisma.processedMessage.count() }).toEqual(before);
    expect(srv.logs.some((l) => l.includes('dingtalk callback refused') && l.includes('not a robot message'))).toBe(true);
  });

  it('the same msgId posted again has one effect and gets the same answer', async () => {
    const srv = s();
    const conversationId = `cid-${randomUUID()}`;
    await post(srv, JSON.stringify(srv.fake.robotMessage('绑定 常德', { conversationId, userId: 'cd' })));
    const body = JSON.stringify(srv.fake.robotMessage('荐书 《围城》 喜马拉雅', { conversationId, userId: 'cd' }));
    const [a, b] = await Promise.all([post(srv, body), post(srv, body)]);
    const c = await post(srv, body);
    expect(a.json.markdown.text).toContain('已记录');
    expect(b.json).toEqual(a.json);
    expect(c.json).toEqual(a.json);
    expect(await srv.app.database.prisma.recommendation.count({ where: { bookTitle: '围城' } })).toBe(1);
  });
});

describe('DingTalk HTTP mode: a delivery the bot could not record is not acknowledged, and is handled when it comes again', () => {
  const s = useDingTalkServer('sqlite', { DINGTALK_MODE: 'http' });

  it('a database that takes no writes gets a 5xx, no apology; once it takes writes again, the same msgId is handled', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const conversationId = `cid-${randomUUID()}`;
    await post(srv, JSON.stringify(srv.fake.robotMessage('绑定 益阳', { conversationId, userId: 'yiy' })));
    const body = JSON.stringify(srv.fake.robotMessage('荐书 《边城》 微博', { conversationId, userId: 'yiy' }));
    // The database refuses writes for a moment (SQLite's own read-only switch on our connection).
    await prisma.$executeRawUnsafe('PRAGMA query_only = 1');
    let first;
    try {
      first = await post(srv, body);
    } finally {
      await prisma.$executeRawUnsafe('PRAGMA query_only = 0');
    }
    // Not recorded, so not acknowledged: DingTalk retries.
    expect(first.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(first.json ?? '')).not.toContain('抱歉');
    const again = await post(srv, body);
    expect(again.json.markdown.text).toContain('已记录');
    expect(await prisma.recommendation.count({ where: { bookTitle: '边城' } })).toBe(1);
    // From now on the success is what this msgId gets.
    expect((await post(srv, body)).json).toEqual(again.json);
  });
});

describe('DingTalk HTTP mode: a reply not ready in time goes by sessionWebhook', () => {
  const s = useDingTalkServer('sqlite', { DINGTALK_MODE: 'http', DINGTALK_REPLY_WAIT_MS: '0' });

  it('answers {} at once, then posts the reply to the sessionWebhook exactly once', async () => {
    const srv = s();
    const message = srv.fake.robotMessage('帮助');
    const r = await post(srv, JSON.stringify(message));
    expect(r.json).toEqual({});
    await expect.poll(() => srv.fake.sessionReplies(message).length).toBe(1);
    expect(srv.fake.sessionReplies(message)[0].markdown.text).toContain('绑定');
    await srv.app.inflight.drain();
    expect(srv.fake.sessionReplies(message)).toHaveLength(1);
  });
});

describe('DingTalk card callbacks', () => {
  it('read the button from its 回传参数 wherever DingTalk puts them, else from its action id', async () => {
    const { toCardAction } = await import('../../../src/platforms/dingtalk/receive.js');
    const base = { outTrackId: 'hostreq-3-x', userId: 'boss' };
    const inside = JSON.stringify({ cardPrivateData: { actionIds: ['1'], params: { action: 'approve' } } });
    const beside = JSON.stringify({ cardPrivateData: { actionIds: ['1'] }, params: { action: 'reject' } });
    const bare = JSON.stringify({ cardPrivateData: { actionIds: ['approve'] } });
    expect(toCardAction({ ...base, content: inside }, 'e1')).toMatchObject({ key: 'approve', taskId: 'hostreq-3-x', userId: 'boss', chatId: 'single:boss' });
    expect(toCardAction({ ...base, value: beside }, 'e2')?.key).toBe('reject');
    expect(toCardAction({ ...base, content: bare }, 'e3')?.key).toBe('approve');
    expect(toCardAction({ ...base, content: 'not json' }, 'e4')).toBeUndefined();
    expect(toCardAction({ ...base, content: '{}' }, 'e5')).toBeUndefined();
  });
});
