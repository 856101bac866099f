import type { Tx } from '../db/client.js';
import type { Campaign, HostDeliverable, HostRequest, Unit } from '../generated/sqlite/client.js';
import { t } from '../texts.js';
import { actingUnit, audit, type Actor } from './actor.js';
import { UserError } from './errors.js';

/**
 * 承办单位须知 ②③: after each hosted event, 3–5 high-resolution photos, one edited video of at
 * most 3 minutes, a publicity article of about 800 characters (taken as 800 ± 20 %), and the
 * campaign's logo used on site. Every text that states a limit is made from these numbers.
 */
export const RULES = {
  photos: { min: 3, max: 5 },
  videoMaxSeconds: 180,
  articleChars: { target: 800, min: 640, max: 960 },
} as const;

/** The four items, in the notice's order. */
export const ITEMS = ['photos', 'video', 'article', 'logo'] as const;
export type Item = (typeof ITEMS)[number];

/** What people call an item: 照片, 视频, 稿件, 标识. */
export function itemLabel(item: Item): string {
  return t(`deliverables.label.${item}`);
}

/** How to hand an item in, e.g. 「提交材料 照片 5」. */
export function submitExample(item: Item): string {
  return t(`deliverables.example.${item}`);
}

/** All four ways to hand something in, one a line. */
export function submitUsage(): string {
  return ITEMS.map(submitExample).join('\n');
}

/** An item's rule as the checklist states it; the logo's name is the campaign's. */
function ruleText(item: Item, logoName: string): string {
  switch (item) {
    case 'photos':
      return t('deliverables.rule.photos', RULES.photos);
    case 'video':
      return t('deliverables.rule.video', { minutes: RULES.videoMaxSeconds / 60 });
    case 'article':
      return t('deliverables.rule.article', { chars: RULES.articleChars.target });
    case 'logo':
      return t('deliverables.rule.logo', { logo: logoName });
  }
}

/** The checklist's lines of what is still owed (the daily reminder). */
export function owedChecklist(d: HostDeliverable | null, logoName: string): string[] {
  return missingItems(d).map((item) => owedLine(item, logoName));
}

function owedLine(item: Item, logoName: string): string {
  return t('deliverables.checkOwed', { rule: ruleText(item, logoName) });
}

/** What is still owed, in the notice's order. */
export function missingItems(d: Pick<HostDeliverable, 'photos' | 'videoLink' | 'articleLink' | 'logoUsed'> | null): Item[] {
  const owed: Item[] = [];
  if (!d || d.photos < RULES.photos.min) owed.push('photos');
  if (!d?.videoLink) owed.push('video');
  if (!d?.articleLink) owed.push('article');
  if (!d?.logoUsed) owed.push('logo');
  return owed;
}

/** The checklist as people read it: ✅ done, ⬜ still owed with the rule. */
export function checklist(d: HostDeliverable | null, logoName: string): string[] {
  const missing = new Set(missingItems(d));
  const done: Record<Item, () => string> = {
    photos: () => t('deliverables.done.photos', { count: d?.photos ?? 0 }),
    video: () => t('deliverables.done.video', { duration: d?.videoSeconds !== undefined && d?.videoSeconds !== null ? formatDuration(d.videoSeconds) : '' }),
    article: () => t('deliverables.done.article', { chars: d?.articleChars ?? null }),
    logo: () => t('deliverables.done.logo'),
  };
  return ITEMS.map((item) =>
    missing.has(item) ? owedLine(item, logoName) : t('deliverables.checkDone', { what: done[item]() }),
  );
}

export function formatDuration(seconds: number): string {
  return t('deliverables.duration', { seconds });
}

/** 「2分40秒」「160秒」「2:40」「3分钟」「2分半」「2.5分钟」 → seconds; undefined when unreadable. */
export function parseDuration(input: string): number | undefined {
  const s = input.trim().replace(/\s+/g, '');
  let m = /^(\d{1,3}):(\d{1,2})$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(?:(\d{1,3}(?:\.\d+)?)(?:分钟|分|min|m))?(半)?(?:(\d{1,4})(?:秒钟|秒|s))?$/i.exec(s);
  if (!m || (!m[1] && !m[3])) return undefined;
  return Math.round(Number(m[1] ?? 0) * 60 + (m[2] ? 30 : 0) + Number(m[3] ?? 0));
}

/** The longest link we keep. */
const MAX_LINK = 500;

/**
 * One item as the host typed it, already read from the words (the command knows the grammar);
 * a part left out is undefined, and the rules below say what is wrong with it.
 */
export type Submission =
  | { item: 'photos'; count?: number }
  | { item: 'video'; link?: string; seconds?: number }
  | { item: 'article'; link?: string; chars?: number }
  | { item: 'logo'; used: boolean };

