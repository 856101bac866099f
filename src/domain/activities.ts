import type { Tx } from '../db/client.js';
import type { Activity, ActivityKind, Campaign, Unit } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { formatDateTime } from '../time.js';
import { assertMayChange, audit, listScope, type Actor } from './actor.js';
import { isWithinCampaign } from './campaign.js';
import { UserError } from './errors.js';
import { organiserUnit } from './organisers.js';

/** 附件1: a unit's 读书快闪, 阅读沙龙 and 主题读书月 activities, registered ahead and counted once held. */

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
  if (!isWithinCampaign(campaign, input.startsAt)) {
    throw new UserError('activities.outsideCampaign', {
      startsAt: formatDateTime(input.startsAt),
      campaignStart: formatDateTime(campaign.startsAt),
      campaignEnd: formatDateTime(campaign.endsAt),
    });
  }
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
  const where = { campaignId: input.campaignId, ...(unitIds ? { unitId: { in: unitIds } } : {}) };
  const [activities, total] = await Promise.all([
    tx.activity.findMany({ where, include: { unit: true }, orderBy: { startsAt: 'desc' }, take: ACTIVITY_LIST_LIMIT }),
    tx.activity.count({ where }),
  ]);
  return { activities, total };
}

/**
 * Records an activity as held with its participant count, once it has started. Recording it
 * again corrects the count: `correctedFrom` is the count it replaced.
 */
export async function recordActivityHeld(
  tx: Tx,
  input: { actor: Actor; campaignId: number; now: Date; id: number; participants: number },
): Promise<{ activity: Activity; correctedFrom?: number }> {
  const found = await tx.activity.findFirst({ where: { id: input.id, campaignId: input.campaignId } });
  if (!found) throw new UserError('activities.notFound', { id: input.id });
  await assertMayChange(tx, input.actor, found.unitId, t('activities.noun'));
  if (found.startsAt > input.now) throw new UserError('activities.notStarted', { id: found.id });
  const activity = await tx.activity.update({
    where: { id: found.id },
    data: { status: 'HELD', participantCount: input.participants, heldAt: input.now },
  });
  await audit(tx, input.actor, 'held', 'Activity', found.id, { participants: [found.participantCount, input.participants] });
  return { activity, ...(found.status === 'HELD' ? { correctedFrom: found.participantCount ?? 0 } : {}) };
}
