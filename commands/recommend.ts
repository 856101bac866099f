import { choice, defineCommand, text, url } from '../src/bot/command.js';
import { actingUnit } from '../src/bot/scope.js';
import { UserError } from '../src/domain/errors.js';
import { PLATFORM_LABEL, PLATFORMS } from '../src/domain/labels.js';
import { weekKey } from '../src/time.js';

/** 好书荐读接力赛: one worker's recommendation, counted for the sender's unit. */
export default defineCommand({
  names: ['荐书', 'recommend'],
  section: '好书荐读',
  summary: '记录一次好书荐读（微博视频或喜马拉雅音频）',
  usage: '荐书 《书名》 <微博|喜马拉雅|其他> [链接] [荐书人=<姓名>]',
  examples: ['荐书 《平凡的世界》 微博 https://weibo.com/1234567890/AbCdEf', '荐书 《红星照耀中国》 喜马拉雅 荐书人=李四'],
  access: 'bound',
  fields: [
    { key: 'book', label: '书名', names: ['书'], prompt: '推荐的是哪本书？例如：《平凡的世界》', schema: text('书名', 60) },
    { key: 'platform', label: '平台', names: ['发布平台'], prompt: '发布在哪个平台？请回复：微博 / 喜马拉雅 / 其他', schema: choice('平台', PLATFORMS) },
    { key: 'link', label: '链接', names: ['网址'], prompt: '', schema: url('链接'), optional: true },
    { key: 'person', label: '荐书人', names: ['姓名', '推荐人'], prompt: '', schema: text('荐书人', 30), fallback: (ctx) => ctx.member.displayName },
  ],
  mapArgs(args) {
    const raw: Record<string, string> = {};
    const rest: string[] = [];
    for (const w of args.positional) {
      if (!raw.book && /^《.+》$/.test(w)) raw.book = w;
      else if (!raw.link && /^(https?:\/\/|www\.|[\w-]+(\.[\w-]+)+\/)/i.test(w)) raw.link = w;
      else if (!raw.platform && Object.keys(PLATFORMS).some((p) => p.toLowerCase() === w.toLowerCase())) raw.platform = w;
      else rest.push(w);
    }
    if (!raw.book && rest.length) raw.book = rest.shift()!;
    // A word left over once the book is known is a platform we do not know: say so rather than drop it.
    if (!raw.platform && rest.length) raw.platform = rest.shift()!;
    for (const [k, val] of args.named) {
      const key = { 书名: 'book', 书: 'book', 平台: 'platform', 链接: 'link', 网址: 'link', 荐书人: 'person', 姓名: 'person', 推荐人: 'person' }[k];
      if (key) raw[key] = val;
    }
    return raw;
  },
  async run(ctx, v) {
    const unit = actingUnit(ctx);
    const title = String(v.book).replace(/^《|》$/g, '').trim();
    if (!title) throw new UserError('书名不能为空，例如：荐书 《平凡的世界》 微博');
    const week = weekKey(ctx.now);
    if (ctx.now < ctx.campaign.startsAt || ctx.now > ctx.campaign.endsAt) {
      throw new UserError('现在不在活动期内，暂不能记录荐书。');
    }
    const dup = await ctx.db.recommendation.findFirst({
      where: { campaignId: ctx.campaign.id, unitId: unit.id, personName: v.person, bookTitle: title },
    });
    if (dup) {
      ctx.reply(`${v.person} 已经推荐过《${title}》（编号 ${dup.id}），不重复计数。换一本书再来吧！`);
      return;
    }
    const rec = await ctx.db.recommendation.create({
      data: {
        campaignId: ctx.campaign.id,
        unitId: unit.id,
        memberId: ctx.member.id,
        personName: v.person,
        bookTitle: title,
        platform: v.platform,
        link: v.link ?? '',
        week,
        recommendedAt: ctx.now,
      },
    });
    await ctx.audit('create', 'Recommendation', rec.id, { unit: unit.name, person: v.person, book: title });
    const mine = await ctx.db.recommendation.count({ where: { campaignId: ctx.campaign.id, unitId: unit.id, week } });
    ctx.reply(`已记录：${v.person} 在${PLATFORM_LABEL[rec.platform]}推荐《${title}》，计入「${unit.name}」。本周本单位已有 ${mine} 条荐书记录。`);
  },
});
