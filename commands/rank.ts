import { defineCommand } from '../src/bot/command.js';
import { currentRanking, type BoardLine } from '../src/domain/ranking.js';
import { formatWeek } from '../src/time.js';
import { t } from '../src/texts.js';

export default defineCommand({
  names: ['排行', 'rank', '排名'],
  variants: ['排行榜', '排名榜', '本周排行', '本周排名', '排第几', '看排名', '名次'],
  section: '好书荐读',
  summary: '本周和累计的好书荐读参与人数排行（市州、产业工会）',
  usage: '排行',
  examples: ['排行', 'rank'],
  access: 'bound',
  async run(ctx) {
    const { monday, thisWeek, total } = await currentRanking(ctx.tx, { campaignId: ctx.campaign.id, campaign: ctx.campaign, unit: ctx.actor.unit, now: ctx.now });
    const out = [t('reading.rankHeading')];
    thisWeek.forEach((week, i) => {
      const board = t('reading.board', { board: week.board });
      out.push(t('reading.rankWeekBoard', { board, week: formatWeek(monday) }), ...week.lines.map(rankLine));
      out.push(t('reading.rankTotalBoard', { board }), ...total[i].lines.map(rankLine));
    });
    out.push(t('reading.rankFootnote'));
    ctx.reply(out.join('\n'));
  },
});

function rankLine(line: BoardLine): string {
  if (line === 'gap') return t('reading.rankGap');
  if (line === 'nobody') return t('reading.rankNobody');
  return t('reading.rankRow', { own: line.own, rank: line.row.rank, unit: line.row.name, participants: line.row.participants });
}
