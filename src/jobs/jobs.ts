import type { Logger } from 'pino';
import type { PlatformSender } from '../bot/sender.js';
import type { Db } from '../db/client.js';
import { missingItems, owedChecklist, submitExample } from '../domain/deliverables.js';
import { isWithinCampaign, mayHost, monthWithinCampaign, REPORTING_KINDS, weekWithinCampaign } from '../domain/campaign.js';
import { hostDate, slotsLeft } from '../domain/hosting.js';
import {
  correctionsSince,
  notReported,
  ownBoardUnitId,
  rankingView,
  reportedUnitIds,
  weekRanking,
  WEEKLY_RANKING_JOB,
  type BoardLine,
  type BoardView,
} from '../domain/ranking.js';
import type { Campaign, Chat, Unit } from '../generated/sqlite/client.js';
import { enqueue, reachable } from '../outbox/outbox.js';
import { enqueuePicture, picturesReach } from '../outbox/pictures.js';
import { rankingPictures } from './ranking-pictures.js';
import { deleteExpiredPictures } from '../charts/pictures.js';
import { ACTIVITY_KIND_LABEL, t } from '../texts.js';
import { addDays, formatDate, formatDateTime, formatWeek, ymd, monthKey, shanghaiInstant, shanghaiParts, startOfShanghaiDay, weekKey, weekStart } from '../time.js';
import { windowKey } from './schedule.js';

/** What a job works with. Jobs only enqueue; the outbox worker sends. */
export interface JobContext {
  db: Db;
  campaign: Campaign;
  senders: ReadonlyMap<string, PlatformSender>;
  logger: Logger;
  /** Hour (Shanghai) of the day before an activity when its group is reminded. */
  eveHour: number;
  /** Whether the weekly ranking carries its chart where a picture can go (default: yes). */
  pictures?: boolean;
}

export interface JobDef {
  name: string;
  /** Cron expression, Asia/Shanghai. */
  cron: string;
  /**
   * How late a window may still run, e.g. at start after a down time: a Friday reminder is
   * pointless by Sunday, a Monday ranking still worth sending on Tuesday.
   */
  maxLateMs: number;
  /**
   * Whether a window is the campaign's business, so that it runs at all: by default, when it falls
   * on one of the campaign's days (isWithinCampaign); the weekly ranking, when the week it ranks does.
   */
  concerns?(campaign: Pick<Campaign, 'startsAt' | 'endsAt'>, window: Date): boolean;
  /** Enqueues what the window owes; returns how many messages were queued. */
  run(ctx: JobContext, window: Date): Promise<number>;
}

/** Whether the job has anything to do for the campaign at `window` (the scheduler asks before it runs). */
export function jobConcerns(job: JobDef, campaign: Pick<Campaign, 'startsAt' | 'endsAt'>, window: Date): boolean {
  return job.concerns ? job.concerns(campaign, window) : isWithinCampaign(campaign, window);
}

const DAY = 86_400_000;
/** How many times a group is asked for an activity's participant count. */
const COUNT_REMINDERS = 3;

type BoundChat = Chat & { unit: Unit };

/** Bound group chats the bot can push to, with their units. */
async function boundGroups(ctx: JobContext): Promise<BoundChat[]> {
  const chats = await ctx.db.chat.findMany({ where: { isGroup: true, unitId: { not: null } }, include: { unit: true }, orderBy: { id: 'asc' } });
  return chats.filter((c): c is BoundChat => c.unit !== null && reachable(c, ctx.senders));
}

/** Queues `body` for each chat once per `key`; `expiresAt` when it stops being useful sooner than a day. */
async function send<C extends Chat>(
  ctx: JobContext,
  chats: C[],
  key: string,
  at: Date,
  body: (chat: C) => string | Promise<string>,
  expiresAt?: Date,
): Promise<number> {
  let n = 0;
  for (const chat of chats) {
    if (await enqueue(ctx.db, { chat, body: await body(chat), dedupeKey: `${key}:chat:${chat.id}`, at, expiresAt })) n++;
  }
  return n;
}

/** The Monday of the week a weekly-ranking window ranks: the week before the window's. */
const rankedMonday = (window: Date) => addDays(weekStart(window), -7);

/**
 * Monday morning: last week's 好书荐读 ranking of 市州 and 产业工会 — count, change against the
 * week before, rank change — to every bound group, each with its own unit marked; then one line
 * naming the units with no figure that week (未上报), and one noting figures an admin corrected
 * since the last ranking. Published from the campaign's ranking start (the notice: the 2nd week
 * of June) up to the week of its last day, ranked the Monday after. Its run closes the ranked
 * week to 上报 (src/domain/reading.ts).
 */
