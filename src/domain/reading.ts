import type { Tx } from '../db/client.js';
import { weeklyCounts } from '../db/hot.js';
import type { Campaign, Recommendation, RecommendPlatform, Unit } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { addDays, formatDateTime, formatWeek, weekKey, weekStart } from '../time.js';
import { actingUnit, assertMayChange, audit, mayActFor, type Actor } from './actor.js';
import { doubtfulDrop } from './bounds.js';
import { isWithinCampaign, reportsParticipants, weekWithinCampaign } from './campaign.js';
import { UserError } from './errors.js';
import { RECOMMEND_METRIC, weekPublishedAt } from './ranking.js';
import { resolveUnit } from './units.js';

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
  /**
   * Recorded: the unit now has `weekCount` recommendations this week. `coveredBy` is the report
   * of this week (the unit's own, or its parent's for a 基层单位) that counts instead of them.
   */
  | { recorded: Recommendation; unit: Unit; book: string; weekCount: number; coveredBy?: { unit: string; count: number } }
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
    where: { campaignId, unitId: unit.id, personName: input.person, bookTitle: book, deletedAt: null },
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
  const weekCount = await tx.recommendation.count({ where: { campaignId, unitId: unit.id, week, deletedAt: null } });
  // By the one counting rule, a report of this week counts instead of the recommendations: say so.
  const reports = await tx.countReport.findMany({
    where: { campaignId, metric: RECOMMEND_METRIC, week, unitId: { in: unit.parentId ? [unit.id, unit.parentId] : [unit.id] } },
    include: { unit: true },
  });
  // A parent's report covers its 基层单位 even when they report too.
  const report = reports.find((r) => r.unitId === unit.parentId) ?? reports[0];
  const coveredBy = report ? { unit: report.unit.name, count: report.count } : undefined;
  return { recorded, unit, book, weekCount, coveredBy };
}

export interface WithdrawRecommendationInput {
  campaignId: number;
  now: Date;
  /** By its number… */
  id?: number;
  /** …or by its title (《》 around it are dropped), with the person when it is not the actor. */
  book?: string;
  person?: string;
}

/**
 * Withdraws a recommendation (撤回荐书): it no longer counts; the row and its audit rows stay, and
 * 撤销 within 30 minutes brings it back. Found by number, or by title among those the actor
 * recorded (else those of the person named, the actor by default, in the actor's unit). The
 * person who recorded it may withdraw it, and so may its unit's people and admins.
 */
export async function withdrawRecommendation(
  tx: Tx,
  actor: Actor,
  input: WithdrawRecommendationInput,
): Promise<{ recommendation: Recommendation; unit: Unit }> {
  const live = { campaignId: input.campaignId, deletedAt: null };
  let found: Recommendation | null = null;
  if (input.id !== undefined) {
    found = await tx.recommendation.findFirst({ where: { ...live, id: input.id } });
    if (!found) throw new UserError('reading.recommendationNotFound', { id: input.id });
  } else {
    const book = (input.book ?? '').replace(/^《|》$/g, '').trim();
    if (!book) throw new UserError('reading.withdrawWhich');
    const byOwn = input.person ? [] : await tx.recommendation.findMany({ where: { ...live, bookTitle: book, memberId: actor.memberId }, orderBy: { id: 'asc' } });
    const candidates = byOwn.length
      ? byOwn
      : await tx.recommendation.findMany({
          where: { ...live, bookTitle: book, unitId: actingUnit(actor).id, personName: input.person ?? actor.name },
          orderBy: { id: 'asc' },
        });
    if (!candidates.length) throw new UserError('reading.recommendationNotFoundByBook', { book, person: input.person });
    if (candidates.length > 1) {
      throw new UserError('reading.recommendationAmbiguous', { book, options: candidates.map((r) => ({ id: r.id, person: r.personName })) });
    }
    found = candidates[0];
  }
  if (found.memberId !== actor.memberId) await assertMayChange(tx, actor, found.unitId, t('reading.noun'));
  const recommendation = await tx.recommendation.update({ where: { id: found.id }, data: { deletedAt: input.now } });
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: found.unitId } });
  await audit(tx, actor, 'withdraw', 'Recommendation', found.id, {
    unit: unit.name,
    person: found.personName,
    book: found.bookTitle,
    deletedAt: [null, input.now],
  });
  return { recommendation, unit };
}

