import type { Tx } from '../db/client.js';
import type { Campaign, HostRequest, HostStatus, Unit } from '../generated/sqlite/client.js';
import { HOST_STATUS_LABEL, t } from '../texts.js';
import { formatDate, formatDateTime, monthKey, shanghaiParts } from '../time.js';
import { actingUnit, audit, type Actor } from './actor.js';
import { mayHost, monthWithinCampaign } from './campaign.js';
import { unitScope } from './units.js';
import { UserError } from './errors.js';
import type { Notice, RequestWithUnit } from './notices.js';

/**
 * 承办申报: units ask to host the province's 主题读书月 event in a month; admins approve or
 * reject; each month has a few slots (the notice: 2–3), and a request that finds the month full
 * waits on the waitlist until a slot frees. Every change here returns the notices others should
 * hear; the caller hands them on (ctx.notify) and they go out after the commit.
 */

/** The province picks 2–3 hosts a month (the notice); 3 unless an admin sets otherwise. */
export const DEFAULT_MONTH_CAPACITY = 3;
/** A request that still holds, or waits for, a slot: at most one per unit and month. */
/** A request still in play: waiting, on the waitlist, or approved. */
export const OPEN_STATUSES: HostStatus[] = ['PENDING', 'WAITLISTED', 'APPROVED'];

export interface Slots {
  left: number;
  capacity: number;
}

/** The month's slot row, created with the default capacity on first use. */
export async function hostMonth(tx: Tx, campaignId: number, month: string) {
  return tx.hostMonth.upsert({
    where: { campaignId_month: { campaignId, month } },
    create: { campaignId, month, capacity: DEFAULT_MONTH_CAPACITY },
    update: {},
  });
}

export async function slotsLeft(tx: Tx, campaignId: number, month: string): Promise<Slots> {
  const row = await hostMonth(tx, campaignId, month);
  return { left: Math.max(0, row.capacity - row.approved), capacity: row.capacity };
}

/** Claims one slot of the month; false when it is full. Atomic: concurrent claims cannot overfill. */
async function claimSlot(tx: Tx, campaignId: number, month: string): Promise<boolean> {
  const row = await hostMonth(tx, campaignId, month);
  const claimed = await tx.$executeRaw`
    UPDATE "HostMonth" SET "approved" = "approved" + 1 WHERE "id" = ${row.id} AND "approved" < "capacity"`;
  return claimed === 1;
}