export const weeklyRanking: JobDef = {
  name: WEEKLY_RANKING_JOB,
  cron: '0 9 * * 1',
  maxLateMs: 3 * DAY,
  concerns: (campaign, window) => weekWithinCampaign(campaign, rankedMonday(window)),
  async run(ctx, window) {
    const lastMonday = rankedMonday(window);
    if (lastMonday < weekStart(ctx.campaign.rankingStartsAt)) return 0;
    const [{ rows, previous }, missing, corrections] = await Promise.all([
      weekRanking(ctx.db, ctx.campaign.id, lastMonday),
      notReported(ctx.db, ctx.campaign.id, lastMonday),
      correctionsSince(ctx.db, ctx.campaign.id, windowKey(window)),
    ]);
    const notes = [
      ...(missing.length ? [t('jobs.rankingNotReported', { units: missing.map((unit) => unit.shortName ?? unit.name) })] : []),
      ...(corrections.length
        ? [t('jobs.rankingCorrections', { items: corrections.map((c) => ({ unit: c.unit.name, week: formatWeek(c.monday), count: c.count })) })]
        : []),
    ];
    const chats = await boundGroups(ctx);
    const ownOf = new Map<number, number | undefined>();
    for (const chat of chats) if (!ownOf.has(chat.unit.id)) ownOf.set(chat.unit.id, await ownBoardUnitId(ctx.db, chat.unit));
    // The chart goes right after each group's text, on its channel: drawn once per unit highlighted.
    const pictures =
      ctx.pictures === false
        ? new Map<number | undefined, number>()
        : await rankingPictures({ db: ctx.db, senders: ctx.senders, campaignName: ctx.campaign.name, now: window }, chats, { monday: lastMonday, rows, previous, ownOf });
    const key = `ranking:${weekKey(lastMonday)}`;
    let n = 0;
    for (const chat of chats) {
      const own = ownOf.get(chat.unit.id);
      n += await send(ctx, [chat], key, window, () => rankingMessage(formatWeek(lastMonday), rankingView(rows, own, previous), notes));
      const pictureId = picturesReach(chat, ctx.senders) ? pictures.get(own) : undefined;
      if (pictureId === undefined) continue;
      const picture = { chat, pictureId, after: `${key}:chat:${chat.id}`, dedupeKey: `ranking-picture:${weekKey(lastMonday)}:chat:${chat.id}`, at: window };
      if (await enqueuePicture(ctx.db, picture)) n++;
    }
    return n;
  },
};

/** One group's ranking message: its own unit is marked 👉 and always shown; `notes` (未上报, corrections) go before the footnote. */
export function rankingMessage(week: string, boards: BoardView[], notes: readonly string[] = []): string {
  const out = [t('jobs.rankingHeading', { week })];
  for (const view of boards) out.push(t('jobs.rankingBoard', { board: t('reading.board', { board: view.board }) }), ...view.lines.map(rankLine));
  out.push(...notes, t('jobs.rankingFootnote'));
  return out.join('\n');
}

function rankLine(line: BoardLine): string {
  if (line === 'gap') return t('reading.rankGap');
  if (line === 'nobody') return t('reading.rankNobody');
  const { row, own, change } = line;
  return t('jobs.rankingRow', {
    own,
    // A unit with nobody yet has no place to speak of.
    place: row.participants > 0 ? row.rank : undefined,
    unit: row.name,
    participants: row.participants,
    more: change?.participants ?? row.participants,
    placesUp: change?.placesUp ?? 0,
  });
}

/**
 * Friday afternoon: the groups of reporting units (not the province) that have no figure this
 * week — neither 上报 nor 荐书, by the counting rule — are told what is missing.
 */
export const reportReminder: JobDef = {
  name: 'report-reminder',
  cron: '0 16 * * 5',
  maxLateMs: DAY,
  async run(ctx, window) {
    const week = weekKey(window);
    const reported = await reportedUnitIds(ctx.db, ctx.campaign.id, week);
    const chats = (await boundGroups(ctx)).filter((c) => REPORTING_KINDS.includes(c.unit.kind) && !reported.has(c.unit.id));
    return send(ctx, chats, `report-reminder:${week}`, window, (chat) =>
      t('jobs.reportReminder', { week: formatWeek(weekStart(window)), unit: chat.unit.name }),
    );
  },
};

/**
 * Every hour: the evening before an activity its group is reminded; from two hours after its
 * start it is asked for the participant count, once a day, at most 3 times, until 活动完成.
 */