export interface WeeklyCountInput {
  /** With `rankingStartsAt`, a week before the first ranked one is never closed by a ranking (none went out for it). */
  campaign: Pick<Campaign, 'id' | 'startsAt' | 'endsAt'> & Partial<Pick<Campaign, 'rankingStartsAt'>>;
  /** The metric's key (METRICS: 'recommend'). */
  metric: string;
  count: number;
  at: Date;
  /** For the campaign week that just ended (上周) rather than this one. */
  lastWeek?: boolean;
  /** The unit as typed (单位=长沙), when it is not the one the actor acts for: admins, or a contact for a 基层单位 under their unit. */
  unitName?: string;
}

export interface WeeklyCountOutcome {
  unit: Unit;
  /** Monday of the campaign week the count is for. */
  monday: Date;
  lastWeek: boolean;
  /** The count reported earlier that week, which this one replaced. */
  before?: number;
  /** Who reported the replaced count, when that was someone else. */
  earlier?: string;
  after: number;
  /** An admin's change after the week's ranking went out: the next ranking notes it. */
  corrected: boolean;
  /** A 基层单位's parent: its figure is counted there. */
  parent?: Unit;
  /** The parent reported that week itself, which covers this unit: this figure is not added. */
  coveredByParent: boolean;
}

/** The Monday of the week a count is for: the week of `at`, or the one before. */
export function reportWeek(at: Date, lastWeek = false): Date {
  return lastWeek ? addDays(weekStart(at), -7) : weekStart(at);
}

/** The unit a count is for: the one typed (单位=…), which the actor must be allowed to act for, else the actor's own. */
async function reportingUnit(tx: Tx, actor: Actor, unitName: string | undefined): Promise<Unit> {
  if (!unitName?.trim()) return actingUnit(actor);
  const found = await resolveUnit(tx, unitName);
  if (!('unit' in found) || found.bySound) throw new UserError('reading.reportUnitUnknown', { unit: unitName.trim() });
  if (!(await mayActFor(tx, actor, found.unit.id))) throw new UserError('reading.reportNotYourUnit', { unit: found.unit.name });
  return found.unit;
}

/**
 * A unit's batch count for a campaign week — the week of `at`, or with `lastWeek` the one that
 * just ended — one per unit, metric and week, so reporting again replaces the number (and the
 * audit row says 'replace', with both numbers). Only reporting units report (not the province).
 * The week that just ended is open until its weekly ranking goes out; after that only an admin
 * may change it, which marks the row corrected (audit 'correct') for the next ranking to note.
 */
/** The unit a count is for and its counts of the metric so far, every week: what 上报 checks a figure against and replaces. */
export interface UnitCounts {
  unit: Unit;
  rows: Array<{ week: string; count: number; reporterId: number | null }>;
}

/** Read once for unusualWeeklyCount and reportWeeklyCount (one statement: a unit reports once a week at most). */
export async function unitCounts(tx: Tx, actor: Actor, input: Pick<WeeklyCountInput, 'campaign' | 'metric' | 'unitName'>): Promise<UnitCounts> {
  const unit = await reportingUnit(tx, actor, input.unitName);
  return { unit, rows: await weeklyCounts(tx, input.campaign.id, unit.id, input.metric) };
}

