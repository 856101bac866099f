import { defineCommand } from '../src/bot/command.js';
import { CHART_DIR, rankingChartFile } from '../src/charts/ranking-chart.js';
import { ownBoardUnitId, rankingView, weekRanking } from '../src/domain/ranking.js';
import { formatWeek, weekStart } from '../src/time.js';
import { t } from '../src/texts.js';
import rank from './rank.js';

/**
 * 排行图: 排行's text, and this week's boards as a picture (bars, the change against last week,
 * the group's own unit in another colour). The console writes the PNG under ./data/charts and
 * says where; WeCom and DingTalk get the text alone until pictures are sent there.
 */
export default defineCommand({
  names: ['排行图', 'rank-chart'],
  variants: ['排名图', '排行榜图片', '看图', '排行图片', '排名图片'],
  section: '好书荐读',
  summary: '本周好书荐读排行的图片（附文字排行）',
  usage: '排行图',
  examples: ['排行图', 'rank-chart'],
  access: 'bound',
  async run(ctx, values, rest) {
    await rank.run(ctx, values, rest);
    // Only the console can show a picture yet (a file it names); WeCom and DingTalk need an upload.
    if (ctx.message.platform !== 'console') {
      ctx.reply(t('charts.textOnly'));
      return;
    }
    const monday = weekStart(ctx.now);
    const [{ rows, previous }, own] = await Promise.all([weekRanking(ctx.tx, ctx.campaign.id, monday), ownBoardUnitId(ctx.tx, ctx.actor.unit)]);
    const boards = rankingView(rows, own, previous);
    const { path } = await rankingChartFile(CHART_DIR, { campaign: ctx.campaign.name, week: formatWeek(monday), boards });
    ctx.reply(t('charts.saved', { path }));
  },
});