export const activityReminders: JobDef = {
  name: 'activity-reminders',
  cron: '0 * * * *',
  maxLateMs: 3 * 3_600_000,
  async run(ctx, window) {
    const HOUR = 3_600_000;
    const activities = await ctx.db.activity.findMany({
      where: {
        campaignId: ctx.campaign.id,
        status: 'PLANNED',
        deletedAt: null,
        startsAt: { gt: new Date(window.getTime() - (COUNT_REMINDERS + 1) * 24 * HOUR), lte: new Date(window.getTime() + 48 * HOUR) },
      },
      include: { chat: true },
      orderBy: { id: 'asc' },
    });
    const groups = await boundGroups(ctx);
    let n = 0;
    for (const a of activities) {
      const chats = activityGroups(ctx, a.chat, a.unitId, groups);
      const activity = t('jobs.activity', { kind: ACTIVITY_KIND_LABEL[a.kind], theme: a.theme, when: formatDateTime(a.startsAt), place: a.place });
      const day = shanghaiParts(addDays(startOfShanghaiDay(a.startsAt), -1));
      const eve = shanghaiInstant(day.year, day.month, day.day, ctx.eveHour);
      if (a.startsAt > window && eve <= window) {
        // Useless once the activity has begun.
        n += await send(ctx, chats, `activity:${a.id}:eve`, window, () => t('jobs.activityEve', { activity, id: a.id }), a.startsAt);
      }
      if (window.getTime() >= a.startsAt.getTime() + 2 * HOUR) {
        // The next of the 3 questions, a day after the one before: counted from those queued, so a
        // server that was down asks the 1st first, never the 2nd or 3rd.
        const asked = await ctx.db.outbox.findMany({
          where: { dedupeKey: { startsWith: `activity:${a.id}:count:` } },
          select: { dedupeKey: true, createdAt: true },
        });
        const nth = 1 + new Set(asked.map((row) => row.dedupeKey.split(':')[3])).size;
        const last = Math.max(0, ...asked.map((row) => row.createdAt.getTime()));
        if (nth <= COUNT_REMINDERS && window.getTime() - last >= 24 * HOUR - HOUR / 2) {
          n += await send(ctx, chats, `activity:${a.id}:count:${nth}`, window, () =>
            t('jobs.activityCount', { activity, id: a.id, nth, of: COUNT_REMINDERS }),
          );
        }
      }
    }
    return n;
  },
};

/** The activity's own group when the bot can reach it, else the bound groups of its unit (from `groups`). */
function activityGroups(ctx: JobContext, chat: Chat | null, unitId: number, groups: Chat[]): Chat[] {
  if (chat && chat.isGroup && reachable(chat, ctx.senders)) return [chat];
  return groups.filter((c) => c.unitId === unitId);
}

/**
 * The 20th: next month's hosting is open — when that month is in the campaign; the bound groups
 * of units that may host (not the province) hear how many slots are left.
 */
export const hostWindow: JobDef = {
  name: 'host-window',
  cron: '0 10 20 * *',
  maxLateMs: 5 * DAY,
  async run(ctx, window) {
    const p = shanghaiParts(window);
    const month = monthKey(shanghaiInstant(p.year, p.month + 1, 1));
    if (!monthWithinCampaign(ctx.campaign, month)) return 0;
    const { left, capacity } = await slotsLeft(ctx.db, ctx.campaign.id, month);
    const [y, m] = month.split('-').map(Number);
    const hosts = (await boundGroups(ctx)).filter((chat) => mayHost(chat.unit.kind));
    return send(ctx, hosts, `host-window:${month}`, window, () =>
      t('jobs.hostWindow', { year: y, month: m, monthKey: month, left, capacity }),
    );
  },
};

/**
 * Daily after a hosted event: the host's group hears what it still owes (承办单位须知), until
 * everything is in.
 */
export const deliverables: JobDef = {
  name: 'deliverables',
  cron: '0 10 * * *',
  maxLateMs: DAY,
  async run(ctx, window) {
    const hosts = await ctx.db.hostRequest.findMany({
      where: { campaignId: ctx.campaign.id, status: 'APPROVED', proposedAt: { lte: window } },
      include: { deliverable: true, chat: true },
      orderBy: { id: 'asc' },
    });
    const groups = await boundGroups(ctx);
    let n = 0;
    for (const h of hosts) {
      const missing = missingItems(h.deliverable);
      if (!missing.length) continue;
      const chats = activityGroups(ctx, h.chat, h.unitId, groups);
      n += await send(ctx, chats, `deliverables:${h.id}:${ymd(window)}`, window, () =>
        t('jobs.deliverables', {
          theme: h.theme,
          date: hostDate(h.proposedAt),
          owed: owedChecklist(h.deliverable, ctx.campaign.logoName),
          howTo: missing.map((item) => submitExample(item)),
        }),
      );
    }
    return n;
  },
};

/**
 * Nightly: forget what only guards against retries and follow-ups. A platform retries within
 * minutes (WeCom) or a minute (DingTalk), so message ids older than two weeks can go; expired
 * follow-up questions; sent pushes after 90 days; pictures past their expiry. Failed pushes stay for admins to see.
 */
export const housekeeping: JobDef = {
  name: 'housekeeping',
  cron: '30 3 * * *',
  maxLateMs: DAY,
  async run(ctx, window) {
    const ago = (days: number) => new Date(window.getTime() - days * DAY);
    const [messages, conversations, pushes, pictures] = await Promise.all([
      // Not a message still in the inbox (RECEIVED): it is to be handled, not forgotten.
      ctx.db.processedMessage.deleteMany({ where: { createdAt: { lt: ago(14) }, status: { not: 'RECEIVED' } } }),
      ctx.db.conversation.deleteMany({ where: { expiresAt: { lt: ago(1) } } }),
      ctx.db.outbox.deleteMany({ where: { status: 'SENT', sentAt: { lt: ago(90) } } }),
      // Pictures past their expiry: their address answers 404 by then anyway.
      deleteExpiredPictures(ctx.db, window),
    ]);
    ctx.logger.info({ messages: messages.count, conversations: conversations.count, pushes: pushes.count, pictures }, 'housekeeping');
    return 0;
  },
};
