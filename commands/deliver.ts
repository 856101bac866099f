import { hostDate } from '../src/domain/hosting.js';
import { defineCommand } from '../src/bot/command.js';
import { parseCount } from '../src/bot/numbers.js';
import { tokenize } from '../src/bot/text.js';
import { checklist, ITEMS, itemLabel, parseDuration, RULES, submitExample, submitItem, type Item, type Submission } from '../src/domain/deliverables.js';
import { t } from '../src/texts.js';

/** The words people use for each item. */
const ITEM_WORDS: Record<string, Item> = {
  照片: 'photos', 图片: 'photos', photo: 'photos', photos: 'photos',
  视频: 'video', video: 'video',
  稿件: 'article', 宣传稿: 'article', 文章: 'article', article: 'article',
  标识: 'logo', logo: 'logo', 标志: 'logo',
};
/** What confirms the logo was used: 「提交材料 标识 已使用」. */
const LOGO_USED = /^(已使用|已经使用|已用|已经用了|已用过|使用了|用了|用过了|用过|用上了|是|有|yes|y)[。.!！~～]*$/iu;
const LINK = /^https?:\/\/\S+$/i;

/** 「视频 https://… 2分40秒」 → what the host handed in; undefined when the item is not named. */
function readSubmission(words: string[]): Submission | undefined {
  const item = ITEM_WORDS[(words[0] ?? '').toLowerCase()];
  const args = words.slice(1);
  const link = args.find((word) => LINK.test(word));
  const besidesLink = args.filter((word) => word !== link).join('');
  switch (item) {
    case undefined:
      return undefined;
    case 'photos':
      return { item, count: parseCount(args[0] ?? '') };
    case 'video':
      return { item, link, seconds: parseDuration(besidesLink) };
    case 'article':
      return { item, link, chars: parseCount(besidesLink) };
    case 'logo':
      return { item, used: LOGO_USED.test(args.join('')) };
  }
}

/**
 * 承办单位须知: after a hosted event the host hands in photos, a video, an article and confirms
 * the logo. Each item is checked against the notice's limits; the reply is what is still missing.
 */
export default defineCommand({
  names: ['提交材料', 'deliver'],
  section: '承办申报',
  summary: `承办活动办完后提交材料：照片 ${RULES.photos.min}—${RULES.photos.max} 张、视频 ${RULES.videoMaxSeconds / 60} 分钟内、稿件 ${RULES.articleChars.target} 字左右、使用标识`,
  usage: '提交材料 照片|视频|稿件|标识 …',
  examples: ITEMS.map(submitExample),
  access: 'bound',
  async run(ctx, _values, rest) {
    const submission = readSubmission(tokenize(rest));
    const { request, saved, deliverable, missing } = await submitItem(ctx.tx, { actor: ctx.actor, campaign: ctx.campaign, now: ctx.now, submission });
    ctx.reply(
      [
        t('deliverables.received', { id: request.id, theme: request.theme, date: hostDate(request.proposedAt), saved }),
        ...checklist(deliverable, ctx.campaign.logoName),
        missing.length ? t('deliverables.stillMissing', { items: missing.map(itemLabel) }) : t('deliverables.complete'),
      ].join('\n'),
    );
  },
});
