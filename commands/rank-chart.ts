import { defineCommand } from '../src/bot/command.js';
import { SendError } from '../src/bot/sender.js';
import { CHART_DIR, rankingChartFile, rankingPng, type RankingChartInput } from '../src/charts/ranking-chart.js';
import { withPicture } from '../src/charts/reply-picture.js';
import { ownBoardUnitId, rankingView, weekRanking } from '../src/domain/ranking.js';
import { formatWeek, weekStart } from '../src/time.js';
import { t } from '../src/texts.js';
import rank from './rank.js';

/**
 * 排行图: 排行's text, and this week's boards as a picture (bars, the change against last week,
 * the group's own unit in another colour), drawn in the render worker:
 * - the console writes the PNG under ./data/charts and says where;
 * - the WeCom smart bot shows it under the text (the stream's final frame, msg_item);
 * - DingTalk shows it in the markdown reply by the media_id of an upload as the app;
 * - elsewhere (the WeCom application; DingTalk without its app) the text stands alone.
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
    const { platform, messageId } = ctx.message;
    // The WeCom application's messages (app:…) are answered in plain text.
    const smartBot = platform === 'wecom' && !messageId.startsWith('app:');
    const upload = platform === 'dingtalk' && ctx.sender?.reachesChats && ctx.sender.uploadImage ? ctx.sender.uploadImage.bind(ctx.sender) : undefined;
    if (platform !== 'console' && !smartBot && !upload) {
      ctx.reply(t('charts.textOnly'));
      return;
    }
    const monday = weekStart(ctx.now);
    const [{ rows, previous }, own] = await Promise.all([weekRanking(ctx.tx, ctx.campaign.id, monday), ownBoardUnitId(ctx.tx, ctx.actor.unit)]);
    const input: RankingChartInput = { campaign: ctx.campaign.name, week: formatWeek(monday), boards: rankingView(rows, own, previous) };
    if (platform === 'console') {
      const { path } = await rankingChartFile(CHART_DIR, input);
      ctx.reply(t('charts.saved', { path }));
      return;
    }
    const png = await rankingPng(input);
    if (smartBot) {
      // The picture rides at the reply's end; the smart bot's final frame carries it (src/platforms/wecom/bot.ts).
      ctx.reply(withPicture('', png).trim());
      return;
    }
    try {
      ctx.reply(`![${t('charts.pictureAlt')}](${await upload!(png)})`);
    } catch (err) {
      // DingTalk refused or could not be reached: the text above stands alone, and says so.
      if (!(err instanceof SendError)) throw err;
      ctx.reply(t('charts.textOnly'));
    }
  },
});
