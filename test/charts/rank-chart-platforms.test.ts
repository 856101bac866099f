import { createHash, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { stopRenderWorker } from '../../src/charts/render-worker.js';
import { KINDS } from '../helpers/db.js';
import { useDingTalkServer, type DingTalkServer } from '../helpers/dingtalk.js';
import { useWeComServer, type WeComServer } from '../helpers/wecom.js';

afterAll(() => stopRenderWorker());

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** A PNG of the ranking chart's width, and not a blank one. */
function expectChart(png: Buffer): void {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.readUInt32BE(16)).toBe(900);
  expect(png.readUInt32BE(20)).toBeGreaterThan(300);
  expect(png.length).toBeGreaterThan(10_000);
}

/** A smart bot message and its stream until it is finished (refreshing as WeCom does); every frame answered. */
async function botSay(s: WeComServer, chatid: string, text: string): Promise<any[]> {
  const first = await s.bot.postBot(s.base, s.bot.botText(text, { chatid, userid: 'wangfang' }));
  expect(first.status).toBe(200);
  const frames = [first.reply];
  for (let i = 0; !frames.at(-1).stream.finish && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const refresh = { msgid: randomUUID(), aibotid: 'AIBOTID', chatid, chattype: 'group', from: { userid: 'wangfang' }, msgtype: 'stream', stream: { id: first.reply.stream.id } };
    frames.push((await s.bot.postBot(s.base, refresh)).reply);
  }
  expect(frames.at(-1).stream.finish).toBe(true);
  return frames;
}

describe.each(KINDS)('排行图 through the WeCom smart bot on %s', (kind) => {
  const s = useWeComServer(kind);

  it('the final stream frame carries the chart in msg_item (base64 and its md5); the text is the ranking', async () => {
    const srv = s();
    const chatid = `wrk${randomUUID().slice(0, 8)}`;
    expect((await botSay(srv, chatid, '绑定 长沙')).at(-1).stream.content).toContain('绑定成功');
    await botSay(srv, chatid, '上报 荐读 35');
    const frames = await botSay(srv, chatid, '排行图');
    const last = frames.at(-1).stream;
    expect(last.content).toContain('【市州总工会·本周');
    expect(last.content).not.toContain('<!--');
    expect(last.msg_item).toHaveLength(1);
    const { msgtype, image } = last.msg_item[0];
    expect(msgtype).toBe('image');
    const bytes = Buffer.from(image.base64, 'base64');
    expect(image.md5).toBe(md5(bytes));
    expectChart(bytes);
    // Only the final frame carries it.
    for (const frame of frames.slice(0, -1)) expect(frame.stream.msg_item).toBeUndefined();
  });
});

describe.each(KINDS)('排行图 through DingTalk Stream on %s', (kind) => {
  const s = useDingTalkServer(kind);

  async function say(srv: DingTalkServer, text: string, conversationId: string): Promise<string> {
    const message = srv.fake.robotMessage(text, { conversationId, userId: 'lisi' });
    await srv.fake.waitAck(srv.fake.push('/v1.0/im/bot/messages/get', message));
    await expect.poll(() => srv.fake.sessionReplies(message).length, { timeout: 10_000 }).toBe(1);
    return srv.fake.sessionReplies(message)[0].markdown.text;
  }

  it('uploads the chart as the app and shows it in the markdown reply by its media_id', async () => {
    const srv = s();
    await srv.fake.waitConnected();
    const conversationId = `cid${randomUUID().slice(0, 8)}`;
    expect(await say(srv, '绑定 株洲', conversationId)).toContain('绑定成功');
    await say(srv, '上报 荐读 28', conversationId);
    const reply = await say(srv, '排行图', conversationId);
    expect(reply).toContain('【市州总工会·本周');
    const mediaId = /!\[排行\]\((@lA[A-Za-z0-9_-]+)\)/.exec(reply)?.[1];
    expect(mediaId).toBeDefined();
    const png = srv.fake.media.get(mediaId!)!;
    expectChart(png);
    const upload = srv.fake.calls('/media/upload').at(-1)!;
    expect(upload.body).toMatchObject({ type: 'image', contentType: 'image/png', md5: md5(png) });
  });
});
