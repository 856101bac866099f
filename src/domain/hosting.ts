import type { Tx } from '../db/client.js';
import type { HostRequest, HostStatus } from '../generated/sqlite/client.js';
import { UserError } from './errors.js';
import { formatDateTime } from '../time.js';
import { HOST_STATUS_LABEL } from './labels.js';

/** The province picks 2–3 hosts a month (the notice); 3 unless an admin sets otherwise. */
export const DEFAULT_MONTH_CAPACITY = 3;
const OPEN: HostStatus[] = ['PENDING', 'WAITLISTED', 'APPROVED'];

/** The month's slot row, created with the default capacity on first use. */
export async function hostMonth(db: Tx, campaignId: number, month: string) {
  return db.hostMonth.upsert({
    where: { campaignId_month: { campaignId, month } },
    create: { campaignId, month, capacity: DEFAULT_MONTH_CAPACITY },
    update: {},
  });
}

export async function slotsLeft(db: Tx, campaignId: number, month: string): Promise<{ left: number; capacity: number }> {
  const m = await hostMonth(db, campaignId, month);
  return { left: Math.max(0, m.capacity - m.approved), capacity: m.capacity };
}

/** Claims one slot of the month; false when it is full. Atomic: concurrent claims cannot overfill. */
async function claimSlot(db: Tx, campaignId: number, month: string): Promise<boolean> {
  const m = await hostMonth(db, campaignId, month);
  const res = await db.$executeRaw`
    UPDATE "HostMonth" SET "approved" = "approved" + 1 WHERE "id" = ${m.id} AND "approved" < "capacity"`;
  return res === 1;
}

async function releaseSlot(db: Tx, campaignId: number, month: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "HostMonth" SET "approved" = "approved" - 1
     WHERE "campaignId" = ${campaignId} AND "month" = ${month} AND "approved" > 0`;
}

/** A unit has at most one open request per month. */
export async function openRequestOf(db: Tx, campaignId: number, unitId: number, month: string) {
  return db.hostRequest.findFirst({ where: { campaignId, unitId, month, status: { in: OPEN } } });
}

export interface Decision {
  request: HostRequest;
  /** Requests moved to the waitlist because this approval filled the month. */
  waitlisted: HostRequest[];
  /** The month's slots after this approval. */
  slots: { left: number; capacity: number };
}

/**
 * Moves an undecided (pending or waitlisted) request to `status`. The change is conditional on
 * the status read, so when two admins decide at once exactly one of them does.
 */
async function decide(
  db: Tx,
  id: number,
  status: 'APPROVED' | 'REJECTED',
  data: { decidedById: number; decidedAt: Date; reason: string },
): Promise<HostRequest> {
  const verb = status === 'APPROVED' ? '批准' : '驳回';
  const req = await db.hostRequest.findUnique({ where: { id } });
  if (!req) throw new UserError(`没有编号为 ${id} 的承办申报。发送「审批列表」查看。`);
  await refuseDecided(db, req);
  if (req.status !== 'PENDING' && req.status !== 'WAITLISTED') {
    throw new UserError(`申报 #${id} 当前状态是「${HOST_STATUS_LABEL[req.status]}」，不能再${verb}。`);
  }
  const changed = await db.hostRequest.updateMany({ where: { id, status: req.status }, data: { status, ...data } });
  if (changed.count !== 1) {
    // Another admin decided between our read and our write: say who.
    const now = await db.hostRequest.findUnique({ where: { id } });
    if (now) await refuseDecided(db, now);
    throw new UserError(`申报 #${id} 刚刚已被其他管理员处理。`);
  }
  return { ...req, status, ...data };
}

/** A decided request is refused with who decided it and when: 「已由王处于 … 批准，无需再处理」. */
async function refuseDecided(db: Tx, req: HostRequest): Promise<void> {
  if ((req.status !== 'APPROVED' && req.status !== 'REJECTED') || !req.decidedById || !req.decidedAt) return;
  const by = await db.member.findUnique({ where: { id: req.decidedById } });
  const did = req.status === 'APPROVED' ? '批准' : '驳回';
  throw new UserError(`申报 #${req.id} 已由${by?.displayName ?? '其他管理员'}于 ${formatDateTime(req.decidedAt)} ${did}，无需再处理。`);
}

