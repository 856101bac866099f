import type { Tx } from '../db/client.js';
import type { Activity, ActivityKind, Campaign, Unit } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { formatDate, formatDateTime } from '../time.js';
import { assertMayChange, audit, listScope, type Actor } from './actor.js';
import { isWithinCampaign } from './campaign.js';
import { auditPairs, changesFrom, earlierAuthor, type Change, type EarlierAuthor } from './changes.js';
import { UserError } from './errors.js';
import { organiserUnit } from './organisers.js';

/**
 * 附件1: a unit's 读书快闪, 阅读沙龙 and 主题读书月 activities, registered ahead and counted once held.
 * A cancelled activity (取消活动) keeps its row and audit rows but is gone from every list here.
 */

/** Rows that still count: not cancelled. */
const LIVE = { deletedAt: null };

/** How many activities a list shows (the latest first); the total is given beside it. */
export const ACTIVITY_LIST_LIMIT = 30;

export interface NewActivity {
  actor: Actor;
  campaign: Pick<Campaign, 'id' | 'startsAt' | 'endsAt'>;
  /** The chat it was registered in, where reminders about it go. */
  chatId: number;
  /** The 组织单位 as typed; the actor's unit when absent. */
  organiser?: string;
  kind: ActivityKind;
  theme: string;
  place: string;
  startsAt: Date;
  /** The expected head count, when known; 活动完成 records the real one. */
  participants?: number;
  contactName: string;
  contactPhone?: string;
}

/** Registers an activity for the organising unit (see organiserUnit); it must take place within the campaign. */
export async function registerActivity(tx: Tx, input: NewActivity): Promise<{ activity: Activity; unit: Unit }> {
  const unit = await organiserUnit(tx, input.actor, input.organiser);
  const { campaign } = input;
  assertWithinCampaign(campaign, input.startsAt);
  const activity = await tx.activity.create({
    data: {
      campaignId: campaign.id,
      unitId: unit.id,
      chatId: input.chatId,
      kind: input.kind,
      theme: input.theme,
      place: input.place,
      startsAt: input.startsAt,
      participantCount: input.participants ?? null,
      contactName: input.contactName,
      contactPhone: input.contactPhone ?? '',
      createdById: input.actor.memberId,
    },
  });
  await audit(tx, input.actor, 'create', 'Activity', activity.id, { unit: unit.name, kind: activity.kind, theme: activity.theme, startsAt: activity.startsAt });
  return { activity, unit };
}

/**
 * An activity of the same organising unit, kind and start time whose theme or place is the same
 * (or one holds the other: 读书会 / 读书会活动), not cancelled: registering it again is most
 * likely the same event typed twice (6月20日 14:00 and 6月20日下午2点), so it is asked about first.
 */
export async function twinActivity(tx: Tx, input: NewActivity): Promise<Activity | undefined> {
  const unit = await organiserUnit(tx, input.actor, input.organiser);
  const same = await tx.activity.findMany({
    where: { campaignId: input.campaign.id, unitId: unit.id, kind: input.kind, startsAt: input.startsAt, ...LIVE },
    orderBy: { id: 'asc' },
  });
  const near = (a: string, b: string) => {
    const x = a.replace(/\s+/g, '');
    const y = b.replace(/\s+/g, '');
    return x === y || (Math.min(x.length, y.length) >= 2 && (x.includes(y) || y.includes(x)));
  };
  return same.find((a) => near(a.theme, input.theme) || near(a.place, input.place));
}

/** An activity must take place within the campaign. */
function assertWithinCampaign(campaign: Pick<Campaign, 'startsAt' | 'endsAt'>, startsAt: Date): void {
  if (!isWithinCampaign(campaign, startsAt)) {
    throw new UserError('activities.outsideCampaign', {
      startsAt: formatDateTime(startsAt),
      // The campaign is whole days: its dates, not the instants that bound them.
      campaignStart: formatDate(campaign.startsAt),
      campaignEnd: formatDate(campaign.endsAt),
    });
  }
}

/** Where an activity stands: held (with its count), over but not yet counted, or still to come. */
export type ActivityState = 'held' | 'awaitingCount' | 'planned';

export function activityState(activity: Pick<Activity, 'status' | 'startsAt'>, now: Date): ActivityState {
  if (activity.status === 'HELD') return 'held';
  return activity.startsAt < now ? 'awaitingCount' : 'planned';
}

export interface ActivityList {
  /** The latest ACTIVITY_LIST_LIMIT by start time, each with its unit. */
  activities: Array<Activity & { unit: Unit }>;
  total: number;
}

