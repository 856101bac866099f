import type { Db } from '../db/client.js';
import type { Campaign, UnitKind } from '../generated/sqlite/client.js';
import { addDays, CAMPAIGN_TZ, monthKey, shanghaiInstant, shanghaiParts, startOfShanghaiDay } from '../time.js';

export interface CampaignSettings {
  name: string;
  /** The first day (any moment of it, Asia/Shanghai). */
  start?: Date;
  /** The last day (any moment of it, Asia/Shanghai): the campaign includes it whole. */
  end?: Date;
  rankingStart?: Date;
  /** Where signed forms go (the notice: hnnzgb@163.com). */
  contactEmail?: string;
  /** The logo hosts use on site: the notice spells it 湘悦读·工力量 (悦), unlike the campaign's name (阅). */
  logoName?: string;
}

/**
 * The campaign the bot runs, created on first start: from today for one year unless the
 * settings give dates, so a newcomer can try everything at once. An existing campaign of that
 * name is updated only where a setting is given.
 */
export async function ensureCampaign(db: Db, s: CampaignSettings, now: Date): Promise<Campaign> {
  const existing = await db.campaign.findUnique({ where: { name: s.name } });
  const given = { start: s.start && startOfShanghaiDay(s.start), end: s.end && lastMomentOf(s.end) };
  if (existing) {
    const data: Partial<Campaign> = {};
    if (given.start && +given.start !== +existing.startsAt) data.startsAt = given.start;
    if (given.end && +given.end !== +existing.endsAt) data.endsAt = given.end;
    if (s.rankingStart && +s.rankingStart !== +existing.rankingStartsAt) data.rankingStartsAt = s.rankingStart;
    if (s.contactEmail && s.contactEmail !== existing.contactEmail) data.contactEmail = s.contactEmail;
    if (s.logoName && s.logoName !== existing.logoName) data.logoName = s.logoName;
    return Object.keys(data).length ? db.campaign.update({ where: { id: existing.id }, data }) : existing;
  }
  const start = given.start ?? startOfShanghaiDay(now);
  const p = shanghaiParts(start);
  const end = given.end ?? lastMomentOf(shanghaiInstant(p.year + 1, p.month, p.day));
  return db.campaign.create({
    data: {
      name: s.name,
      startsAt: start,
      endsAt: end,
      rankingStartsAt: s.rankingStart ?? start,
      timeZone: CAMPAIGN_TZ,
      contactEmail: s.contactEmail ?? '',
      logoName: s.logoName ?? '',
    },
  });
}

// ——— The calendar ———
// The campaign runs from the start of its first day to the end of its last day, Asia/Shanghai:
// CAMPAIGN_START and CAMPAIGN_END are dates, both included whole. `endsAt` is stored as the last
// moment of the last day (so it reads 23:59 wherever it is shown), and every check below reads
// only the day of `startsAt` and of `endsAt`, so a row stored at any moment of those days means
// the same campaign.

type Dates = Pick<Campaign, 'startsAt' | 'endsAt'>;

/** The last moment (Asia/Shanghai) of the day `d` falls on: how the campaign's last day is stored. */
function lastMomentOf(d: Date): Date {
  return new Date(addDays(startOfShanghaiDay(d), 1).getTime() - 1);
}

/** The instant the campaign is over: midnight after its last day. */
export function campaignOverAt(campaign: Dates): Date {
  return addDays(startOfShanghaiDay(campaign.endsAt), 1);
}

/** Whether a moment falls inside the campaign's days (the one rule every command and job uses). */
export function isWithinCampaign(campaign: Dates, at: Date): boolean {
  return at >= startOfShanghaiDay(campaign.startsAt) && at < campaignOverAt(campaign);
}

/** Whether a month (`YYYY-MM`, Asia/Shanghai) overlaps the campaign. */
export function monthWithinCampaign(campaign: Dates, month: string): boolean {
  return month >= monthKey(campaign.startsAt) && month <= monthKey(campaign.endsAt);
}

/** Whether any day of the campaign week from `monday` (Mon–Sun) is inside the campaign. */
export function weekWithinCampaign(campaign: Dates, monday: Date): boolean {
  return monday < campaignOverAt(campaign) && addDays(monday, 7) > startOfShanghaiDay(campaign.startsAt);
}

// ——— Who takes part, and how ———

/**
 * What each kind of unit does in the campaign, in one table: whether it reports participants
 * (上报 and 荐书 are counted for it, reminders ask it, 我的 lists the report, 未上报 names it), whether
 * it has a place of its own in the rankings, and whether it may host the provincial 读书月 event.
 * The notice addresses 市州总工会, 省直机关工会, 省产业工会 and 省直属基层工会工委, and lets 基层工会
 * host; a 基层单位 reports but is ranked within its parent. The province (省总工会) runs the
 * campaign and does none of these.
 */
export const UNIT_PART: Readonly<Record<UnitKind, { reports: boolean; ranked: boolean; hosts: boolean }>> = {
  PROVINCE: { reports: false, ranked: false, hosts: false },
  CITY: { reports: true, ranked: true, hosts: true },
  INDUSTRY: { reports: true, ranked: true, hosts: true },
  ORGAN: { reports: true, ranked: true, hosts: true },
  DIRECT: { reports: true, ranked: true, hosts: true },
  GRASSROOTS: { reports: true, ranked: false, hosts: true },
};

const kindsWhere = (part: 'reports' | 'ranked' | 'hosts') => (Object.keys(UNIT_PART) as UnitKind[]).filter((kind) => UNIT_PART[kind][part]);

/** Kinds of unit that report participants. */
export const REPORTING_KINDS: readonly UnitKind[] = kindsWhere('reports');
/** Kinds of unit with a place of their own in the rankings (市州 / 产业工会 and 省直). */
export const RANKED_KINDS: readonly UnitKind[] = kindsWhere('ranked');

export const reportsParticipants = (kind: UnitKind): boolean => UNIT_PART[kind].reports;
export const mayHost = (kind: UnitKind): boolean => UNIT_PART[kind].hosts;
