import type { PlatformSender } from '../bot/sender.js';
import { PICTURE_KEEP_MS, storedPicture } from '../charts/pictures.js';
import { rankingGlyphs, rankingPictureKey, renderRankingChart, type RankingChartInput } from '../charts/ranking-chart.js';
import { releaseRenderWorker } from '../charts/render-worker.js';
import type { Db } from '../db/client.js';
import { rankingView, type RankRow } from '../domain/ranking.js';
import type { Chat } from '../generated/sqlite/client.js';
import { picturesReach } from '../outbox/pictures.js';
import { formatWeek, weekKey } from '../time.js';

/**
 * The weekly ranking's pictures: one per board unit highlighted among the groups a picture can
 * reach (a group's own unit is the only difference between two groups' pictures), drawn in the
 * render worker and stored once; by board unit id (`undefined` for groups of no board's unit).
 */
export async function rankingPictures(
  o: { db: Db; senders: ReadonlyMap<string, PlatformSender>; campaignName: string; now: Date },
  chats: ReadonlyArray<Chat & { unitId: number | null }>,
  ranked: { monday: Date; rows: readonly RankRow[]; previous: readonly RankRow[]; ownOf: ReadonlyMap<number, number | undefined> },
): Promise<Map<number | undefined, number>> {
  const owns = new Set<number | undefined>();
  for (const chat of chats) if (chat.unitId !== null && picturesReach(chat, o.senders)) owns.add(ranked.ownOf.get(chat.unitId));
  const pictures = new Map<number | undefined, number>();
  const expiresAt = new Date(o.now.getTime() + PICTURE_KEEP_MS);
  // All of them with one cut of the font; one at a time (the worker draws one at a time anyway),
  // so only one PNG is in this heap at once.
  const glyphs = rankingGlyphs([...ranked.rows, ...ranked.previous]);
  let rendered = false;
  for (const own of owns) {
    const input: RankingChartInput = { campaign: o.campaignName, week: formatWeek(ranked.monday), boards: rankingView(ranked.rows, own, ranked.previous), glyphs };
    const key = rankingPictureKey(weekKey(ranked.monday), own, input);
    const picture = await storedPicture(o.db, key, expiresAt, () => renderRankingChart(input));
    rendered ||= picture.rendered;
    pictures.set(own, picture.id);
  }
  // The worker's memory (~100 MB) is given back before the broadcast's sends, not after its idle time.
  if (rendered) await releaseRenderWorker();
  return pictures;
}
