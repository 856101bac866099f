import { createHash, randomUUID } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { picturesRendered } from '../../src/charts/pictures.js';
import { stopRenderWorker } from '../../src/charts/render-worker.js';
import { weeklyRanking, type JobContext } from '../../src/jobs/jobs.js';
import { createLogger } from '../../src/logger.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import type { App } from '../../src/app.js';
import type { Chat } from '../../src/generated/sqlite/client.js';
import type { Clock } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';
import { useDingTalkServer } from '../helpers/dingtalk.js';
import { flushOutbox } from '../helpers/server.js';
import { useWeComServer } from '../helpers/wecom.js';

afterAll(() => stopRenderWorker());

/** The Monday 09:00 run that ranks the week of 8 June 2020. */
const WINDOW = '2020-06-15T09:00:00+08:00';
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** Width and height of a PNG, after checking its signature and header. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A PNG that is a chart, not a blank: the ranking's size, and many colours once decoded (anti-aliased text, bars). */
function expectChart(png: Buffer): void {
  const { width, height } = pngSize(png);
  expect(width).toBe(900);
  expect(height).toBeGreaterThan(400);
  expect(png.length).toBeGreaterThan(20_000);
  expect(png.length).toBeLessThan(2 * 1024 * 1024);
  const pixels = new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`,
  ).render().pixels;
  const seen = new Set<number>();
  for (let i = 0; i < pixels.length; i += 4) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  expect(seen.size).toBeGreaterThan(50);
  expect(seen.has((0x5b << 16) | (0x8f << 8) | 0xf9)).toBe(true); // the bars' blue
}

/** Figures for the week of 8 June (and the week before), so the boards have bars. */
async function figures(app: App): Promise<void> {
  const prisma = app.database.prisma;
  const cities = await prisma.unit.findMany({ where: { kind: 'CITY' }, orderBy: { sortOrder: 'asc' }, take: 6 });
  for (const [i, city] of cities.entries()) {
    await prisma.countReport.create({ data: { campaignId: app.campaign.id, unitId: city.id, metric: 'recommend', week: '2020-06-08', count: 40 - i * 3 } });
    await prisma.countReport.create({ data: { campaignId: app.campaign.id, unitId: city.id, metric: 'recommend', week: '2020-06-01', count: 20 + i } });
  }
}

async function unitId(app: App, name: string): Promise<number> {
  return (await app.database.prisma.unit.findUniqueOrThrow({ where: { name } })).id;
}

function jobContext(app: App): JobContext {
  return { db: app.database.prisma, campaign: app.campaign, senders: app.senders, logger: app.logger, eveHour: 18 };
}

function worker(app: App, clock: Clock) {
  return new OutboxWorker({ database: app.database, senders: app.senders, logger: createLogger('silent'), clock: clock.read, random: () => 0.5 });
}

/** The job's rows for one group, in queue order. */
async function queuedFor(app: App, chatId: number) {
  return app.database.prisma.outbox.findMany({ where: { chatId, dedupeKey: { contains: '2020-06-08' } }, orderBy: { id: 'asc' } });
}

describe.each(KINDS)('the weekly ranking picture through the WeCom group robot on %s', (kind) => {
  const s = useWeComServer(kind, {}, WINDOW);

  it('each group gets its text, then its own picture (md5 of the bytes), drawn once per unit highlighted', async () => {
    const srv = s();
    const { app, fake, clock } = srv;
    const prisma = app.database.prisma;
    await figures(app);
    // Nine groups of three units, a 基层单位 of 长沙 among them (it sees 长沙 highlighted), behind two robots.
    const changsha = await unitId(app, '长沙市总工会');
    const grassroots = await prisma.unit.create({ data: { name: `长沙某厂工会${randomUUID().slice(0, 4)}`, kind: 'GRASSROOTS', parentId: changsha } });
    const units = [changsha, await unitId(app, '株洲市总工会'), await unitId(app, '湖南省教育工会'), grassroots.id];
    const keys = [randomUUID(), randomUUID()];
    const chats: Chat[] = [];
    for (let i = 0; i < 9; i++) {
      chats.push(
        await prisma.chat.create({
          data: { platform: 'wecom', platformChatId: `wrk-pic-${i}-${randomUUID()}`, title: `群${i}`, isGroup: true, unitId: units[i % 4], pushKey: keys[i % 2] },
        }),
      );
    }
    const before = picturesRendered();
    const queued = await weeklyRanking.run(jobContext(app), new Date(WINDOW));
    expect(queued).toBe(18);
    // 长沙 (its group and the 基层单位's), 株洲, 省教育工会: three pictures for nine groups.
    expect(picturesRendered() - before).toBe(3);
    expect(await prisma.picture.count()).toBe(3);
    for (const chat of chats) {
      const [text, image] = await queuedFor(app, chat.id);
      expect([text.kind, image.kind]).toEqual(['markdown', 'image']);
      expect(image.channel).toBe(text.channel);
      expect(image.expiresAt).toEqual(text.expiresAt);
      expect(image.id).toBe(text.id + 1);
    }
    // Run again (a second instance, a restart): nothing new, nothing drawn.
    expect(await weeklyRanking.run(jobContext(app), new Date(WINDOW))).toBe(0);
    expect(picturesRendered() - before).toBe(3);

    await flushOutbox(worker(app, clock), clock, 12);
    const pictures = await prisma.picture.findMany();
    for (const key of keys) {
      const calls = fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key);
      // Text, picture, text, picture…: each group's picture right after its text.
      expect(calls.map((c) => c.body.msgtype)).toEqual(Array.from({ length: calls.length }, (_, i) => (i % 2 ? 'image' : 'markdown')));
      for (const c of calls.filter((c) => c.body.msgtype === 'image')) {
        const bytes = Buffer.from(c.body.image.base64, 'base64');
        expect(c.body.image.md5).toBe(md5(bytes));
        expect(pictures.map((p) => p.md5)).toContain(c.body.image.md5);
      }
    }
    expect(fake.calls('/cgi-bin/webhook/send')).toHaveLength(18);
    for (const chat of chats) {
      const rows = await queuedFor(app, chat.id);
      expect(rows.map((r) => r.status)).toEqual(['SENT', 'SENT']);
      // The text went out exactly as queued (the picture changes nothing of it).
      const sent = fake.calls('/cgi-bin/webhook/send').filter((c) => c.body.msgtype === 'markdown' && c.body.markdown.content === rows[0].body);
      expect(sent.length).toBeGreaterThanOrEqual(1);
    }
    // The 长沙 group and the 基层单位's group got the same picture; 株洲's another.
    const pictureOf = async (i: number) => JSON.parse((await queuedFor(app, chats[i].id))[1].body).pictureId;
    expect(await pictureOf(0)).toBe(await pictureOf(3));
    expect(await pictureOf(0)).not.toBe(await pictureOf(1));
    for (const p of pictures) expectChart(Buffer.from(p.png));
  });

  it('a picture WeCom refuses fails alone: the text is sent once and stays sent', async () => {
    const srv = s();
    const { app, fake, clock } = srv;
    const prisma = app.database.prisma;
    const key = randomUUID();
    const chat = await prisma.chat.create({
      data: { platform: 'wecom', platformChatId: `wrk-pic-x-${randomUUID()}`, title: '群x', isGroup: true, unitId: await unitId(app, '湘潭市总工会'), pushKey: key },
    });
    await weeklyRanking.run(jobContext(app), new Date(WINDOW));
    const [text, image] = await queuedFor(app, chat.id);
    // The picture row names a picture that is gone (deleted by housekeeping, say).
    await prisma.outbox.update({ where: { id: image.id }, data: { body: JSON.stringify({ pictureId: 999_999, after: text.dedupeKey }) } });
    await flushOutbox(worker(app, clock), clock, 3);
    const rows = await queuedFor(app, chat.id);
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'FAILED']);
    expect(rows[1].lastError).toContain('picture 999999 is gone');
    expect(fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key).map((c) => c.body.msgtype)).toEqual(['markdown']);
  });
});

describe.each(KINDS)('the weekly ranking picture through the DingTalk app robot on %s', (kind) => {
  const s = useDingTalkServer(kind, {}, WINDOW);

  it('uploads each picture once and sends it as sampleImageMsg after the text', async () => {
    const { app, fake, clock } = s();
    const prisma = app.database.prisma;
    await figures(app);
    const unit = await unitId(app, '衡阳市总工会');
    const chats: Chat[] = [];
    for (let i = 0; i < 3; i++) {
      chats.push(await prisma.chat.create({ data: { platform: 'dingtalk', platformChatId: `cid-pic-${i}-${randomUUID()}`, title: `钉群${i}`, isGroup: true, unitId: unit } }));
    }
    const before = picturesRendered();
    expect(await weeklyRanking.run(jobContext(app), new Date(WINDOW))).toBe(6);
    expect(picturesRendered() - before).toBe(1);
    await flushOutbox(worker(app, clock), clock, 3);
    const uploads = fake.calls('/media/upload');
    expect(uploads).toHaveLength(1);
    const picture = await prisma.picture.findFirstOrThrow();
    expect(uploads[0].body).toMatchObject({ type: 'image', contentType: 'image/png', size: picture.png.length, md5: picture.md5 });
    const [mediaId] = [...fake.media.keys()];
    expectChart(fake.media.get(mediaId)!);
    for (const chat of chats) {
      const sends = fake.calls('/v1.0/robot/groupMessages/send').filter((c) => c.body.openConversationId === chat.platformChatId);
      expect(sends.map((c) => c.body.msgKey)).toEqual(['sampleMarkdown', 'sampleImageMsg']);
      expect(JSON.parse(sends[1].body.msgParam)).toEqual({ photoURL: mediaId });
      expect(JSON.parse(sends[0].body.msgParam).text).toContain('好书荐读周排行');
    }
  });
});

describe.each(KINDS)('the weekly ranking picture through a DingTalk custom robot with PUBLIC_BASE_URL on %s', (kind) => {
  const s = useDingTalkServer(kind, { PUBLIC_BASE_URL: 'https://bot.example.org/' }, WINDOW);

  it('embeds the picture’s address in a markdown push; the address serves the PNG until it expires', async () => {
    const { app, fake, clock, base } = s();
    const prisma = app.database.prisma;
    await figures(app);
    const token = `tok${randomUUID().replace(/-/g, '')}`;
    fake.addRobot(token);
    const chat = await prisma.chat.create({
      data: { platform: 'dingtalk', platformChatId: `cid-cr-${randomUUID()}`, title: '推送群', isGroup: true, unitId: await unitId(app, '岳阳市总工会'), pushKey: token },
    });
    await weeklyRanking.run(jobContext(app), new Date(WINDOW));
    await flushOutbox(worker(app, clock), clock, 3);
    const sends = fake.calls('/robot/send').filter((c) => c.query.access_token === token);
    expect(sends).toHaveLength(2);
    expect(sends[0].body.markdown.text).toContain('好书荐读周排行');
    const url = /^!\[排行\]\((https:\/\/bot\.example\.org\/pictures\/[A-Za-z0-9_-]{32}\.png)\)$/.exec(sends[1].body.markdown.text)?.[1];
    expect(url).toBeDefined();
    const path = new URL(url!).pathname;
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    const picture = await prisma.picture.findFirstOrThrow({ where: { token: path.slice('/pictures/'.length, -4) } });
    expect(md5(png)).toBe(picture.md5);
    expectChart(png);
    // Unknown tokens, other paths, and the picture after its expiry: 404.
    expect((await fetch(`${base}/pictures/${'A'.repeat(32)}.png`)).status).toBe(404);
    expect((await fetch(`${base}/pictures/../admin.png`)).status).toBe(404);
    const now = clock.now;
    clock.set(new Date(picture.expiresAt.getTime() + 1000).toISOString());
    try {
      expect((await fetch(base + path)).status).toBe(404);
    } finally {
      clock.set(now.toISOString());
    }
    expect(await queuedFor(app, chat.id).then((rows) => rows.map((r) => r.status))).toEqual(['SENT', 'SENT']);
  });
});

describe.each(KINDS)('the weekly ranking through a DingTalk custom robot without PUBLIC_BASE_URL on %s', (kind) => {
  const s = useDingTalkServer(kind, {}, WINDOW);

  it('pushes the text only: no picture is queued or drawn for it', async () => {
    const { app, fake, clock } = s();
    const prisma = app.database.prisma;
    const token = `tok${randomUUID().replace(/-/g, '')}`;
    fake.addRobot(token);
    const chat = await prisma.chat.create({
      data: { platform: 'dingtalk', platformChatId: `cid-cr-${randomUUID()}`, title: '推送群', isGroup: true, unitId: await unitId(app, '常德市总工会'), pushKey: token },
    });
    const before = picturesRendered();
    expect(await weeklyRanking.run(jobContext(app), new Date(WINDOW))).toBe(1);
    expect(picturesRendered() - before).toBe(0);
    await flushOutbox(worker(app, clock), clock, 3);
    const sends = fake.calls('/robot/send').filter((c) => c.query.access_token === token);
    expect(sends.map((c) => c.body.msgtype)).toEqual(['markdown']);
    expect(sends[0].body.markdown.text).not.toContain('![');
    expect((await queuedFor(app, chat.id)).map((r) => r.kind)).toEqual(['markdown']);
  });
});
