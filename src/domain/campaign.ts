import type { Db } from '../db/client.js';
import type { Campaign } from '../generated/sqlite/client.js';
import { CAMPAIGN_TZ, shanghaiInstant, shanghaiParts, startOfShanghaiDay } from '../time.js';

export interface CampaignSettings {
  name: string;
  start?: Date;
  end?: Date;
  rankingStart?: Date;
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
    return Object.keys(data).length ? db.campaign.update({ where: { id: existing.id }, data }) : existing;
  }
  const start = s.start ?? startOfShanghaiDay(now);
  const p = shanghaiParts(start);
  const end = s.end ?? shanghaiInstant(p.year + 1, p.month, p.day);
  return db.campaign.create({
    data: { name: s.name, startsAt: start, endsAt: end, rankingStartsAt: s.rankingStart ?? start, timeZone: CAMPAIGN_TZ },
  });
}