/**
 * Approves a request when its month has a slot left; filling the month waitlists the pending rest.
 * The request is decided first (a second click loses there), then the slot is claimed: a full
 * month throws, and the message's transaction, status change included, rolls back.
 */
export async function approve(db: Tx, id: number, deciderId: number, now: Date): Promise<Decision> {
  const request = await decide(db, id, 'APPROVED', { decidedById: deciderId, decidedAt: now, reason: '' });
  if (!(await claimSlot(db, request.campaignId, request.month))) {
    const { capacity } = await slotsLeft(db, request.campaignId, request.month);
    throw new UserError(`${request.month} 的承办名额（${capacity} 个）已满，不能再批准。`);
  }
  let waitlisted: HostRequest[] = [];
  const slots = await slotsLeft(db, request.campaignId, request.month);
  if (slots.left === 0) {
    waitlisted = await db.hostRequest.findMany({ where: { campaignId: request.campaignId, month: request.month, status: 'PENDING' } });
    await db.hostRequest.updateMany({
      where: { id: { in: waitlisted.map((w) => w.id) }, status: 'PENDING' },
      data: { status: 'WAITLISTED' },
    });
  }
  return { request, waitlisted, slots };
}

/**
 * Sets a month's number of host slots (the notice: 2–3). Raising it moves the oldest waitlisted
 * requests back to pending, as many as the new slots; lowering it to what is approved waitlists
 * the pending rest. It cannot go below what is already approved.
 */
export async function setCapacity(db: Tx, campaignId: number, month: string, capacity: number): Promise<{ promoted: HostRequest[]; waitlisted: HostRequest[]; approved: number }> {
  const m = await hostMonth(db, campaignId, month);
  if (capacity < m.approved) throw new UserError(`${month} 已批准 ${m.approved} 家，名额不能少于 ${m.approved}。`);
  await db.hostMonth.update({ where: { id: m.id }, data: { capacity } });
  let promoted: HostRequest[] = [];
  let waitlisted: HostRequest[] = [];
  if (capacity > m.approved) {
    const next = await db.hostRequest.findMany({
      where: { campaignId, month, status: 'WAITLISTED' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: capacity - m.approved,
    });
    await db.hostRequest.updateMany({ where: { id: { in: next.map((r) => r.id) }, status: 'WAITLISTED' }, data: { status: 'PENDING' } });
    promoted = next.map((r) => ({ ...r, status: 'PENDING' as const }));
  } else {
    waitlisted = await db.hostRequest.findMany({ where: { campaignId, month, status: 'PENDING' } });
    await db.hostRequest.updateMany({ where: { id: { in: waitlisted.map((r) => r.id) }, status: 'PENDING' }, data: { status: 'WAITLISTED' } });
  }
  return { promoted, waitlisted, approved: m.approved };
}

export async function reject(db: Tx, id: number, deciderId: number, reason: string, now: Date): Promise<HostRequest> {
  return decide(db, id, 'REJECTED', { decidedById: deciderId, decidedAt: now, reason });
}

/**
 * Withdraws an open request. When that frees a slot, the oldest waitlisted request of the month
 * goes back to pending, and is returned so admins can be told.
 */
export async function withdraw(db: Tx, req: HostRequest, now: Date): Promise<HostRequest | undefined> {
  if (!OPEN.includes(req.status)) {
    throw new UserError(`申报 #${req.id} 当前状态是「${HOST_STATUS_LABEL[req.status]}」，不需要撤回。`);
  }
  const changed = await db.hostRequest.updateMany({
    where: { id: req.id, status: req.status },
    data: { status: 'WITHDRAWN', decidedAt: now },
  });
  if (changed.count !== 1) throw new UserError(`申报 #${req.id} 的状态刚刚变了，请发送「我的申报」查看。`);
  if (req.status !== 'APPROVED') return undefined;
  await releaseSlot(db, req.campaignId, req.month);
  const next = await db.hostRequest.findFirst({
    where: { campaignId: req.campaignId, month: req.month, status: 'WAITLISTED' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (!next) return undefined;
  return db.hostRequest.update({ where: { id: next.id }, data: { status: 'PENDING' } });
}
