import type { Tx } from '../db/client.js';
import type { ReadingGroup, Unit } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { formatDate } from '../time.js';
import { assertMayChange, audit, listScope, type Actor } from './actor.js';
import { UserError } from './errors.js';
import { organiserUnit } from './organisers.js';

/** 附件2: a unit's 同城共读 reading communities (the database calls them ReadingGroup). */

/** How many communities a list shows; the total is given beside it. */
export const COMMUNITY_LIST_LIMIT = 30;

export interface NewCommunity {
  actor: Actor;
  campaignId: number;
  now: Date;
  /** The 组织单位 as typed; the actor's unit when absent. */
  organiser?: string;
  name: string;
  foundedOn: Date;
  memberCount: number;
  features: string;
  contactName: string;
  contactPhone?: string;
}

/**
 * Registers a community for the organising unit (see organiserUnit). It cannot be founded in
 * the future, and a unit registers a name once per campaign: a second registration would count
 * its members twice, so the reply points to 更新社群 instead.
 */
export async function registerCommunity(tx: Tx, input: NewCommunity): Promise<{ community: ReadingGroup; unit: Unit }> {
  const unit = await organiserUnit(tx, input.actor, input.organiser);
  if (input.foundedOn > input.now) throw new UserError('communities.foundedInFuture', { foundedOn: formatDate(input.foundedOn) });
  const existing = await tx.readingGroup.findUnique({
    where: { campaignId_unitId_name: { campaignId: input.campaignId, unitId: unit.id, name: input.name } },
  });
  if (existing) throw new UserError('communities.duplicate', { unit: unit.name, name: input.name, id: existing.id });
  const community = await tx.readingGroup.create({
    data: {
      campaignId: input.campaignId,
      unitId: unit.id,
      name: input.name,
      foundedOn: input.foundedOn,
      memberCount: input.memberCount,
      features: input.features,
      contactName: input.contactName,
      contactPhone: input.contactPhone ?? '',
      createdById: input.actor.memberId,
    },
  });
  await audit(tx, input.actor, 'create', 'ReadingGroup', community.id, { unit: unit.name, name: community.name, memberCount: community.memberCount });
  return { community, unit };
}

export interface CommunityList {
  /** The first COMMUNITY_LIST_LIMIT, oldest first, each with its unit. */
  communities: Array<ReadingGroup & { unit: Unit }>;
  /** How many there are in all, and how many people they have together. */
  total: number;
  memberTotal: number;
}

/** The communities of the actor's unit and the units under it (the whole province for an admin without a unit). */
export async function listCommunities(tx: Tx, input: { actor: Actor; campaignId: number }): Promise<CommunityList> {
  const unitIds = await listScope(tx, input.actor);
  const where = { campaignId: input.campaignId, ...(unitIds ? { unitId: { in: unitIds } } : {}) };
  const [communities, total, sum] = await Promise.all([
    tx.readingGroup.findMany({ where, include: { unit: true }, orderBy: { id: 'asc' }, take: COMMUNITY_LIST_LIMIT }),
    tx.readingGroup.count({ where }),
    tx.readingGroup.aggregate({ where, _sum: { memberCount: true } }),
  ]);
  return { communities, total, memberTotal: sum._sum.memberCount ?? 0 };
}

/** Changes a community's head count; only its unit's contacts (or those above it) and admins may. */
export async function updateCommunityHeadCount(
  tx: Tx,
  input: { actor: Actor; campaignId: number; id: number; memberCount: number },
): Promise<{ community: ReadingGroup; before: number }> {
  const found = await tx.readingGroup.findFirst({ where: { id: input.id, campaignId: input.campaignId } });
  if (!found) throw new UserError('communities.notFound', { id: input.id });
  await assertMayChange(tx, input.actor, found.unitId, t('communities.noun'));
  const community = await tx.readingGroup.update({ where: { id: found.id }, data: { memberCount: input.memberCount } });
  await audit(tx, input.actor, 'update', 'ReadingGroup', found.id, { memberCount: [found.memberCount, input.memberCount] });
  return { community, before: found.memberCount };
}