async function releaseSlot(tx: Tx, campaignId: number, month: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "HostMonth" SET "approved" = "approved" - 1
     WHERE "campaignId" = ${campaignId} AND "month" = ${month} AND "approved" > 0`;
}

/** A host date as people typed it: with its time when one was given (2026年7月18日 14:00), else the day alone. */
export function hostDate(d: Date): string {
  const { hour, minute } = shanghaiParts(d);
  return hour === 0 && minute === 0 ? formatDate(d) : formatDateTime(d);
}

// ——— 申报承办 ———

export interface SlotRequest {
  actor: Actor;
  campaign: Pick<Campaign, 'id' | 'startsAt' | 'endsAt'>;
  now: Date;
  /** The group it was asked in, which hears the decision; null when there is none. */
  chatId: number | null;
  /** `YYYY-MM`. */
  month: string;
  theme: string;
  proposedAt: Date;
  place: string;
  expectedParticipants: number;
  contactName: string;
  contactPhone?: string;
}

/**
 * A unit asks to host a month's event: the month must not be past and must lie in the campaign,
 * the date must lie in the month, and a unit has one open request per month. With a slot left
 * the request waits for approval; without, it goes on the waitlist. Admins get an approval card.
 */
export async function requestSlot(tx: Tx, input: SlotRequest): Promise<{ request: HostRequest & { unit: Unit }; slots: Slots; notices: Notice[] }> {
  const unit = actingUnit(input.actor);
  if (!mayHost(unit.kind)) throw new UserError('hosting.unitMayNotHost', { unit: unit.name });
  const { campaign, month } = input;
  if (month < monthKey(input.now)) throw new UserError('hosting.monthPast', { month });
  if (!monthWithinCampaign(campaign, month)) {
    throw new UserError('hosting.monthOutsideCampaign', { month, from: monthKey(campaign.startsAt), to: monthKey(campaign.endsAt) });
  }
  if (monthKey(input.proposedAt) !== month) throw new UserError('hosting.dateOutsideMonth', { date: formatDate(input.proposedAt), month });
  const open = await tx.hostRequest.findFirst({ where: { campaignId: campaign.id, unitId: unit.id, month, status: { in: OPEN_STATUSES } } });
  if (open) throw new UserError('hosting.alreadyRequested', { unit: unit.name, month, id: open.id, status: HOST_STATUS_LABEL[open.status] });
  const slots = await slotsLeft(tx, campaign.id, month);
  const created = await tx.hostRequest.create({
    data: {
      campaignId: campaign.id,
      unitId: unit.id,
      chatId: input.chatId,
      month,
      theme: input.theme,
      proposedAt: input.proposedAt,
      place: input.place,
      expectedParticipants: input.expectedParticipants,
      contactName: input.contactName,
      contactPhone: input.contactPhone ?? '',
      status: slots.left > 0 ? 'PENDING' : 'WAITLISTED',
      requestedById: input.actor.memberId,
    },
  });
  await audit(tx, input.actor, 'create', 'HostRequest', created.id, { unit: unit.name, month, status: created.status });
  const request = { ...created, unit };
  return { request, slots, notices: [{ kind: 'host-requested', request, slots }] };
}

// ——— 批准 / 驳回 ———

export interface Decision {
  request: RequestWithUnit;
  /** Requests moved to the waitlist because this approval filled the month. */
  waitlisted: RequestWithUnit[];
  /** The month's slots after this approval. */
  slots: Slots;
  notices: Notice[];
}

/**
 * Moves an undecided (pending or waitlisted) request to `status`. The change is conditional on
 * the status read, so when two admins decide at once exactly one of them does.
 */
async function decide(
  tx: Tx,
  id: number,
  status: 'APPROVED' | 'REJECTED',
  data: { decidedById: number; decidedAt: Date; reason: string },
): Promise<RequestWithUnit> {
  const found = await tx.hostRequest.findUnique({ where: { id }, include: { unit: true } });
  if (!found) throw new UserError('hosting.notFound', { id });
  await refuseDecided(tx, found);
  if (found.status !== 'PENDING' && found.status !== 'WAITLISTED') {
    throw new UserError('hosting.cannotDecide', { id, status: HOST_STATUS_LABEL[found.status], decision: status });
  }
  const changed = await tx.hostRequest.updateMany({ where: { id, status: found.status }, data: { status, ...data } });
  if (changed.count !== 1) {
    // Another admin decided between our read and our write: say who.
    const now = await tx.hostRequest.findUnique({ where: { id } });
    if (now) await refuseDecided(tx, now);
    throw new UserError('hosting.decidedMeanwhile', { id });
  }
  return { ...found, status, ...data };
}

/**
 * Whether request `id` may still be decided (it exists, and is pending or waitlisted); refused
 * with the reason otherwise. 驳回 asks this before it asks for the reason.
 */
export async function assertDecidable(tx: Tx, id: number): Promise<RequestWithUnit> {
  const found = await tx.hostRequest.findUnique({ where: { id }, include: { unit: true } });
  if (!found) throw new UserError('hosting.notFound', { id });
  await refuseDecided(tx, found);
  if (found.status !== 'PENDING' && found.status !== 'WAITLISTED') {
    throw new UserError('hosting.cannotDecide', { id, status: HOST_STATUS_LABEL[found.status], decision: 'REJECTED' });
  }
  return found;
}

/** A decided request is refused with who decided it and when: 「已由王处于 … 批准，无需再处理」. */
async function refuseDecided(tx: Tx, request: HostRequest): Promise<void> {
  const { status } = request;
  if ((status !== 'APPROVED' && status !== 'REJECTED') || !request.decidedById || !request.decidedAt) return;
  const by = await tx.member.findUnique({ where: { id: request.decidedById } });
  throw new UserError('hosting.alreadyDecided', {
    id: request.id,
    by: by?.displayName ?? t('hosting.anotherAdmin'),
    at: formatDateTime(request.decidedAt),
    decision: status,
  });
}

/**
 * Approves a request when its month has a slot left; filling the month waitlists the pending rest.
 * The request is decided first (a second click loses there), then the slot is claimed: a full
 * month throws, and the message's transaction, status change included, rolls back.
 */
export async function approve(tx: Tx, input: { actor: Actor; id: number; now: Date }): Promise<Decision> {
  const { actor, id } = input;
  const request = await decide(tx, id, 'APPROVED', { decidedById: actor.memberId, decidedAt: input.now, reason: '' });
  const { campaignId, month } = request;
  if (!(await claimSlot(tx, campaignId, month))) {
    const { capacity } = await slotsLeft(tx, campaignId, month);
    throw new UserError('hosting.monthFull', { month, capacity });
  }
  let waitlisted: RequestWithUnit[] = [];
  const slots = await slotsLeft(tx, campaignId, month);
  if (slots.left === 0) {
    const pending = await tx.hostRequest.findMany({ where: { campaignId, month, status: 'PENDING' }, include: { unit: true } });
    await tx.hostRequest.updateMany({ where: { id: { in: pending.map((w) => w.id) }, status: 'PENDING' }, data: { status: 'WAITLISTED' } });
    waitlisted = pending.map((w) => ({ ...w, status: 'WAITLISTED' as const }));
  }
  await audit(tx, actor, 'approve', 'HostRequest', id, { waitlisted: waitlisted.map((w) => w.id) });
  return { request, waitlisted, slots, notices: [{ kind: 'host-decided', request, by: actor.name, waitlisted }] };
}

/** Rejects an undecided request; the reason goes to the applicant's group. */
export async function reject(tx: Tx, input: { actor: Actor; id: number; reason: string; now: Date }): Promise<{ request: RequestWithUnit; notices: Notice[] }> {
  const { actor, id, reason } = input;
  const request = await decide(tx, id, 'REJECTED', { decidedById: actor.memberId, decidedAt: input.now, reason });
  await audit(tx, actor, 'reject', 'HostRequest', id, { reason });
  return { request, notices: [{ kind: 'host-decided', request, by: actor.name, waitlisted: [] }] };
}

// ——— 设置承办名额 ———

export interface CapacityChange {
  /** Waitlisted requests moved back to pending by the new slots, oldest first. */
  promoted: RequestWithUnit[];
  /** Pending requests moved to the waitlist because the month is now full. */
  waitlisted: RequestWithUnit[];
  /** How many are already approved in the month. */
  approved: number;
  notices: Notice[];
}

/**
 * Sets a month's number of host slots (the notice: 2–3, at least 1). Raising it moves the oldest
 * waitlisted requests back to pending, as many as the new slots; lowering it to what is approved
 * waitlists the pending rest. It cannot go below what is already approved.
 */
export async function setCapacity(tx: Tx, input: { actor: Actor; campaignId: number; month: string; capacity: number }): Promise<CapacityChange> {
  const { campaignId, month, capacity } = input;
  if (capacity < 1) throw new UserError('hosting.capacityTooSmall');
  const row = await hostMonth(tx, campaignId, month);
  if (capacity < row.approved) throw new UserError('hosting.capacityBelowApproved', { month, approved: row.approved });
  await tx.hostMonth.update({ where: { id: row.id }, data: { capacity } });
  let promoted: RequestWithUnit[] = [];
  let waitlisted: RequestWithUnit[] = [];
  if (capacity > row.approved) {
    const next = await tx.hostRequest.findMany({
      where: { campaignId, month, status: 'WAITLISTED' },
      include: { unit: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: capacity - row.approved,
    });
    await tx.hostRequest.updateMany({ where: { id: { in: next.map((r) => r.id) }, status: 'WAITLISTED' }, data: { status: 'PENDING' } });
    promoted = next.map((r) => ({ ...r, status: 'PENDING' as const }));
  } else {
    const pending = await tx.hostRequest.findMany({ where: { campaignId, month, status: 'PENDING' }, include: { unit: true } });
    await tx.hostRequest.updateMany({ where: { id: { in: pending.map((r) => r.id) }, status: 'PENDING' }, data: { status: 'WAITLISTED' } });
    waitlisted = pending.map((r) => ({ ...r, status: 'WAITLISTED' as const }));
  }
  await audit(tx, input.actor, 'set-capacity', 'HostMonth', month, {
    capacity,
    promoted: promoted.map((r) => r.id),
    waitlisted: waitlisted.map((r) => r.id),
  });
  const notices: Notice[] = promoted.map((request) => ({ kind: 'host-promoted', request }));
  return { promoted, waitlisted, approved: row.approved, notices };
}

// ——— 撤回申报 ———

/**
 * Withdraws an open request; only whoever asked for it, its unit's contacts (or those of the unit
 * above it) and admins may — not anyone who happens to be in the unit's group. It is always asked
 * about first (`confirmed`), an approved one with the warning that its slot goes to others. When
 * that frees a slot, the oldest waitlisted request of the month goes back to pending, and its
 * group and the admins hear it. The admins hear every withdrawal; the unit's group hears one made
 * by someone other than the one who asked for it.
 */
export async function withdraw(
  tx: Tx,
  input: { actor: Actor; campaignId: number; id: number; now: Date; confirmed?: boolean },
): Promise<{ request: HostRequest; promoted?: RequestWithUnit; notices: Notice[] } | { confirm: RequestWithUnit }> {
  const { actor, id } = input;
  const request = await tx.hostRequest.findFirst({ where: { id, campaignId: input.campaignId }, include: { unit: true } });
  if (!request) throw new UserError('hosting.notFoundMine', { id });
  if (!(await mayWithdraw(tx, actor, request))) throw new UserError('hosting.withdrawNotYours', { id, unit: request.unit.name });
  if (!OPEN_STATUSES.includes(request.status)) throw new UserError('hosting.nothingToWithdraw', { id, status: HOST_STATUS_LABEL[request.status] });
  if (!input.confirmed) return { confirm: request };
  const changed = await tx.hostRequest.updateMany({ where: { id, status: request.status }, data: { status: 'WITHDRAWN', decidedAt: input.now } });
  if (changed.count !== 1) throw new UserError('hosting.statusJustChanged', { id });
  const promoted = request.status === 'APPROVED' ? await promoteNext(tx, request) : undefined;
  await audit(tx, actor, 'withdraw', 'HostRequest', id, { from: request.status, promoted: promoted?.id });
  const byOther = request.requestedById !== actor.memberId;
  const notices: Notice[] = [{ kind: 'host-withdrawn', request, by: actor.name, tellGroup: byOther }];
  if (promoted) notices.push({ kind: 'host-promoted', request: promoted });
  return { request, promoted, notices };
}

/** Who may withdraw a request: admins, whoever asked for it, and contacts of its unit or the unit above. */
async function mayWithdraw(tx: Tx, actor: Actor, request: HostRequest): Promise<boolean> {
  if (actor.isAdmin || request.requestedById === actor.memberId) return true;
  const member = await tx.member.findUnique({ where: { id: actor.memberId }, select: { unitId: true } });
  return Boolean(member?.unitId && (await unitScope(tx, member.unitId)).includes(request.unitId));
}

/** An approved request gave its slot back: the month's oldest waitlisted request becomes pending. */
async function promoteNext(tx: Tx, freed: HostRequest): Promise<RequestWithUnit | undefined> {
  await releaseSlot(tx, freed.campaignId, freed.month);
  const next = await tx.hostRequest.findFirst({
    where: { campaignId: freed.campaignId, month: freed.month, status: 'WAITLISTED' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (!next) return undefined;
  return tx.hostRequest.update({ where: { id: next.id }, data: { status: 'PENDING' }, include: { unit: true } });
}

// ——— Lists ———

/** 我的申报: the acting unit's latest requests (20), newest month first. */
export async function listUnitRequests(tx: Tx, input: { actor: Actor; campaignId: number }): Promise<{ unit: Unit; requests: HostRequest[] }> {
  const unit = actingUnit(input.actor);
  const requests = await tx.hostRequest.findMany({
    where: { campaignId: input.campaignId, unitId: unit.id },
    orderBy: [{ month: 'desc' }, { id: 'desc' }],
    take: 20,
  });
  return { unit, requests };
}

export interface UndecidedMonth {
  month: string;
  slots: Slots;
  /** Pending and waitlisted requests, in the order they came. */
  requests: RequestWithUnit[];
}

/** 审批列表: the first 50 undecided (pending or waitlisted) requests, by month, each month with its slots. */
export async function listUndecided(tx: Tx, campaignId: number): Promise<UndecidedMonth[]> {
  const requests = await tx.hostRequest.findMany({
    where: { campaignId, status: { in: ['PENDING', 'WAITLISTED'] } },
    include: { unit: true },
    orderBy: [{ month: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: 50,
  });
  const months: UndecidedMonth[] = [];
  for (const request of requests) {
    let current = months.at(-1);
    if (current?.month !== request.month) {
      current = { month: request.month, slots: await slotsLeft(tx, campaignId, request.month), requests: [] };
      months.push(current);
    }
    current.requests.push(request);
  }
  return months;
}

/** A request's decision, once an admin has made it: approved or rejected; undefined while undecided. */
export async function decisionOf(db: Tx, requestId: number): Promise<'APPROVED' | 'REJECTED' | undefined> {
  const request = await db.hostRequest.findUnique({ where: { id: requestId }, select: { status: true, decidedAt: true } });
  if (!request?.decidedAt) return undefined;
  return request.status === 'APPROVED' || request.status === 'REJECTED' ? request.status : undefined;
}