export async function reportWeeklyCount(tx: Tx, actor: Actor, input: WeeklyCountInput, counts?: UnitCounts): Promise<WeeklyCountOutcome> {
  const unit = counts?.unit ?? (await reportingUnit(tx, actor, input.unitName));
  if (!reportsParticipants(unit.kind)) throw new UserError('reading.unitDoesNotReport', { unit: unit.name });
  const lastWeek = input.lastWeek ?? false;
  const monday = reportWeek(input.at, lastWeek);
  if (lastWeek) {
    if (!weekWithinCampaign(input.campaign, monday)) throw new UserError('reading.lastWeekOutsideCampaign', { week: formatWeek(monday) });
  } else if (!isWithinCampaign(input.campaign, input.at)) {
    throw new UserError('reading.reportOutsideCampaign');
  }
  // A week before the rankings began had no ranking: a weekly-ranking run after it published nothing for it.
  const ranked = !input.campaign.rankingStartsAt || monday >= weekStart(input.campaign.rankingStartsAt);
  const publishedAt = lastWeek && ranked ? await weekPublishedAt(tx, monday) : undefined;
  if (publishedAt && !actor.isAdmin) {
    const admins = await tx.member.findMany({ where: { role: { in: ['ADMIN', 'SUPERADMIN'] } }, orderBy: { id: 'asc' }, take: 3 });
    throw new UserError('reading.weekClosed', { week: formatWeek(monday), at: formatDateTime(publishedAt), admins: admins.map((m) => m.displayName) });
  }
  const corrected = publishedAt !== undefined;
  const week = weekKey(monday);
  const key = { campaignId: input.campaign.id, unitId: unit.id, metric: input.metric, week };
  const before = counts ? counts.rows.find((r) => r.week === week) : await tx.countReport.findUnique({ where: { campaignId_unitId_metric_week: key } });
  const source = { reporterId: actor.memberId, sourcePlatform: actor.platform, sourceMessageId: actor.messageId };
  const correction = corrected ? { correctedAt: input.at } : {};
  const saved = await tx.countReport.upsert({
    where: { campaignId_unitId_metric_week: key },
    create: { ...key, count: input.count, ...source, ...correction },
    update: { count: input.count, ...source, ...correction },
  });
  const action = corrected ? 'correct' : before ? 'replace' : 'create';
  await audit(tx, actor, action, 'CountReport', saved.id, { metric: input.metric, week, count: [before?.count, input.count] });
  const earlier = before?.reporterId && before.reporterId !== actor.memberId ? await tx.member.findUnique({ where: { id: before.reporterId } }) : null;
  const parent = unit.kind === 'GRASSROOTS' && unit.parentId ? await tx.unit.findUnique({ where: { id: unit.parentId } }) : null;
  const parentReport = parent ? await tx.countReport.findUnique({ where: { campaignId_unitId_metric_week: { ...key, unitId: parent.id } } }) : null;
  return {
    unit,
    monday,
    lastWeek,
    before: before?.count,
    earlier: earlier?.displayName,
    after: saved.count,
    corrected,
    parent: parent ?? undefined,
    coveredByParent: parentReport !== null,
  };
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
  counts?: UnitCounts,
): Promise<{ usual: number | undefined; replacing?: { count: number; by: string } } | undefined> {
  // Every week, this one included: a figure replacing this week's 35 with 1,234 is as doubtful.
  const { rows } = counts ?? (await unitCounts(tx, actor, input));
  const usual = rows.length ? Math.max(...rows.map((r) => r.count)) : undefined;
  // Someone else's figure for the same week replaced by one far below it (99 → 1) is asked about too.
  const same = rows.find((r) => r.week === weekKey(reportWeek(input.at, input.lastWeek)));
  if (same && doubtfulDrop(same.count, input.count, same.reporterId !== null && same.reporterId !== actor.memberId)) {
    const by = await tx.member.findUnique({ where: { id: same.reporterId! } });
    return { usual, replacing: { count: same.count, by: by?.displayName || by?.platformUserId || t('bounds.someoneElse') } };
  }
  if (usual === undefined) return input.count > DOUBTFUL_FIRST ? { usual } : undefined;
  return input.count >= DOUBTFUL_FLOOR && input.count > usual * DOUBTFUL_FACTOR ? { usual } : undefined;
}
