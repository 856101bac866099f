import { defineCommand } from '../src/bot/command.js';
import { actingUnit } from '../src/bot/scope.js';
import { parseCount, tokenize } from '../src/bot/text.js';
import { checklist, deliverableOf, formatDuration, ITEM_LABEL, missingItems, parseDuration, RULES, SUBMIT_EXAMPLE, type Item } from '../src/domain/deliverables.js';
import { UserError } from '../src/domain/errors.js';
import { formatDate } from '../src/time.js';

const KINDS: Record<string, Item> = {
  照片: 'photos', 图片: 'photos', photo: 'photos', photos: 'photos',
  视频: 'video', video: 'video',
  稿件: 'article', 宣传稿: 'article', 文章: 'article', article: 'article',
  标识: 'logo', logo: 'logo', 标志: 'logo',
};
const USAGE = Object.values(SUBMIT_EXAMPLE).join('\n');

function link(words: string[]): string {
  const url = words.find((w) => /^https?:\/\/\S+$/i.test(w));
  if (!url || url.length > 500) throw new UserError('请附上作品的链接（http:// 或 https:// 开头），例如：\n' + USAGE);
  return url;
}

/**
 * 承办单位须知: after a hosted event the host hands in photos, a video, an article and confirms
 * the logo. Each item is checked against the notice's limits; the reply is what is still missing.
 */
export default defineCommand({
  names: ['提交材料', 'deliver'],
  section: '承办申报',
  summary: '承办活动办完后提交材料：照片 3—5 张、视频 3 分钟内、稿件 800 字左右、使用标识',
  usage: '提交材料 照片|视频|稿件|标识 …',
  examples: Object.values(SUBMIT_EXAMPLE),
  access: 'bound',
  async run(ctx, { rest }) {
    const unit = actingUnit(ctx);
    const request = await ctx.db.hostRequest.findFirst({
      where: { campaignId: ctx.campaign.id, unitId: unit.id, status: 'APPROVED', proposedAt: { lte: ctx.now } },
      orderBy: { proposedAt: 'desc' },
    });
    if (!request) throw new UserError(`「${unit.name}」还没有已举办的承办活动。省总批准的活动办完后，再来提交材料。`);
    const words = tokenize(String(rest ?? ''));
    const item = KINDS[(words[0] ?? '').toLowerCase()];
    if (!item) throw new UserError(`请写明提交的是哪一项，例如：\n${USAGE}`);
    const args = words.slice(1);
    const d = await deliverableOf(ctx.db, request.id);
    let saved: string;
    switch (item) {
      case 'photos': {
        const n = parseCount(args[0] ?? '');
        if (n === undefined) throw new UserError(`请写照片张数，例如：${SUBMIT_EXAMPLE.photos}`);
        if (n < RULES.photos.min || n > RULES.photos.max) throw new UserError(`照片需要 ${RULES.photos.min}—${RULES.photos.max} 张高清大图，您写的是 ${n} 张。`);
        await ctx.db.hostDeliverable.update({ where: { id: d.id }, data: { photos: n } });
        saved = `照片 ${n} 张`;
        break;
      }
      case 'video': {
        const url = link(args);
        const seconds = parseDuration(args.filter((w) => w !== url).join(''));
        if (seconds === undefined) throw new UserError(`请写视频时长，例如：${SUBMIT_EXAMPLE.video}`);
        if (seconds > RULES.videoMaxSeconds) throw new UserError(`视频要控制在 3 分钟内，这个有 ${formatDuration(seconds)}，请剪短后再提交。`);
        await ctx.db.hostDeliverable.update({ where: { id: d.id }, data: { videoLink: url, videoSeconds: seconds } });
        saved = `视频（${formatDuration(seconds)}）`;
        break;
      }
      case 'article': {
        const url = link(args);
        const chars = parseCount(args.filter((w) => w !== url).join(''));
        if (chars === undefined) throw new UserError(`请写稿件字数，例如：${SUBMIT_EXAMPLE.article}`);
        const { min, max } = RULES.articleChars;
        if (chars < min || chars > max) throw new UserError(`宣传稿件要求 800 字左右（${min}—${max} 字），这篇是 ${chars} 字。`);
        await ctx.db.hostDeliverable.update({ where: { id: d.id }, data: { articleLink: url, articleChars: chars } });
        saved = `稿件（${chars} 字）`;
        break;
      }
      case 'logo': {
        const yes = /^(已使用|已用|使用了|是|有|yes|y)$/i.test(args.join(''));
        if (!yes) throw new UserError(`活动现场须统一使用「湘悦读·工力量」活动标识。用了的话请发送：${SUBMIT_EXAMPLE.logo}`);
        await ctx.db.hostDeliverable.update({ where: { id: d.id }, data: { logoUsed: true } });
        saved = '标识已使用';
        break;
      }
    }
    const now = await ctx.db.hostDeliverable.findUniqueOrThrow({ where: { id: d.id } });
    const missing = missingItems(now);
    if (!missing.length && !now.completedAt) await ctx.db.hostDeliverable.update({ where: { id: d.id }, data: { completedAt: ctx.now } });
    await ctx.audit('deliver', 'HostRequest', request.id, { item, saved });
    const head = `已收到 #${request.id}「${request.theme}」（${formatDate(request.proposedAt)}）的${saved}。`;
    ctx.reply(
      missing.length
        ? [head, ...checklist(now), `还差：${missing.map((i) => ITEM_LABEL[i]).join('、')}。`].join('\n')
        : [head, ...checklist(now), '材料已齐全，感谢承办！'].join('\n'),
    );
  },
});
