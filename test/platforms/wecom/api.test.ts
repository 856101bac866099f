import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendError } from '../../../src/bot/sender.js';
import { UserError } from '../../../src/domain/errors.js';
import { createLogger } from '../../../src/logger.js';
import { WeComApi } from '../../../src/platforms/wecom/api.js';
import { WeComSender } from '../../../src/platforms/wecom/sender.js';
import { splitBytes } from '../../../src/platforms/text-limits.js';
import { FakeWeCom } from '../../fakes/wecom.js';

describe('WeCom API client against the fake WeCom', () => {
  let fake: FakeWeCom;
  let now = Date.parse('2020-06-10T02:00:00Z');
  const clock = () => now;
  const api = () => new WeComApi({ base: fake.base, corpId: fake.corpId, secret: fake.secret, logger: createLogger('silent'), now: clock });

  beforeAll(async () => {
    fake = await new FakeWeCom().start();
    fake.now = clock;
  });
  afterAll(() => fake.stop());

  const tokens = () => fake.calls('/cgi-bin/gettoken').length;
  const text = (n: number) => ({ touser: 'a', msgtype: 'text', agentid: 1, text: { content: `m${n}` } });

  it('caches the access token across calls and fetches it once for a burst of concurrent calls', async () => {
    const client = api();
    const before = tokens();
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.messageSend(text(i))));
    await client.messageSend(text(11));
    expect(tokens() - before).toBe(1);
  });

  it('renews the token before it expires', async () => {
    const client = api();
    const before = tokens();
    await client.messageSend(text(1));
    now += 7200_000 - 4 * 60_000; // within the last five minutes of its life
    await client.messageSend(text(2));
    expect(tokens() - before).toBe(2);
  });

  it('renews once on 42001 (expired early) and on 40014 (unknown), even under concurrent calls', async () => {
    const client = api();
    await client.messageSend(text(1));
    const before = tokens();
    fake.expireTokens();
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.messageSend(text(i))));
    expect(tokens() - before).toBe(1);
    const sent = fake.calls('/cgi-bin/message/send').slice(-5);
    expect(new Set(sent.map((c) => c.query.access_token)).size).toBe(1);
  });

  it('classifies errors: 45009 rate-limited, bad credentials permanent with WeCom’s message, network transient', async () => {
    fake.busy = 1;
    const e1 = await api().messageSend(text(1)).catch((e) => e);
    expect(e1).toBeInstanceOf(SendError);
    expect(e1).toMatchObject({ kind: 'rate-limited', code: 45009, retryable: true });

    const wrong = new WeComApi({ base: fake.base, corpId: fake.corpId, secret: 'nope', logger: createLogger('silent') });
    const e2 = await wrong.messageSend(text(1)).catch((e) => e);
    expect(e2).toMatchObject({ kind: 'permanent', code: 40001, detail: 'invalid credential', retryable: false });
    expect(e2.message).not.toContain('nope');

    const down = new WeComApi({ base: 'http://127.0.0.1:1', logger: createLogger('silent') });
    expect(await down.webhookSend('k'.repeat(20), {}).catch((e) => e)).toMatchObject({ kind: 'transient' });
  });

  it('webhook: 20 a minute per key, then 45009 as rate-limited; other keys unaffected; the next minute goes again', async () => {
    const sender = new WeComSender(api(), { base: fake.base });
    const key = { key: 'a1b2c3d4-0000-4000-8000-00000000000a' };
    for (let i = 0; i < 20; i++) await sender.pushMarkdown(key, `第 ${i} 条`);
    const over = await sender.pushMarkdown(key, '第 21 条').catch((e) => e);
    expect(over).toMatchObject({ kind: 'rate-limited', code: 45009 });
    await sender.pushMarkdown({ key: 'a1b2c3d4-0000-4000-8000-00000000000b' }, '另一个群');
    now += 61_000;
    await sender.pushMarkdown(key, '下一分钟');
    fake.unknownKeys.add('a1b2c3d4-0000-4000-8000-00000000000c');
    const unknown = await sender.pushMarkdown({ key: 'a1b2c3d4-0000-4000-8000-00000000000c' }, 'x').catch((e) => e);
    expect(unknown).toMatchObject({ kind: 'permanent', code: 93000, detail: 'invalid webhook url' });
  });

  it('markdown longer than 4096 bytes goes as several messages split between lines, each within the limit', async () => {
    const sender = new WeComSender(api(), { base: fake.base });
    const lines = Array.from({ length: 120 }, (_, i) => `${i + 1}. 长沙市总工会 好书荐读 ${i * 3} 人`);
    const key = { key: 'a1b2c3d4-0000-4000-8000-0000000000ff' };
    const before = fake.calls('/cgi-bin/webhook/send').length;
    await sender.pushMarkdown(key, lines.join('\n'));
    const sent = fake.calls('/cgi-bin/webhook/send').slice(before).map((c) => c.body.markdown.content as string);
    expect(sent.length).toBeGreaterThan(1);
    for (const m of sent) expect(Buffer.byteLength(m)).toBeLessThanOrEqual(4096);
    expect(sent.join('\n').split('\n')).toEqual(lines);
  });

  it('reads push addresses as admins paste them and masks them for display', () => {
    const sender = new WeComSender(api(), { base: fake.base });
    const key = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
    expect(sender.parsePushAddress(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`)).toEqual({ key });
    expect(sender.parsePushAddress(`${fake.base}/cgi-bin/webhook/send?key=${key}`)).toEqual({ key });
    expect(sender.parsePushAddress(` ${key} `)).toEqual({ key });
    expect(sender.maskPushAddress({ key })).toBe('key=693a…5aaa');
    for (const bad of ['https://evil.example.com/cgi-bin/webhook/send?key=' + key, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send', 'hello', '']) {
      expect(() => sender.parsePushAddress(bad)).toThrow(UserError);
    }
  });
});

describe('splitBytes', () => {
  it('keeps every piece within the limit without breaking characters', () => {
    const long = '读'.repeat(5000);
    const pieces = splitBytes(`开头\n${long}\n结尾`, 4096);
    for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(4096);
    expect(pieces.join('').replace(/\n/g, '')).toBe(`开头${long}结尾`);
    expect(pieces.join('')).not.toContain('\ufffd');
    expect(splitBytes('短消息', 4096)).toEqual(['短消息']);
  });
});
