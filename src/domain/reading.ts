import type { Tx } from '../db/client.js';
import type { Campaign, Recommendation, RecommendPlatform, Unit } from '../generated/sqlite/client.js';
import { weekKey, weekStart } from '../time.js';
import { actingUnit, audit, type Actor } from './actor.js';
import { isWithinCampaign } from './campaign.js';
import { UserError } from './errors.js';

/**
 * 好书荐读接力赛: a worker's recommendation (荐书) and a unit's weekly batch count (上报), both
 * counted for the unit the actor acts for, in the campaign week (Monday, Asia/Shanghai) of `at`.
 */

export interface RecommendationInput {
  campaign: Pick<Campaign, 'id' | 'startsAt' | 'endsAt'>;
  /** The title as typed; 《》 around it are dropped. */
  book: string;
  platform: RecommendPlatform;
  link?: string;
  /** Who recommended: the sender unless they record it for a colleague. */
  person: string;
  at: Date;
}

export type RecommendationOutcome =
  /** Counted: the unit now has `weekCount` recommendations this week. */
  | { recorded: Recommendation; unit: Unit; book: string; weekCount: number }
  /** The same person already recommended this book for this unit: not counted twice. */
  | { duplicateOf: Recommendation; book: string };

/** Records one recommendation, once per unit, person and book, inside the campaign. */
export async function recordRecommendation(tx: Tx, actor: Actor, input: RecommendationInput): Promise<RecommendationOutcome> {
  const unit = actingUnit(actor);
  const book = input.book.replace(/^《|》$/g, '').trim();
  if (!book) throw new UserError('reading.bookMissing');
  if (!isWithinCampaign(input.campaign, input.at)) throw new UserError('reading.recommendOutsideCampaign');
  const campaignId = input.campaign.id;
  const duplicateOf = await tx.recommendation.findFirst({
    where: { campaignId, unitId: unit.id, personName: input.person, bookTitle: book },
  });
  if (duplicateOf) return { duplicateOf, book };
  const week = weekKey(input.at);
  const recorded = await tx.recommendation.create({
    data: {
      campaignId,
      unitId: unit.id,
      memberId: actor.memberId,
      personName: input.person,
      bookTitle: book,
      platform: input.platform,
      link: input.link ?? '',
      week,
      recommendedAt: input.at,
    },
  });
  await audit(tx, actor, 'create', 'Recommendation', recorded.id, { unit: unit.name, person: input.person, book });
  const weekCount = await tx.recommendation.count({ where: { campaignId, unitId: unit.id, week } });
  return { recorded, unit, book, weekCount };
}

export interface WeeklyCountInput {
  campaign: Pick<Campaign, 'id' | 'startsAt' | 'endsAt'>;
  /** The metric's key (METRICS: 'recommend'). */
  metric: string;
  count: number;
  at: Date;
}

export interface WeeklyCountOutcome {
  unit: Unit;
  /** Monday of the campaign week the count is for. */
  monday: Date;
  /** The count reported earlier this week, which this one replaced. */
  before?: number;
  after: number;
}

/**
 * A unit's batch count for the week of `at`: one per unit, metric and week, so reporting again in
 * the same week replaces the number (and the audit row says 'replace', with both numbers).
 */
export async function reportWeeklyCount(tx: Tx, actor: Actor, input: WeeklyCountInput): Promise<WeeklyCountOutcome> {
  const unit = actingUnit(actor);
  if (!isWithinCampaign(input.campaign, input.at)) throw new UserError('reading.reportOutsideCampaign');
  const week = weekKey(input.at);
  const key = { campaignId: input.campaign.id, unitId: unit.id, metric: input.metric, week };
  const before = await tx.countReport.findUnique({ where: { campaignId_unitId_metric_week: key } });
  const source = { reporterId: actor.memberId, sourcePlatform: actor.platform, sourceMessageId: actor.messageId };
  const saved = await tx.countReport.upsert({
    where: { campaignId_unitId_metric_week: key },
    create: { ...key, count: input.count, ...source },
    update: { count: input.count, ...source },
  });
  await audit(tx, actor, before ? 'replace' : 'create', 'CountReport', saved.id, { metric: input.metric, week, count: [before?.count, input.count] });
  return { unit, monday: weekStart(input.at), before: before?.count, after: saved.count };
}

/** A weekly figure this many times the unit's largest earlier one (and at least DOUBTFUL_FLOOR) is confirmed before it is saved. */
const DOUBTFUL_FACTOR = 5;
const DOUBTFUL_FLOOR = 200;
/** With no earlier week to compare, a figure above this is confirmed. */
const DOUBTFUL_FIRST = 5_000;

/**
 * Whether a weekly figure is far above what the unit usually reports (a slip of the finger:
 * 3500 for 350), so the bot should ask before saving it. Returns the usual figure it was
 * compared with, or undefined when the figure is plausible.
 */
export async function unusualWeeklyCount(
  tx: Tx,
  actor: Actor,
  input: Omit<WeeklyCountInput, 'count'> & { count: number },
): Promise<{ usual: number | undefined } | undefined> {
  const unit = actingUnit(actor);
  const earlier = await tx.countReport.aggregate({
    where: { campaignId: input.campaign.id, unitId: unit.id, metric: input.metric, week: { not: weekKey(input.at) } },
    _max: { count: true },
  });
  const usual = earlier._max.count ?? undefined;
  if (usual === undefined) return input.count > DOUBTFUL_FIRST ? { usual } : undefined;
  return input.count >= DOUBTFUL_FLOOR && input.count > usual * DOUBTFUL_FACTOR ? { usual } : undefined;
}
