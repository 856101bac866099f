import type { Db } from '../db/client.js';
import type { Campaign } from '../generated/sqlite/client.js';
import { CAMPAIGN_TZ, monthKey, shanghaiInstant, shanghaiParts, startOfShanghaiDay } from '../time.js';

export interface CampaignSettings {
  name: string;
  start?: Date;
  end?: Date;
  rankingStart?: Date;
  /** Where signed forms go (the notice: hnnzgb@163.com). */
  contactEmail?: string;
  /** The logo hosts use on site (the notice: 湘悦读·工力量). */
  logoName?: string;
}

/**
 * The campaign the bot runs, created on first start: from today for one year unless the
 * settings give dates, so a newcomer can try everything at once. An existing campaign of that
 * name is updated only where a setting is given.
 */
export async function ensureCampaign(db: Db, s: CampaignSettings, now: Date): Promise<Campaign> {
  const existing = await db.campaign.findUnique({ where: { name: s.name } });
  if (existing) {
    const data: Partial<Campaign> = {};
    if (s.start && +s.start !== +existing.startsAt) data.startsAt = s.start;
    if (s.end && +s.end !== +existing.endsAt) data.endsAt = s.end;
    if (s.rankingStart && +s.rankingStart !== +existing.rankingStartsAt) data.rankingStartsAt = s.rankingStart;
    if (s.contactEmail && s.contactEmail !== existing.contactEmail) data.contactEmail = s.contactEmail;
    if (s.logoName && s.logoName !== existing.logoName) data.logoName = s.logoName;
    return Object.keys(data).length ? db.campaign.update({ where: { id: existing.id }, data }) : existing;
  }
  const start = s.start ?? startOfShanghaiDay(now);
  const p = shanghaiParts(start);
  const end = s.end ?? shanghaiInstant(p.year + 1, p.month, p.day);
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

/** Whether a moment falls inside the campaign's dates (the one rule every command and job uses). */
export function isWithinCampaign(campaign: Pick<Campaign, 'startsAt' | 'endsAt'>, at: Date): boolean {
  return at >= campaign.startsAt && at <= campaign.endsAt;
}

/** Whether a month (`YYYY-MM`, Asia/Shanghai) overlaps the campaign. */
export function monthWithinCampaign(campaign: Pick<Campaign, 'startsAt' | 'endsAt'>, month: string): boolean {
  return month >= monthKey(campaign.startsAt) && month <= monthKey(campaign.endsAt);
}
