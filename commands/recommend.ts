import { defineCommand, type Context } from '../src/bot/command.js';
import { choice, text, url } from '../src/bot/field-types.js';
import { recordRecommendation } from '../src/domain/reading.js';
import { PLATFORM_LABEL, PLATFORMS, t } from '../src/texts.js';

// Declared apart: inside the fields record, a generic schema call stops the handler's values
// from being inferred (TypeScript 7).
const platformSchema = choice('平台', PLATFORMS);
const PLATFORM_IN_WORDS = new RegExp(`^(?:已|已经)?(?:发|发布|发到|发在|上传到|上传|传到)?(?:了)?(${Object.keys(PLATFORMS).join('|')})(?:上|了|平台)?$`, 'iu');

/** 好书荐读接力赛: one worker's recommendation, counted for the sender's unit. */
export default defineCommand({
  names: ['荐书', 'recommend'],
  // 「好书荐读：《乡土中国》 喜马拉雅」: the campaign's name for it, followed by a title.
  phrasings: [/^(好书荐读|荐读|好书推荐)(?=[\s:：]*《)/u],
  variants: ['推荐一本书', '推荐一本', '推荐好书', '推荐书', '推荐', '荐读一本书', '好书推荐'],
  section: '好书荐读',
  summary: '记录一次好书荐读（微博视频或喜马拉雅音频）',
  usage: '荐书 《书名》 <微博|喜马拉雅|其他> [链接] [荐书人=<姓名>]',
  examples: ['荐书 《平凡的世界》 微博 https://weibo.com/1234567890/AbCdEf', '荐书 《红星照耀中国》 喜马拉雅 荐书人=李四'],
  access: 'bound',
  fields: {
    book: { label: '书名', names: ['书'], prompt: '推荐的是哪本书？例如：《平凡的世界》', schema: text('书名', 60) },
    platform: { label: '平台', names: ['发布平台'], prompt: '发布在哪个平台？请回复：微博 / 喜马拉雅 / 其他', schema: platformSchema },
    link: { label: '链接', names: ['网址'], prompt: '', schema: url('链接'), optional: true },
    person: { label: '荐书人', names: ['姓名', '推荐人'], prompt: '', schema: text('荐书人', 30), fallback: (ctx: Context) => ctx.member.displayName },
  },
  /** 《书名》, a link and a platform in any order; a bare word is the book, then the platform. */
  classify(words) {
    const raw: { book?: string; platform?: string; link?: string } = {};
    const rest: string[] = [];
    for (const word of words) {
      // 「微博」, or the platform inside a few words about it: 「已发微博」「发在喜马拉雅上」.
      const platform = raw.platform ? undefined : PLATFORM_IN_WORDS.exec(word)?.[1];
      if (/^《.+》$/.test(word)) raw.book ??= word;
      else if (!raw.link && /^(https?:\/\/|www\.|[\w-]+(\.[\w-]+)+\/)/i.test(word)) raw.link = word;
      else if (platform) raw.platform = platform;
      else rest.push(word);
    }
    if (!raw.book && rest.length) raw.book = rest.shift()!;
    // A word left over once the book is known is a platform we do not know: say so rather than drop it.
    if (!raw.platform && rest.length) raw.platform = rest.shift()!;
    return raw;
  },
  /**
   * Several titles in one message (「《平凡的世界》、《活着》」) are each recorded, the same platform
   * and person; several people (「荐书人：张三、李四」, a recommendation made together) each get
   * their own record, as the week counts distinct workers.
   */
  async run(ctx, { book, platform, link, person: people }, rest) {
    const others = [...rest.matchAll(/《[^》]+》/gu)].map((m) => m[0]).filter((title) => title !== book);
    const persons = [...new Set(people.split(/[、，,;；/]+/u).map((p) => p.trim()).filter(Boolean))];
    const lines: string[] = [];
    const pairs = (persons.length ? persons : [people]).flatMap((person) => [book, ...new Set(others)].map((title) => ({ person, title })));
    for (const { person, title } of pairs) {
      const outcome = await recordRecommendation(ctx.tx, ctx.actor, { campaign: ctx.campaign, book: title, platform, link, person, at: ctx.now });
      lines.push(
        'duplicateOf' in outcome
          ? t('reading.recommendDuplicate', { person, book: outcome.book, id: outcome.duplicateOf.id })
          : t('reading.recommendSaved', {
              person,
              platform: PLATFORM_LABEL[outcome.recorded.platform],
              book: outcome.book,
              unit: outcome.unit.name,
              weekCount: outcome.weekCount,
              coveredBy: outcome.coveredBy,
            }),
      );
    }
    ctx.reply(lines.join('\n'));
  },
});
