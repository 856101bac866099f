import { defineCommand } from '../src/bot/command.js';
import { choice, count, text } from '../src/bot/field-types.js';
import { ABOUT_WORD, hasFigure, isCountNoise } from '../src/bot/numbers.js';
import { simplified } from '../src/bot/text.js';
import { reportWeeklyCount, unitCounts, unusualWeeklyCount } from '../src/domain/reading.js';
import { formatWeek } from '../src/time.js';
import { METRICS, t, WEEK_WORDS } from '../src/texts.js';

/** The words for a metric, each to its key (荐读 → recommend). */
const METRIC_KEYS = Object.fromEntries(Object.entries(METRICS).map(([word, metric]) => [word, metric.key]));
/** Metric words, longest first, to find them inside a word (本周荐读人数, 荐读35). */
const METRIC_WORDS = Object.keys(METRICS).sort((a, b) => b.length - a.length);
// Declared apart: inside the fields record, a generic schema call stops the handler's values
// from being inferred (TypeScript 7).
const metricSchema = choice('上报项目', METRIC_KEYS);
/** Week words (上周, 上一周, 本周 …), longest first, to find them inside a word (上周荐读35). */
const WEEK_WORD_LIST = Object.keys(WEEK_WORDS).sort((a, b) => b.length - a.length);
export const weekSchema = choice('周次', WEEK_WORDS);

/** The week word inside a typed word, and the word without it. */
export function splitWeekWord(word: string): { week?: string; rest: string } {
  const week = WEEK_WORD_LIST.find((w) => word.includes(w));
  return week ? { week, rest: word.replace(week, '') } : { rest: word };
}

/**
 * A unit's batch count for this campaign week, or with 上周 for the week that just ended (until
 * that week's ranking goes out); reporting again in the same week replaces it. The figure is the
 * unit's participants including its own recommending workers and its 基层单位, each person once
 * (the counting rule of src/domain/ranking.ts).
 */
export default defineCommand({
  names: ['上报', 'report'],
  variants: ['填报', '报送', '汇报', '报数'],
  // 「本周荐读35人」「荐读人数：42」: the metric's word alone says what is reported.
  phrasings: [
    /^(本周|这周|本星期|这星期)?(我们单位|我单位|本单位|我们)?的?(参与)?(好书)?荐读(?![\s:：]*《)(参与)?(人数|人次)?(是|为|有|共)?/u,
    /^(本周|这周)(我们单位|我单位|本单位)?(的)?(参与)?(人数|人次)(是|为|有|共)?/u,
  ],
  section: '好书荐读',
  summary: '上报本单位一周的荐读人数（含荐书职工和基层单位，每人只计一次）',
  usage: '上报 荐读 <人数> [上周] [单位=<单位>]',
  examples: ['上报 荐读 35', '上报 荐读 35 上周', '上报 荐读 三十五人'],
  access: 'bound',
  fields: {
    metric: { label: '上报项目', names: ['指标', '项目'], prompt: '要上报哪一项？目前只有一项，请回复：荐读', schema: metricSchema, fallback: () => '荐读' },
    // 「上报 荐读=35」: the metric's word names the count. There is one metric, so the metric
    // itself needs no word from there.
    count: { label: '人数', names: ['参与人数', ...Object.keys(METRICS)], prompt: '本周有多少人参与？请发一个数字，例如：35', schema: count('人数', 100_000) },
    // 「上周」: the week that just ended; this week without it.
    week: { label: '周次', prompt: '', schema: weekSchema, optional: true },
    // 「单位=长沙」: an admin's correction for a unit, or a contact's for a 基层单位 under theirs.
    unit: { label: '单位', names: ['上报单位'], prompt: '', schema: text('单位', 60), optional: true },
  },
  /**
   * Which words are the metric and which the count, whatever their order and however glued
   * (荐读35, 本周荐读人数 42人). Every figure goes to the count, so two figures are asked about
   * rather than one dropped; a part after 其中 (of whom) is not the count.
   */
  classify(words) {
    const raw: { metric?: string; count?: string; week?: string } = {};
    const figures: string[] = [];
    const other: string[] = [];
    for (const typed of words) {
      const { week, rest } = splitWeekWord(simplified(typed));
      if (week) raw.week = week;
      if (week && !rest) continue;
      const word = week ? rest : typed;
      const simple = simplified(word);
      if (simple.startsWith('其中')) break;
      if (ABOUT_WORD.test(simple)) {
        figures.push(word);
        continue;
      }
      const metric = METRIC_WORDS.find((m) => simple.includes(m));
      const remainder = metric ? simple.replace(metric, '') : simple;
      if (metric) raw.metric = metric;
      if (hasFigure(remainder)) figures.push(metric ? remainder : word);
      else if (!metric && !isCountNoise(word)) other.push(word);
    }
    if (figures.length) raw.count = figures.join(' ');
    // A word that is neither: an unknown metric when a count was given, else a count that is not a number.
    if (other.length) raw[raw.count === undefined ? 'count' : 'metric'] = other[0];
    return raw;
  },
  async run(ctx, { metric, count, week, unit }) {
    const input = { campaign: ctx.campaign, metric, count, at: ctx.now, lastWeek: week === 'last', unitName: unit };
    const label = Object.values(METRICS).find((candidate) => candidate.key === metric)!.label;
    // The unit's counts so far, read once for both steps.
    const counts = await unitCounts(ctx.tx, ctx.actor, input);
    if (!ctx.confirmed('count')) {
      const unusual = await unusualWeeklyCount(ctx.tx, ctx.actor, input, counts);
      if (unusual) return ctx.confirm('count', t('reading.confirmUnusualCount', { metric: label, count, usual: unusual.usual, lastWeek: input.lastWeek, replacing: unusual.replacing }));
    }
    const saved = await reportWeeklyCount(ctx.tx, ctx.actor, input, counts);
    const common = {
      unit: saved.unit.name,
      lastWeek: saved.lastWeek,
      week: formatWeek(saved.monday),
      metric: label,
      corrected: saved.corrected,
      rule: t('reading.reportRule', { parent: saved.parent?.name, coveredByParent: saved.coveredByParent }),
    };
    ctx.reply(
      saved.before === undefined
        ? t('reading.reportSaved', { ...common, count: saved.after })
        : t('reading.reportReplaced', { ...common, before: saved.before, after: saved.after, earlier: saved.earlier }),
    );
  },
});
