import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import {
  checklist,
  formatDuration,
  listHostDeliverables,
  missingItems,
  RULES,
  submitExample,
  submitItem,
  type Submission,
} from '../../src/domain/deliverables.js';
import { approve, requestSlot } from '../../src/domain/hosting.js';
import type { HostDeliverable } from '../../src/generated/sqlite/client.js';
import { KINDS } from '../helpers/db.js';
import { actorFor, inTx, refusal, useDomainDb } from '../helpers/domain.js';

describe('the checklist, from the rules and the campaign’s logo', () => {
  const empty: HostDeliverable = {
    id: 1,
    hostRequestId: 1,
    photos: 0,
    videoLink: '',
    videoSeconds: null,
    articleLink: '',
    articleChars: null,
    logoUsed: false,
    completedAt: null,
    updatedAt: new Date(),
  };

  it('states what is owed with the limits of RULES and the logo it is given', () => {
    expect(missingItems(null)).toEqual(['photos', 'video', 'article', 'logo']);
    expect(checklist(null, '书香标识')).toEqual([
      `⬜ 活动照片 ${RULES.photos.min}—${RULES.photos.max} 张（高清大图）`,
      `⬜ 剪辑视频 1 个（${RULES.videoMaxSeconds / 60} 分钟内，附链接）`,
      `⬜ 宣传稿件 1 篇（${RULES.articleChars.target} 字左右，附链接）`,
      '⬜ 现场使用「书香标识」活动标识',
    ]);
    const partly = { ...empty, photos: 4, videoLink: 'https://v.example.com/1', videoSeconds: 160 };
    expect(missingItems(partly)).toEqual(['article', 'logo']);
    expect(checklist(partly, '书香标识').slice(0, 2)).toEqual(['✅ 照片 4 张', '✅ 视频 2分40秒']);
  });

  it('examples and durations read as before', () => {
    expect(submitExample('photos')).toBe('提交材料 照片 5');
    expect(submitExample('logo')).toBe('提交材料 标识 已使用');
    expect([formatDuration(160), formatDuration(180), formatDuration(45)]).toEqual(['2分40秒', '3分钟', '45秒']);
  });
});

