import { beforeAll, describe, expect, it } from 'vitest';
import { activityState, listActivities, recordActivityHeld, registerActivity, type NewActivity } from '../../src/domain/activities.js';
import type { Actor } from '../../src/domain/actor.js';
import { organiserUnit } from '../../src/domain/organisers.js';
import { formatDate, formatDateTime } from '../../src/time.js';
import { KINDS } from '../helpers/db.js';
import { actorFor, inTx, useDomainDb } from '../helpers/domain.js';

describe.each(KINDS)('activities (附件1) on %s', (kind) => {
  const domain = useDomainDb(kind);
  const june10 = new Date('2020-06-10T10:00:00+08:00');
  const june20 = new Date('2020-06-20T14:00:00+08:00');
  let changsha: Actor;
  let zhuzhou: Actor;
  let admin: Actor;
  let chatId: number;
  beforeAll(async () => {
    const db = domain();
    changsha = await actorFor(db, '张三', '长沙市总工会');
    zhuzhou = await actorFor(db, '李四', '株洲市总工会');
    admin = await actorFor(db, '省总王处', null, 'ADMIN');
    chatId = (await db.prisma.chat.create({ data: { platform: 'console', platformChatId: '长沙群', title: '长沙群', isGroup: true } })).id;
  });
  const activity = (actor: Actor, theme: string, extra: Partial<NewActivity> = {}): NewActivity => ({
    actor,
    campaign: domain().campaign,
    chatId,
    kind: 'SALON',
    theme,
    place: '市图书馆三楼',
    startsAt: june20,
    contactName: actor.name,
    ...extra,
  });

  it('registers an activity for the actor’s unit and chat, with its audit row', async () => {
    const db = domain();
    const { activity: created, unit } = await inTx(db, (tx) => registerActivity(tx, activity(changsha, '读懂中国', { participants: 50, contactPhone: '13800000000' })));
    expect(unit.name).toBe('长沙市总工会');
    expect(created).toMatchObject({
      unitId: unit.id,
      chatId,
      kind: 'SALON',
      theme: '读懂中国',
      participantCount: 50,
      status: 'PLANNED',
      contactName: '张三',
      contactPhone: '13800000000',
      createdById: changsha.memberId,
    });
    expect(created.startsAt.toISOString()).toBe('2020-06-20T06:00:00.000Z');
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: 'Activity', entityId: String(created.id) } });
    expect(audit).toMatchObject({ action: 'create', memberId: changsha.memberId, actor: 'console:张三' });
    expect(JSON.parse(audit.detail)).toEqual({ unit: '长沙市总工会', kind: 'SALON', theme: '读懂中国', startsAt: '2020-06-20T06:00:00.000Z' });
  });

  it('takes place within the campaign; the refusal gives the campaign’s dates', async () => {
    const db = domain();
    const { campaign } = db;
    const late = new Date('2021-01-05T14:00:00+08:00');
    await expect(inTx(db, (tx) => registerActivity(tx, activity(changsha, '新年读书会', { startsAt: late })))).rejects.toMatchObject({
      key: 'activities.outsideCampaign',
      message: `活动时间 2021年1月5日 14:00 不在活动期内（${formatDate(campaign.startsAt)} 至 ${formatDate(campaign.endsAt)}）。`,
    });
    await expect(inTx(db, (tx) => registerActivity(tx, activity(changsha, '早春读书会', { startsAt: new Date('2020-04-30T14:00:00+08:00') })))).rejects.toMatchObject({
      key: 'activities.outsideCampaign',
    });
    // The campaign's first moment is inside it.
    await inTx(db, (tx) => registerActivity(tx, activity(changsha, '开幕快闪', { kind: 'FLASH', startsAt: campaign.startsAt })));
  });

  it('the 组织单位: the actor’s unit unnamed, one under it by name, none elsewhere; an admin names any', async () => {
    const db = domain();
    const parent = await db.prisma.unit.findUniqueOrThrow({ where: { name: '长沙市总工会' } });
    await db.prisma.unit.create({ data: { name: '长沙银行工会', kind: 'GRASSROOTS', parentId: parent.id } });
    expect((await inTx(db, (tx) => organiserUnit(tx, changsha, undefined))).name).toBe('长沙市总工会');
    expect((await inTx(db, (tx) => organiserUnit(tx, changsha, '长沙银行工会'))).name).toBe('长沙银行工会');
    await expect(inTx(db, (tx) => organiserUnit(tx, zhuzhou, '长沙银行工会'))).rejects.toMatchObject({
      key: 'activities.organiserNotYours',
      message: '您只能为本单位或下属基层单位登记，「长沙银行工会」不在其中。',
    });
    await expect(inTx(db, (tx) => organiserUnit(tx, changsha, '火星工会'))).rejects.toMatchObject({
      key: 'activities.organiserUnknown',
      message: '组织单位「火星工会」没有找到或不唯一。基层单位请先发送「绑定 上级单位/基层单位全称」登记。',
    });
    expect((await inTx(db, (tx) => organiserUnit(tx, admin, '株洲'))).name).toBe('株洲市总工会');
    await expect(inTx(db, (tx) => organiserUnit(tx, admin, undefined))).rejects.toMatchObject({ key: 'access.bindFirst' });
    const { unit } = await inTx(db, (tx) => registerActivity(tx, activity(changsha, '银行读书月', { kind: 'MONTH', organiser: '长沙银行工会', startsAt: june10 })));
    expect(unit.name).toBe('长沙银行工会');
    await inTx(db, (tx) => registerActivity(tx, activity(zhuzhou, '株洲快闪', { kind: 'FLASH' })));
  });

  it('lists the actor’s unit and those under it, latest first (the province for an admin without a unit)', async () => {
    const db = domain();
    const campaignId = db.campaign.id;
    const mine = await inTx(db, (tx) => listActivities(tx, { actor: changsha, campaignId }));
    expect(mine.activities.map((a) => [a.theme, a.unit.name])).toEqual([
      ['读懂中国', '长沙市总工会'],
      ['银行读书月', '长沙银行工会'],
      ['开幕快闪', '长沙市总工会'],
    ]);
    expect(mine.total).toBe(3);
    expect((await inTx(db, (tx) => listActivities(tx, { actor: zhuzhou, campaignId }))).activities.map((a) => a.theme)).toEqual(['株洲快闪']);
    expect((await inTx(db, (tx) => listActivities(tx, { actor: admin, campaignId }))).total).toBe(4);
  });

  it('where an activity stands: planned, over but not counted, held', () => {
    expect(activityState({ status: 'PLANNED', startsAt: june20 }, june10)).toBe('planned');
    expect(activityState({ status: 'PLANNED', startsAt: june10 }, june20)).toBe('awaitingCount');
    expect(activityState({ status: 'HELD', startsAt: june10 }, june20)).toBe('held');
  });

  it('records it held once it has started; again corrects the count; only its unit or an admin', async () => {
    const db = domain();
    const campaignId = db.campaign.id;
    const target = await db.prisma.activity.findFirstOrThrow({ where: { theme: '读懂中国' } });
    const held = (actor: Actor, now: Date, participants: number, id = target.id) =>
      inTx(db, (tx) => recordActivityHeld(tx, { actor, campaignId, now, id, participants }));
    await expect(held(changsha, june10, 48)).rejects.toMatchObject({
      key: 'activities.notStarted',
      message: `活动 #${target.id} 还没开始，办完后再上报人数吧。`,
    });
    const after = new Date('2020-06-20T18:00:00+08:00');
    const first = await held(changsha, after, 48);
    expect(first.correctedFrom).toBeUndefined();
    expect(first.activity).toMatchObject({ status: 'HELD', participantCount: 48 });
    expect(first.activity.heldAt?.toISOString()).toBe(after.toISOString());
    await expect(held(zhuzhou, after, 1)).rejects.toMatchObject({
      key: 'access.notYourRecord',
      message: '这条活动不属于您代表的单位，只能由该单位的人或管理员修改。发送「我的」看看您代表哪个单位。',
    });
    await expect(held(changsha, after, 1, 9999)).rejects.toMatchObject({
      key: 'activities.notFound',
      message: '没有编号为 9999 的活动。发送「活动列表」查看编号。',
    });
    const second = await held(admin, after, 52);
    expect(second.correctedFrom).toBe(48);
    expect(second.activity.participantCount).toBe(52);
    const audits = await db.prisma.auditLog.findMany({ where: { entity: 'Activity', entityId: String(target.id), action: 'held' }, orderBy: { id: 'asc' } });
    // The first count replaces the expected 50 given at registration.
    expect(audits.map((row) => JSON.parse(row.detail))).toEqual([{ participants: [50, 48] }, { participants: [48, 52] }]);
  });
});
