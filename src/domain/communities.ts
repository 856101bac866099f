import type { Tx } from '../db/client.js';
import type { ReadingGroup, Unit } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { formatDate } from '../time.js';
import { assertMayChange, audit, listScope, type Actor } from './actor.js';
import { auditPairs, changesFrom, earlierAuthor, type Change, type EarlierAuthor } from './changes.js';
import { UserError } from './errors.js';
import { organiserUnit } from './organisers.js';

/**
 * 附件2: a unit's 同城共读 reading communities (the database calls them ReadingGroup). A deleted
 * community (删除社群) keeps its row and audit rows but is gone from every list here.
 */

/** How many communities a list shows; the total is given beside it. */
export const COMMUNITY_LIST_LIMIT = 30;

/** Rows that still count: not deleted. */
const LIVE = { deletedAt: null };

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
 * its members twice, so the reply points to 更新社群 instead. A name whose community was deleted
 * may be registered again: the deleted row comes back with the new values (a unit's names are
 * unique in the table), and the audit row keeps what it held before, so 撤销 can put it back.
 */
export async function registerCommunity(tx: Tx, input: NewCommunity): Promise<{ community: ReadingGroup; unit: Unit }> {
  const unit = await organiserUnit(tx, input.actor, input.organiser);
  if (input.foundedOn > input.now) throw new UserError('communities.foundedInFuture', { foundedOn: formatDate(input.foundedOn) });
  const existing = await tx.readingGroup.findUnique({
    where: { campaignId_unitId_name: { campaignId: input.campaignId, unitId: unit.id, name: input.name } },
  });
  if (existing && !existing.deletedAt) throw new UserError('communities.duplicate', { unit: unit.name, name: input.name, id: existing.id });
  const values = {
    foundedOn: input.foundedOn,
    memberCount: input.memberCount,
    features: input.features,
    contactName: input.contactName,
    contactPhone: input.contactPhone ?? '',
    createdById: input.actor.memberId,
  };
  if (existing) {
    const revived = changesFrom(existing, { ...values, updatedById: null, deletedAt: null });
    const community = await tx.readingGroup.update({ where: { id: existing.id }, data: { ...values, updatedById: null, deletedAt: null } });
    await audit(tx, input.actor, 'create', 'ReadingGroup', community.id, {
      unit: unit.name,
      name: community.name,
      memberCount: community.memberCount,
      revived: auditPairs(revived),
    });
    return { community, unit };
  }
  const community = await tx.readingGroup.create({
    data: { campaignId: input.campaignId, unitId: unit.id, name: input.name, ...values },
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
  const where = { campaignId: input.campaignId, ...LIVE, ...(unitIds ? { unitId: { in: unitIds } } : {}) };
  const [communities, total, sum] = await Promise.all([
    tx.readingGroup.findMany({ where, include: { unit: true }, orderBy: { id: 'asc' }, take: COMMUNITY_LIST_LIMIT }),
    tx.readingGroup.count({ where }),
    tx.readingGroup.aggregate({ where, _sum: { memberCount: true } }),
  ]);
  return { communities, total, memberTotal: sum._sum.memberCount ?? 0 };
}

/**
 * A community the actor is about to change: not deleted, and theirs to change (its unit's people
 * or an admin). Commands look it up before asking to confirm a figure.
 */
export async function communityForChange(tx: Tx, input: { actor: Actor; campaignId: number; id: number }): Promise<ReadingGroup> {
  const found = await tx.readingGroup.findFirst({ where: { id: input.id, campaignId: input.campaignId, ...LIVE } });
  if (!found) throw new UserError('communities.notFound', { id: input.id });
  await assertMayChange(tx, input.actor, found.unitId, t('communities.noun'));
  return found;
}

/**
 * Changes a community's head count; only its unit's contacts (or those above it) and admins may.
 * `earlier` names who wrote it last when that is someone else.
 */
export async function updateCommunityHeadCount(
  tx: Tx,
  input: { actor: Actor; campaignId: number; id: number; memberCount: number },
): Promise<{ community: ReadingGroup; before: number; earlier?: EarlierAuthor }> {
  const found = await communityForChange(tx, input);
  const earlier = await earlierAuthor(tx, found, input.actor);
  const community = await tx.readingGroup.update({
    where: { id: found.id },
    data: { memberCount: input.memberCount, updatedById: input.actor.memberId },
  });
  await audit(tx, input.actor, 'update', 'ReadingGroup', found.id, { memberCount: [found.memberCount, input.memberCount] });
  return { community, before: found.memberCount, ...(earlier ? { earlier } : {}) };
}

/** What 修改社群 may change: the 附件2 columns other than the unit. */
export interface CommunityChanges {
  name?: string;
  foundedOn?: Date;
  memberCount?: number;
  features?: string;
  contactName?: string;
  contactPhone?: string;
}

/**
 * Changes any of a community's columns (修改社群). The same rules as registering hold: not founded
 * in the future, one name per unit (a deleted community's name too: its row keeps it). Returns
 * each change before and after, and who wrote it last when that is someone else.
 */
export async function editCommunity(
  tx: Tx,
  input: { actor: Actor; campaignId: number; id: number; now: Date; changes: CommunityChanges },
): Promise<{ community: ReadingGroup; changes: Change[]; earlier?: EarlierAuthor }> {
  const found = await communityForChange(tx, input);
  const { changes: wanted } = input;
  if (wanted.foundedOn && wanted.foundedOn > input.now) throw new UserError('communities.foundedInFuture', { foundedOn: formatDate(wanted.foundedOn) });
  const changes = changesFrom(found, wanted);
  if (!changes.length) throw new UserError('communities.nothingChanged', { id: found.id });
  if (wanted.name !== undefined && wanted.name !== found.name) {
    const holder = await tx.readingGroup.findUnique({
      where: { campaignId_unitId_name: { campaignId: found.campaignId, unitId: found.unitId, name: wanted.name } },
    });
    if (holder) throw new UserError('communities.nameTaken', { name: wanted.name, id: holder.id, deleted: Boolean(holder.deletedAt), self: found.id });
  }
  const earlier = await earlierAuthor(tx, found, input.actor);
  const data = Object.fromEntries(changes.map((c) => [c.field, c.after])) as CommunityChanges;
  const community = await tx.readingGroup.update({ where: { id: found.id }, data: { ...data, updatedById: input.actor.memberId } });
  await audit(tx, input.actor, 'edit', 'ReadingGroup', found.id, { name: found.name, ...auditPairs(changes) });
  return { community, changes, ...(earlier ? { earlier } : {}) };
}

/**
 * Deletes a community (删除社群): it leaves lists, exports and rankings; the row and its audit
 * rows stay, and 撤销 within 30 minutes brings it back.
 */
export async function deleteCommunity(
  tx: Tx,
  input: { actor: Actor; campaignId: number; id: number; now: Date },
): Promise<{ community: ReadingGroup; unit: Unit }> {
  const found = await communityForChange(tx, input);
  const community = await tx.readingGroup.update({
    where: { id: found.id },
    data: { deletedAt: input.now, updatedById: input.actor.memberId },
  });
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: found.unitId } });
  await audit(tx, input.actor, 'delete', 'ReadingGroup', found.id, { unit: unit.name, name: found.name, deletedAt: [null, input.now] });
  return { community, unit };
}