describe.each(KINDS)('deliverables (承办单位须知) on %s', (kind) => {
  const domain = useDomainDb(kind, { logoName: '测试标识' });
  const june = new Date('2020-06-10T10:00:00+08:00');
  const afterEvent = new Date('2020-07-05T09:00:00+08:00');
  let host: Actor;
  let admin: Actor;
  let requestId: number;
  beforeAll(async () => {
    host = await actorFor(domain(), '湘潭联系人', '湘潭市总工会');
    admin = await actorFor(domain(), '省总王处', null, 'SUPERADMIN');
  });
  const submit = (submission: Submission | undefined, now = afterEvent) =>
    inTx(domain(), (tx) => submitItem(tx, { actor: host, campaign: domain().campaign, now, submission }));

  it('nothing to hand in before an approved event has been held', async () => {
    expect((await refusal(submit({ item: 'photos', count: 5 }))).key).toBe('deliverables.noEventHeld');
    const { request } = await inTx(domain(), (tx) =>
      requestSlot(tx, {
        actor: host,
        campaign: domain().campaign,
        now: june,
        chatId: null,
        month: '2020-07',
        theme: '工匠书香',
        proposedAt: new Date('2020-07-04T14:00:00+08:00'),
        place: '湘潭市图书馆',
        expectedParticipants: 100,
        contactName: host.name,
      }),
    );
    requestId = request.id;
    await inTx(domain(), (tx) => approve(tx, { actor: admin, id: requestId, now: june }));
    expect((await refusal(submit({ item: 'photos', count: 5 }, june))).key).toBe('deliverables.noEventHeld');
    const list = await inTx(domain(), (tx) => listHostDeliverables(tx, { campaignId: domain().campaign.id, now: june }));
    expect(list.map((h) => [h.request.id, h.request.unit.name, h.missing])).toEqual([[requestId, '湘潭市总工会', undefined]]);
  });

  it('each item is checked against the notice’s limits', async () => {
    const keyOf = async (s: Submission | undefined) => (await refusal(submit(s))).key;
    expect(await keyOf(undefined)).toBe('deliverables.whichItem');
    expect(await keyOf({ item: 'photos' })).toBe('deliverables.photoCountMissing');
    expect(await keyOf({ item: 'photos', count: RULES.photos.max + 1 })).toBe('deliverables.photoCountOutOfRange');
    expect(await keyOf({ item: 'photos', count: RULES.photos.min - 1 })).toBe('deliverables.photoCountOutOfRange');
    expect(await keyOf({ item: 'video', seconds: 160 })).toBe('deliverables.linkMissing');
    expect(await keyOf({ item: 'video', link: `https://v.example.com/${'x'.repeat(500)}`, seconds: 160 })).toBe('deliverables.linkMissing');
    expect(await keyOf({ item: 'video', link: 'https://v.example.com/1' })).toBe('deliverables.videoDurationMissing');
    const tooLong = await refusal(submit({ item: 'video', link: 'https://v.example.com/1', seconds: RULES.videoMaxSeconds + 60 }));
    expect(tooLong.message).toBe('视频要控制在 3 分钟内，这个有 4分钟，请剪短后再提交。');
    expect(await keyOf({ item: 'article', link: 'https://mp.example.com/a' })).toBe('deliverables.articleCharsMissing');
    expect((await refusal(submit({ item: 'article', link: 'https://mp.example.com/a', chars: 300 }))).message).toBe(
      '宣传稿件要求 800 字左右（640—960 字），这篇是 300 字。',
    );
    // The logo is the campaign's, not a fixed name.
    expect((await refusal(submit({ item: 'logo', used: false }))).message).toBe('活动现场须统一使用「测试标识」活动标识。用了的话请发送：提交材料 标识 已使用');
    expect(await domain().prisma.hostDeliverable.count()).toBe(0);
  });

  it('items are saved one by one; the last one marks the deliverable complete', async () => {
    const photos = await submit({ item: 'photos', count: 5 });
    expect(photos.request.id).toBe(requestId);
    expect(photos.saved).toBe('照片 5 张');
    expect(photos.missing).toEqual(['video', 'article', 'logo']);
    expect(photos.deliverable.completedAt).toBeNull();
    await submit({ item: 'video', link: 'https://v.example.com/1', seconds: 160 });
    await submit({ item: 'article', link: 'https://mp.example.com/a', chars: 820 });
    const list = await inTx(domain(), (tx) => listHostDeliverables(tx, { campaignId: domain().campaign.id, now: afterEvent }));
    expect(list.map((h) => h.missing)).toEqual([['logo']]);
    const logo = await submit({ item: 'logo', used: true });
    expect(logo.missing).toEqual([]);
    expect(logo.deliverable).toMatchObject({ photos: 5, videoSeconds: 160, articleChars: 820, logoUsed: true });
    expect(logo.deliverable.completedAt).toEqual(afterEvent);
    expect(checklist(logo.deliverable, '测试标识')).toEqual(['✅ 照片 5 张', '✅ 视频 2分40秒', '✅ 稿件 820 字', '✅ 标识已使用']);
    const audits = await domain().prisma.auditLog.findMany({ where: { action: 'deliver', entityId: String(requestId) }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { item: 'photos', saved: '照片 5 张' },
      { item: 'video', saved: '视频（2分40秒）' },
      { item: 'article', saved: '稿件（820 字）' },
      { item: 'logo', saved: '标识已使用' },
    ]);
    // Handing in again later keeps the first completion time.
    const later = new Date('2020-07-06T09:00:00+08:00');
    expect((await submit({ item: 'photos', count: 4 }, later)).deliverable.completedAt).toEqual(afterEvent);
  });
});
