import { defineCommand } from '../src/bot/command.js';
import { text } from '../src/bot/field-types.js';
import { readRecordNumber } from '../src/bot/numbers.js';
import { withdrawRecommendation } from '../src/domain/reading.js';
import { t } from '../src/texts.js';

/** 撤回荐书: a recommendation no longer counts; 撤销 within 30 minutes brings it back. */
export default defineCommand({
  names: ['撤回荐书', 'withdraw-recommendation'],
  variants: ['撤销荐书', '删除荐书', '删掉荐书', '取消荐书', '荐书撤回', '撤回推荐'],
  section: '好书荐读',
  summary: '撤回记错了的荐书（本人，或本单位联系人、管理员）',
  usage: '撤回荐书 《书名》 [荐书人=<姓名>]，或 撤回荐书 <编号>',
  examples: ['撤回荐书 《平凡的世界》', '撤回荐书 《红星照耀中国》 荐书人=李四', '撤回荐书 12'],
  access: 'bound',
  fields: {
    which: { label: '书名或编号', names: ['书名', '书', '编号'], prompt: '要撤回哪条荐书？请写书名或编号，例如：《平凡的世界》', schema: text('书名', 60) },
    person: { label: '荐书人', names: ['姓名', '推荐人'], prompt: '', schema: text('荐书人', 30), optional: true },
  },
  /** 《书名》 wherever it stands, else the first word; a word after it is the person. */
  classify(words) {
    const at = words.findIndex((word) => /^《.+》$/u.test(word));
    const rest = [...words];
    const which = at >= 0 ? rest.splice(at, 1)[0] : rest.shift();
    return { which, person: rest.length ? rest.join(' ') : undefined };
  },
  async run(ctx, { which, person }) {
    const number = /《/u.test(which) ? undefined : readRecordNumber(which);
    const target = number === undefined ? { book: which, person } : { id: number };
    const { recommendation, unit } = await withdrawRecommendation(ctx.tx, ctx.actor, { campaignId: ctx.campaign.id, now: ctx.now, ...target });
    ctx.reply(
      t('reading.recommendationWithdrawn', { id: recommendation.id, person: recommendation.personName, book: recommendation.bookTitle, unit: unit.name }),
    );
  },
});
