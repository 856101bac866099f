import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { listCommunities, registerCommunity, updateCommunityHeadCount, type NewCommunity } from '../../src/domain/communities.js';
import { KINDS } from '../helpers/db.js';
import { actorFor, inTx, useDomainDb } from '../helpers/domain.js';

describe.each(KINDS)('communities (附件2) on %s', (kind) => {
  const domain = useDomainDb(kind);
  const june = new Date('2020-06-10T10:00:00+08:00');
  let changsha: Actor;
  let zhuzhou: Actor;
  let admin: Actor;
  beforeAll(async () => {
    changsha = await actorFor(domain(), '张三', '长沙市总工会');
    zhuzhou = await actorFor(domain(), '李四', '株洲市总工会');
    admin = await actorFor(domain(), '省总王处', null, 'ADMIN');
  });
  const community = (actor: Actor, name: string, extra: Partial<NewCommunity> = {}): NewCommunity => ({
    actor,
    campaignId: domain().campaign.id,
    now: june,
    name,
    foundedOn: new Date('2020-06-01T00:00:00+08:00'),
    memberCount: 120,
    features: '每周线上共读',
    contactName: actor.name,
    ...extra,
  });

  it('registers a community for the actor’s unit, with its audit row', async () => {
    const db = domain();
    const { community: created, unit } = await inTx(db, (tx) => registerCommunity(tx, community(changsha, '书香长沙', { contactPhone: '13800000000' })));
    expect(unit.name).toBe('长沙市总工会');
    expect(created).toMatchObject({ unitId: unit.id, name: '书香长沙', memberCount: 120, contactName: '张三', contactPhone: '13800000000', createdById: changsha.memberId });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: 'ReadingGroup', entityId: String(created.id) } });
    expect(audit).toMatchObject({ action: 'create', memberId: changsha.memberId, actor: 'console:张三', messageId: 'm-张三' });
    expect(JSON.parse(audit.detail)).toEqual({ unit: '长沙市总工会', name: '书香长沙', memberCount: 120 });
  });

  it('a unit registers a name once; the refusal points to 更新社群', async () => {
    const db = domain();
    const existing = await db.prisma.readingGroup.findFirstOrThrow({ where: { name: '书香长沙' } });
    await expect(inTx(db, (tx) => registerCommunity(tx, community(changsha, '书香长沙')))).rejects.toMatchObject({
      key: 'communities.duplicate',
      message: `「长沙市总工会」已经登记过社群「书香长沙」（编号 ${existing.id}）。要改人数请发送：更新社群 ${existing.id} 人数 <n>`,
    });
    // Another unit may use the same name.
    await inTx(db, (tx) => registerCommunity(tx, community(zhuzhou, '书香长沙', { memberCount: 30 })));
  });

  it('is not founded in the future, and needs a unit', async () => {
    const db = domain();
    await expect(inTx(db, (tx) => registerCommunity(tx, community(changsha, '明日书社', { foundedOn: new Date('2020-07-01T00:00:00+08:00') })))).rejects.toMatchObject({
      key: 'communities.foundedInFuture',
      message: '成立时间 2020年7月1日 还没到，请核对。',
    });
    const unbound = await actorFor(db, '王五', null);
    await expect(inTx(db, (tx) => registerCommunity(tx, community(unbound, '无主书社')))).rejects.toMatchObject({ key: 'access.bindFirst' });
  });

  it('names a 组织单位 under the actor’s unit; not one elsewhere, nor one it cannot find; an admin any', async () => {
    const db = domain();
    const prisma = db.prisma;
    const parent = await prisma.unit.findUniqueOrThrow({ where: { name: '长沙市总工会' } });
    await prisma.unit.create({ data: { name: '长沙银行工会', kind: 'GRASSROOTS', parentId: parent.id } });
    const { unit } = await inTx(db, (tx) => registerCommunity(tx, community(changsha, '银行书友会', { organiser: '长沙银行工会', memberCount: 40 })));
    expect(unit.name).toBe('长沙银行工会');
    await expect(inTx(db, (tx) => registerCommunity(tx, community(changsha, '越界书社', { organiser: '株洲' })))).rejects.toMatchObject({
      key: 'activities.organiserNotYours',
      message: '您只能为本单位或下属基层单位登记，「株洲市总工会」不在其中。',
    });
    await expect(inTx(db, (tx) => registerCommunity(tx, community(changsha, '无名书社', { organiser: '火星工会' })))).rejects.toMatchObject({
      key: 'activities.organiserUnknown',
    });
    const { unit: adminUnit } = await inTx(db, (tx) => registerCommunity(tx, community(admin, '湘潭书院', { organiser: '湘潭', memberCount: 10 })));
    expect(adminUnit.name).toBe('湘潭市总工会');
  });

  it('lists the actor’s unit and those under it (the province for an admin without a unit), with totals', async () => {
    const db = domain();
    const campaignId = db.campaign.id;
    const mine = await inTx(db, (tx) => listCommunities(tx, { actor: changsha, campaignId }));
    expect(mine.communities.map((c) => [c.name, c.unit.name])).toEqual([
      ['书香长沙', '长沙市总工会'],
      ['银行书友会', '长沙银行工会'],
    ]);
    expect(mine).toMatchObject({ total: 2, memberTotal: 160 });
    const all = await inTx(db, (tx) => listCommunities(tx, { actor: admin, campaignId }));
    expect(all).toMatchObject({ total: 4, memberTotal: 200 });
    const hengyang = await actorFor(db, '赵六', '衡阳市总工会');
    const none = await inTx(db, (tx) => listCommunities(tx, { actor: hengyang, campaignId }));
    expect(none).toEqual({ communities: [], total: 0, memberTotal: 0 });
  });

  it('updates a head count for its own unit only, auditing before and after', async () => {
    const db = domain();
    const prisma = db.prisma;
    const campaignId = db.campaign.id;
    const target = await prisma.readingGroup.findFirstOrThrow({ where: { name: '银行书友会' } });
    const { community: updated, before } = await inTx(db, (tx) => updateCommunityHeadCount(tx, { actor: changsha, campaignId, id: target.id, memberCount: 55 }));
    expect([before, updated.memberCount]).toEqual([40, 55]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entity: 'ReadingGroup', entityId: String(target.id), action: 'update' } });
    expect(JSON.parse(audit.detail)).toEqual({ memberCount: [40, 55] });
    await expect(inTx(db, (tx) => updateCommunityHeadCount(tx, { actor: zhuzhou, campaignId, id: target.id, memberCount: 1 }))).rejects.toMatchObject({
      key: 'access.notYourRecord',
      message: '这条社群不属于您代表的单位，只能由该单位的人或管理员修改。发送「我的」看看您代表哪个单位。',
    });
    await expect(inTx(db, (tx) => updateCommunityHeadCount(tx, { actor: changsha, campaignId, id: 9999, memberCount: 1 }))).rejects.toMatchObject({
      key: 'communities.notFound',
      message: '没有编号为 9999 的社群。发送「社群列表」查看编号。',
    });
    await inTx(db, (tx) => updateCommunityHeadCount(tx, { actor: admin, campaignId, id: target.id, memberCount: 60 }));
    expect((await prisma.readingGroup.findUniqueOrThrow({ where: { id: target.id } })).memberCount).toBe(60);
  });
});