/** The activities of the actor's unit and the units under it (the whole province for an admin without a unit). */
export async function listActivities(tx: Tx, input: { actor: Actor; campaignId: number }): Promise<ActivityList> {
  const unitIds = await listScope(tx, input.actor);
  const where = { campaignId: input.campaignId, ...LIVE, ...(unitIds ? { unitId: { in: unitIds } } : {}) };
  const [activities, total] = await Promise.all([
    tx.activity.findMany({ where, include: { unit: true }, orderBy: { startsAt: 'desc' }, take: ACTIVITY_LIST_LIMIT }),
    tx.activity.count({ where }),
  ]);
  return { activities, total };
}

/**
 * An activity the actor is about to change: not cancelled, and theirs to change (its unit's
 * people or an admin). Commands look it up before asking to confirm a figure for its kind.
 */
export async function activityForChange(tx: Tx, input: { actor: Actor; campaignId: number; id: number }): Promise<Activity> {
  const found = await tx.activity.findFirst({ where: { id: input.id, campaignId: input.campaignId, ...LIVE } });
  if (!found) throw new UserError('activities.notFound', { id: input.id });
  await assertMayChange(tx, input.actor, found.unitId, t('activities.noun'));
  return found;
}

/**
 * Records an activity as held with its participant count, once it has started. Recording it
 * again corrects the count: `correctedFrom` is the count it replaced, and `earlier` names who
 * recorded that count when it was someone else. `heldAt` stays when it was first recorded held.
 */
export async function recordActivityHeld(
  tx: Tx,
  input: { actor: Actor; campaignId: number; now: Date; id: number; participants: number },
): Promise<{ activity: Activity; correctedFrom?: number; earlier?: EarlierAuthor }> {
  const found = await activityForChange(tx, input);
  if (found.startsAt > input.now) throw new UserError('activities.notStarted', { id: found.id });
  const correction = found.status === 'HELD';
  const earlier = correction ? await earlierAuthor(tx, found, input.actor) : undefined;
  const activity = await tx.activity.update({
    where: { id: found.id },
    data: { status: 'HELD', participantCount: input.participants, heldAt: found.heldAt ?? input.now, updatedById: input.actor.memberId },
  });
  await audit(tx, input.actor, 'held', 'Activity', found.id, { participants: [found.participantCount, input.participants] });
  return { activity, ...(correction ? { correctedFrom: found.participantCount ?? 0 } : {}), ...(earlier ? { earlier } : {}) };
}

/** What 修改活动 may change: the 附件1 columns other than the unit, and the kind. */
export interface ActivityChanges {
  kind?: ActivityKind;
  theme?: string;
  place?: string;
  startsAt?: Date;
  /** Expected while planned, the real count once held. */
  participantCount?: number;
  contactName?: string;
  contactPhone?: string;
}

/**
 * Changes any of an activity's columns (修改活动), by the rules of registering: within the
 * campaign; and one already held cannot move to a time still to come. Returns each change before
 * and after, and who wrote it last when that is someone else.
 */
export async function editActivity(
  tx: Tx,
  input: { actor: Actor; campaign: Pick<Campaign, 'id' | 'startsAt' | 'endsAt'>; id: number; now: Date; changes: ActivityChanges },
): Promise<{ activity: Activity; changes: Change[]; earlier?: EarlierAuthor }> {
  const found = await activityForChange(tx, { actor: input.actor, campaignId: input.campaign.id, id: input.id });
  const { startsAt } = input.changes;
  if (startsAt) {
    assertWithinCampaign(input.campaign, startsAt);
    if (found.status === 'HELD' && startsAt > input.now) throw new UserError('activities.heldNotLater', { id: found.id, startsAt: formatDateTime(startsAt) });
  }
  const changes = changesFrom(found, input.changes);
  if (!changes.length) throw new UserError('activities.nothingChanged', { id: found.id });
  const earlier = await earlierAuthor(tx, found, input.actor);
  const data = Object.fromEntries(changes.map((c) => [c.field, c.after])) as ActivityChanges;
  const activity = await tx.activity.update({ where: { id: found.id }, data: { ...data, updatedById: input.actor.memberId } });
  await audit(tx, input.actor, 'edit', 'Activity', found.id, { theme: found.theme, ...auditPairs(changes) });
  return { activity, changes, ...(earlier ? { earlier } : {}) };
}

/**
 * Cancels an activity (取消活动): it leaves lists, exports, reminders and rankings; the row and
 * its audit rows stay, and 撤销 within 30 minutes brings it back.
 */
export async function cancelActivity(
  tx: Tx,
  input: { actor: Actor; campaignId: number; id: number; now: Date },
): Promise<{ activity: Activity; unit: Unit }> {
  const found = await activityForChange(tx, input);
  const activity = await tx.activity.update({ where: { id: found.id }, data: { deletedAt: input.now, updatedById: input.actor.memberId } });
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: found.unitId } });
  await audit(tx, input.actor, 'cancel', 'Activity', found.id, { unit: unit.name, theme: found.theme, deletedAt: [null, input.now] });
  return { activity, unit };
}
