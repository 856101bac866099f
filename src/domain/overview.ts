import type { Tx } from '../db/client.js';
import type { Activity, HostRequest } from '../generated/sqlite/client.js';
import { weekKey } from '../time.js';
import { listHostDeliverables, missingItems, type Item } from './deliverables.js';
import { OPEN_STATUSES } from './hosting.js';
import { isWithinCampaign } from './campaign.js';
import { owesReport } from './ranking.js';

/** How many of each kind of to-do 我的 lists; the rest are in 活动列表 and 我的申报. */
const SHOW_EACH = 5;

/** What a unit still has to do, as 我的 lists it. */
export type Todo =
  /** This campaign week's 好书荐读 figure is still owed: a reporting unit (not the province) with neither 上报 nor 荐书. */
  | { kind: 'report' }
  /** An activity whose time has passed, still without its participant count. */
  | { kind: 'activity'; activity: Activity }
  /**
   * A host request still open or approved; `owed` lists the materials still due once its event
   * was held (承办单位须知), undefined before.
   */
  | { kind: 'host'; request: HostRequest; owed?: Item[] };

export interface UnitOverview {
  /** The unit's registered 同城共读 communities. */
  groups: number;
  todos: Todo[];
}

/** 我的: a unit's to-dos in the campaign at `now`, oldest first, and its community count. */
export async function unitOverview(tx: Tx, input: { campaignId: number; unitId: number; now: Date }): Promise<UnitOverview> {
  const { campaignId, unitId, now } = input;
  const [unit, campaign] = await Promise.all([
    tx.unit.findUniqueOrThrow({ where: { id: unitId } }),
    tx.campaign.findUniqueOrThrow({ where: { id: campaignId } }),
  ]);
  const [owed, overdue, hosts, groups] = await Promise.all([
    isWithinCampaign(campaign, now) && owesReport(tx, campaignId, unit, weekKey(now)),
    tx.activity.findMany({
      where: { campaignId, unitId, status: 'PLANNED', startsAt: { lt: now }, deletedAt: null },
      orderBy: { startsAt: 'asc' },
      take: SHOW_EACH,
    }),
    tx.hostRequest.findMany({
      where: { campaignId, unitId, status: { in: OPEN_STATUSES } },
      include: { deliverable: true },
      orderBy: { month: 'asc' },
      take: SHOW_EACH,
    }),
    tx.readingGroup.count({ where: { campaignId, unitId, deletedAt: null } }),
  ]);
  const todos: Todo[] = [
    ...(owed ? [{ kind: 'report' } as const] : []),
    ...overdue.map((activity) => ({ kind: 'activity', activity }) as const),
    ...hosts.map(({ deliverable, ...request }) => {
      const held = request.status === 'APPROVED' && request.proposedAt <= now;
      return { kind: 'host', request, owed: held ? missingItems(deliverable) : undefined } as const;
    }),
  ];
  return { groups, todos };
}

/** What waits for an admin, as 我的 lists it. */
export interface AdminOverview {
  pendingHosts: number;
  waitlistedHosts: number;
  /** Hosted events (held) still missing materials. */
  missingMaterials: number;
}

/** 我的 of an admin: the host requests to decide and the held events still owing materials. */
export async function adminOverview(tx: Tx, input: { campaignId: number; now: Date }): Promise<AdminOverview> {
  const [pendingHosts, waitlistedHosts, hosts] = await Promise.all([
    tx.hostRequest.count({ where: { campaignId: input.campaignId, status: 'PENDING' } }),
    tx.hostRequest.count({ where: { campaignId: input.campaignId, status: 'WAITLISTED' } }),
    listHostDeliverables(tx, input),
  ]);
  const missingMaterials = hosts.filter((h) => h.missing !== undefined && h.missing.length > 0).length;
  return { pendingHosts, waitlistedHosts, missingMaterials };
}
