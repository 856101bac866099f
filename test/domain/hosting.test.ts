import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { UserError } from '../../src/domain/errors.js';
import { approve, listUndecided, listUnitRequests, reject, requestSlot, setCapacity, slotsLeft, withdraw, type SlotRequest } from '../../src/domain/hosting.js';
import { KINDS } from '../helpers/db.js';
// Approvals race here, so transactions run as the dispatcher runs them (again after a write conflict).
import { actorFor, inTxRetrying as inTx, refusalKey as refusal, useDomainDb } from '../helpers/domain.js';

const june = new Date('2020-06-10T10:00:00+08:00');

describe.each(KINDS)('hosting (承办申报) on %s', (kind) => {
  const domain = useDomainDb(kind, { contactEmail: 'forms@example.org', logoName: '测试标识' });
  const contacts = new Map<string, Actor>();
  let admin: Actor;
  let admin2: Actor;
  const cities = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德'];
  beforeAll(async () => {
    for (const city of cities) contacts.set(city, await actorFor(domain(), `${city}联系人`, `${city}市总工会`));
    admin = await actorFor(domain(), '省总王处', null, 'SUPERADMIN');
    admin2 = await actorFor(domain(), '王芳', null, 'ADMIN');
  });
  const contact = (city: string) => contacts.get(city)!;
  const slot = (city: string, month: string, extra: Partial<SlotRequest> = {}): SlotRequest => ({
    actor: contact(city),
    campaign: domain().campaign,
    now: june,
    chatId: null,
    month,
    theme: `书香${city}`,
    proposedAt: new Date(`${month}-18T14:00:00+08:00`),
    place: `${city}市图书馆`,
    expectedParticipants: 200,
    contactName: contact(city).name,
    ...extra,
  });
  const ask = (city: string, month: string, extra?: Partial<SlotRequest>) => inTx(domain(), (tx) => requestSlot(tx, slot(city, month, extra)));
  const statusOf = async (id: number) => (await domain().prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status;
  const approvedIn = async (month: string) =>
    (await domain().prisma.hostMonth.findFirstOrThrow({ where: { campaignId: domain().campaign.id, month } })).approved;

  it('requestSlot: pending while the month has slots, with a notice for the admins and an audit row', async () => {
    const { request, slots, notices } = await ask('长沙', '2020-07', { contactPhone: '13800000000' });
    expect(request).toMatchObject({ status: 'PENDING', month: '2020-07', unit: { name: '长沙市总工会' }, contactPhone: '13800000000' });
    expect(slots).toEqual({ left: 3, capacity: 3 });
    expect(notices).toEqual([{ kind: 'host-requested', request, slots }]);
    const row = await domain().prisma.auditLog.findFirstOrThrow({ where: { action: 'create', entity: 'HostRequest', entityId: String(request.id) } });
    expect(JSON.parse(row.detail)).toEqual({ unit: '长沙市总工会', month: '2020-07', status: 'PENDING' });
    expect(row.actor).toBe('console:长沙联系人');
  });

  it('requestSlot refuses a past month, a month outside the campaign, a date outside the month and a second open request', async () => {
    expect(await refusal(ask('株洲', '2020-05', { proposedAt: new Date('2020-05-20T14:00:00+08:00') }))).toBe('hosting.monthPast');
    expect(await refusal(ask('株洲', '2021-01'))).toBe('hosting.monthOutsideCampaign');
    expect(await refusal(ask('株洲', '2020-08', { proposedAt: new Date('2020-09-01T14:00:00+08:00') }))).toBe('hosting.dateOutsideMonth');
    expect(await refusal(ask('长沙', '2020-07'))).toBe('hosting.alreadyRequested');
    const noUnit = { ...contact('株洲'), unit: null };
    expect(await refusal(ask('株洲', '2020-07', { actor: noUnit }))).toBe('access.bindFirst');
  });

  it('approve: the approval that fills the month waitlists the pending rest; a full month and a decided request are refused', async () => {
    const ids = [(await domain().prisma.hostRequest.findFirstOrThrow({ where: { month: '2020-07' } })).id];
    for (const city of ['株洲', '湘潭', '衡阳']) ids.push((await ask(city, '2020-07')).request.id);
    const first = await inTx(domain(), (tx) => approve(tx, { actor: admin, id: ids[0], now: june }));
    expect(first.slots).toEqual({ left: 2, capacity: 3 });
    expect(first.notices).toEqual([{ kind: 'host-decided', request: first.request, by: '省总王处', waitlisted: [] }]);
    expect(first.request).toMatchObject({ status: 'APPROVED', decidedById: admin.memberId, unit: { name: '长沙市总工会' } });
    await inTx(domain(), (tx) => approve(tx, { actor: admin, id: ids[1], now: june }));
    const third = await inTx(domain(), (tx) => approve(tx, { actor: admin2, id: ids[2], now: june }));
    expect(third.slots).toEqual({ left: 0, capacity: 3 });
    expect(third.waitlisted.map((w) => [w.id, w.status, w.unit.name])).toEqual([[ids[3], 'WAITLISTED', '衡阳市总工会']]);
    expect(third.notices[0]).toMatchObject({ kind: 'host-decided', by: '王芳', waitlisted: [{ id: ids[3] }] });
    expect(await statusOf(ids[3])).toBe('WAITLISTED');
    expect(await refusal(inTx(domain(), (tx) => approve(tx, { actor: admin, id: ids[3], now: june })))).toBe('hosting.monthFull');
    expect(await statusOf(ids[3])).toBe('WAITLISTED');
    const again = inTx(domain(), (tx) => approve(tx, { actor: admin2, id: ids[0], now: june }));
    await expect(again).rejects.toThrow(/已由省总王处于 2020年6月10日 10:00 批准，无需再处理/);
    expect(await approvedIn('2020-07')).toBe(3);
    const audits = await domain().prisma.auditLog.findMany({ where: { action: 'approve', entityId: { in: ids.map(String) } }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([{ waitlisted: [] }, { waitlisted: [] }, { waitlisted: [ids[3]] }]);
    expect(await refusal(inTx(domain(), (tx) => approve(tx, { actor: admin, id: 999_999, now: june })))).toBe('hosting.notFound');
  });

  it('withdraw: only the requester, the unit\'s contacts or an admin may, once confirmed; an approved one frees its slot and the oldest waitlisted request comes back', async () => {
    const requests = await domain().prisma.hostRequest.findMany({ where: { month: '2020-07' }, orderBy: { id: 'asc' } });
    const [changsha, zhuzhou, , hengyang] = requests;
    const campaignId = domain().campaign.id;
    const withdrawAs = async (actor: Actor, id: number, confirmed = true) => {
      const result = await inTx(domain(), (tx) => withdraw(tx, { actor, campaignId, id, now: june, confirmed }));
      if ('confirm' in result) throw new Error('asked to confirm');
      return result;
    };
    expect(await refusal(withdrawAs(contact('株洲'), changsha.id))).toBe('hosting.withdrawNotYours');
    // Someone in 长沙's group who is not its contact acts for 长沙 there, but may not withdraw its request.
    const passerby = { ...(await actorFor(domain(), '路人丙', null)), unit: contact('长沙').unit, via: 'group' as const };
    expect(await refusal(withdrawAs(passerby, changsha.id))).toBe('hosting.withdrawNotYours');
    expect(await statusOf(changsha.id)).not.toBe('WITHDRAWN');
    // A request is given up only once confirmed.
    const asked = await inTx(domain(), (tx) => withdraw(tx, { actor: contact('株洲'), campaignId, id: zhuzhou.id, now: june }));
    expect(asked).toMatchObject({ confirm: { id: zhuzhou.id, unit: { name: '株洲市总工会' } } });
    expect(await statusOf(zhuzhou.id)).toBe('APPROVED');
    const done = await withdrawAs(contact('株洲'), zhuzhou.id);
    expect(done.request.id).toBe(zhuzhou.id);
    expect(done.promoted).toMatchObject({ id: hengyang.id, status: 'PENDING', unit: { name: '衡阳市总工会' } });
    expect(done.notices).toEqual([
      { kind: 'host-withdrawn', request: done.request, by: contact('株洲').name, tellGroup: false },
      { kind: 'host-promoted', request: done.promoted },
    ]);
    expect(await statusOf(zhuzhou.id)).toBe('WITHDRAWN');
    expect(await statusOf(hengyang.id)).toBe('PENDING');
    expect(await approvedIn('2020-07')).toBe(2);
    expect(await refusal(withdrawAs(contact('株洲'), zhuzhou.id))).toBe('hosting.nothingToWithdraw');
    expect(await refusal(withdrawAs(contact('株洲'), 999_999))).toBe('hosting.notFoundMine');
    const audit = await domain().prisma.auditLog.findFirstOrThrow({ where: { action: 'withdraw', entityId: String(zhuzhou.id) } });
    expect(JSON.parse(audit.detail)).toEqual({ from: 'APPROVED', promoted: hengyang.id });
    // A pending one gives back no slot; an admin may withdraw any unit's, and the unit hears it.
    const pending = await withdrawAs(admin, hengyang.id);
    expect(pending.promoted).toBeUndefined();
    expect(pending.notices).toEqual([{ kind: 'host-withdrawn', request: pending.request, by: admin.name, tellGroup: true }]);
    expect(await approvedIn('2020-07')).toBe(2);
  });

  it('reject records the reason and who decided; a rejected request cannot be approved', async () => {
    const { request } = await ask('邵阳', '2020-10');
    const rejected = await inTx(domain(), (tx) => reject(tx, { actor: admin2, id: request.id, reason: '场地容量不足', now: june }));
    expect(rejected.request).toMatchObject({ status: 'REJECTED', reason: '场地容量不足', decidedById: admin2.memberId });
    expect(rejected.notices).toEqual([{ kind: 'host-decided', request: rejected.request, by: '王芳', waitlisted: [] }]);
    await expect(inTx(domain(), (tx) => approve(tx, { actor: admin, id: request.id, now: june }))).rejects.toThrow(/已由王芳于 .* 驳回，无需再处理/);
    const audit = await domain().prisma.auditLog.findFirstOrThrow({ where: { action: 'reject', entityId: String(request.id) } });
    expect(JSON.parse(audit.detail)).toEqual({ reason: '场地容量不足' });
  });

  it('approvals at the same moment never overfill a month, and each request is decided once', async () => {
    const ids: number[] = [];
    for (const city of ['长沙', '株洲', '湘潭', '衡阳', '岳阳']) ids.push((await ask(city, '2020-09')).request.id);
    const outcomes = await Promise.allSettled(
      // Retried on a conflict (a deadlock or serialization failure under load), as the dispatcher does.
      ids.flatMap((id) => [admin, admin2].map((actor) => inTx(domain(), (tx) => approve(tx, { actor, id, now: june })))),
    );
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason);
    expect(failures.filter((err) => !(err instanceof UserError)).map(String)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const after = await domain().prisma.hostRequest.findMany({ where: { month: '2020-09' } });
    expect(after.filter((r) => r.status === 'APPROVED')).toHaveLength(3);
    expect(after.filter((r) => r.status === 'WAITLISTED')).toHaveLength(2);
    expect(await approvedIn('2020-09')).toBe(3);
    expect(await domain().prisma.auditLog.count({ where: { action: 'approve', entityId: { in: ids.map(String) } } })).toBe(3);
  });

  it('setCapacity: raising brings waitlisted requests back in order; lowering to what is approved waitlists the pending', async () => {
    const campaignId = domain().campaign.id;
    const set = (capacity: number) => inTx(domain(), (tx) => setCapacity(tx, { actor: admin, campaignId, month: '2020-09', capacity }));
    const waiting = await domain().prisma.hostRequest.findMany({ where: { month: '2020-09', status: 'WAITLISTED' }, orderBy: { id: 'asc' } });
    expect(await refusal(set(0))).toBe('hosting.capacityTooSmall');
    expect(await refusal(set(2))).toBe('hosting.capacityBelowApproved');
    const raised = await set(4);
    expect(raised.approved).toBe(3);
    expect(raised.promoted.map((r) => [r.id, r.status])).toEqual([[waiting[0].id, 'PENDING']]);
    expect(raised.notices).toEqual([{ kind: 'host-promoted', request: raised.promoted[0] }]);
    expect(raised.promoted[0].unit.name).toMatch(/市总工会$/);
    expect(await statusOf(waiting[1].id)).toBe('WAITLISTED');
    const lowered = await set(3);
    expect(lowered.waitlisted.map((r) => r.id)).toEqual([waiting[0].id]);
    expect(lowered.notices).toEqual([]);
    expect(await statusOf(waiting[0].id)).toBe('WAITLISTED');
    expect(await inTx(domain(), (tx) => slotsLeft(tx, campaignId, '2020-09'))).toEqual({ left: 0, capacity: 3 });
    const audit = await domain().prisma.auditLog.findFirstOrThrow({ where: { action: 'set-capacity', entity: 'HostMonth' }, orderBy: { id: 'asc' } });
    expect(JSON.parse(audit.detail)).toEqual({ capacity: 4, promoted: [waiting[0].id], waitlisted: [] });
  });

  it('a request that finds its month full goes straight to the waitlist', async () => {
    const { request, slots } = await ask('常德', '2020-09');
    expect(request.status).toBe('WAITLISTED');
    expect(slots).toEqual({ left: 0, capacity: 3 });
  });

  it('lists: 审批列表 by month with its slots; 我的申报 the unit’s own, newest month first', async () => {
    await ask('长沙', '2020-08');
    const months = await inTx(domain(), (tx) => listUndecided(tx, domain().campaign.id));
    expect(months.map((m) => [m.month, m.slots.left, m.slots.capacity, m.requests.length])).toEqual([
      ['2020-08', 3, 3, 1],
      ['2020-09', 0, 3, 3],
    ]);
    expect(months[0].requests[0]).toMatchObject({ status: 'PENDING', unit: { name: '长沙市总工会' } });
    expect(months[1].requests.every((r) => r.status === 'WAITLISTED')).toBe(true);
    const mine = await inTx(domain(), (tx) => listUnitRequests(tx, { actor: contact('长沙'), campaignId: domain().campaign.id }));
    expect(mine.unit.name).toBe('长沙市总工会');
    expect(mine.requests.map((r) => r.month)).toEqual(['2020-09', '2020-08', '2020-07']);
    expect(await refusal(inTx(domain(), (tx) => listUnitRequests(tx, { actor: admin, campaignId: domain().campaign.id })))).toBe('access.bindFirst');
  });
});