export interface SubmittedItem {
  /** The approved request whose event was held most recently. */
  request: HostRequest;
  /** What was saved, as the reply and the audit row state it: 「照片 5 张」. */
  saved: string;
  deliverable: HostDeliverable;
  /** What is still owed after this. */
  missing: Item[];
}

/**
 * The host hands in one item for its most recent held event (an approved request whose date has
 * come). Each item is checked against the notice's limits; when the last one is in, the
 * deliverable is marked complete. `submission` is undefined when the host did not say which item.
 */
export async function submitItem(
  tx: Tx,
  input: { actor: Actor; campaign: Pick<Campaign, 'id' | 'logoName'>; now: Date; submission: Submission | undefined },
): Promise<SubmittedItem> {
  const unit = actingUnit(input.actor);
  const request = await tx.hostRequest.findFirst({
    where: { campaignId: input.campaign.id, unitId: unit.id, status: 'APPROVED', proposedAt: { lte: input.now } },
    orderBy: { proposedAt: 'desc' },
  });
  if (!request) throw new UserError('deliverables.noEventHeld', { unit: unit.name });
  const { submission } = input;
  if (!submission) throw new UserError('deliverables.whichItem', { usage: submitUsage() });
  const { data, saved } = checkSubmission(submission, input.campaign.logoName);
  const hostRequestId = request.id;
  await tx.hostDeliverable.upsert({ where: { hostRequestId }, create: { hostRequestId, ...data }, update: data });
  let deliverable = await tx.hostDeliverable.findUniqueOrThrow({ where: { hostRequestId } });
  const missing = missingItems(deliverable);
  if (!missing.length && !deliverable.completedAt) {
    deliverable = await tx.hostDeliverable.update({ where: { hostRequestId }, data: { completedAt: input.now } });
  }
  await audit(tx, input.actor, 'deliver', 'HostRequest', request.id, { item: submission.item, saved });
  return { request, saved, deliverable, missing };
}

type DeliverableChange = Partial<Pick<HostDeliverable, 'photos' | 'videoLink' | 'videoSeconds' | 'articleLink' | 'articleChars' | 'logoUsed'>>;

/** The notice's limit for each item; what to store and how to say it, or a refusal. */
function checkSubmission(submission: Submission, logoName: string): { data: DeliverableChange; saved: string } {
  switch (submission.item) {
    case 'photos': {
      const { count } = submission;
      if (count === undefined) throw new UserError('deliverables.photoCountMissing', { example: submitExample('photos') });
      if (count < RULES.photos.min || count > RULES.photos.max) throw new UserError('deliverables.photoCountOutOfRange', { ...RULES.photos, count });
      return { data: { photos: count }, saved: t('deliverables.saved.photos', { count }) };
    }
    case 'video': {
      const link = checkLink(submission.link);
      const { seconds } = submission;
      if (seconds === undefined) throw new UserError('deliverables.videoDurationMissing', { example: submitExample('video') });
      if (seconds > RULES.videoMaxSeconds) {
        throw new UserError('deliverables.videoTooLong', { minutes: RULES.videoMaxSeconds / 60, duration: formatDuration(seconds) });
      }
      return { data: { videoLink: link, videoSeconds: seconds }, saved: t('deliverables.saved.video', { duration: formatDuration(seconds) }) };
    }
    case 'article': {
      const link = checkLink(submission.link);
      const { chars } = submission;
      if (chars === undefined) throw new UserError('deliverables.articleCharsMissing', { example: submitExample('article') });
      if (chars < RULES.articleChars.min || chars > RULES.articleChars.max) throw new UserError('deliverables.articleOutOfRange', { ...RULES.articleChars, chars });
      return { data: { articleLink: link, articleChars: chars }, saved: t('deliverables.saved.article', { chars }) };
    }
    case 'logo': {
      if (!submission.used) throw new UserError('deliverables.logoNotConfirmed', { logo: logoName, example: submitExample('logo') });
      return { data: { logoUsed: true }, saved: t('deliverables.saved.logo') };
    }
  }
}

/** A work is handed in by its link (http or https). */
function checkLink(link: string | undefined): string {
  if (!link || !/^https?:\/\/\S+$/i.test(link) || link.length > MAX_LINK) throw new UserError('deliverables.linkMissing', { usage: submitUsage() });
  return link;
}

export interface HostDeliverables {
  request: HostRequest & { unit: Unit };
  /** What the host still owes; undefined while its event has not been held. */
  missing: Item[] | undefined;
}

/** 材料情况: every approved host, earliest event first, and what it still owes. */
export async function listHostDeliverables(tx: Tx, input: { campaignId: number; now: Date }): Promise<HostDeliverables[]> {
  const hosts = await tx.hostRequest.findMany({
    where: { campaignId: input.campaignId, status: 'APPROVED' },
    include: { unit: true, deliverable: true },
    orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }],
  });
  return hosts.map(({ deliverable, ...request }) => ({ request, missing: request.proposedAt > input.now ? undefined : missingItems(deliverable) }));
}
