import { defineCommand } from '../src/bot/command.js';
import { choice, count } from '../src/bot/field-types.js';
import { ABOUT_WORD, hasFigure, isCountNoise } from '../src/bot/numbers.js';
import { simplified } from '../src/bot/text.js';
import { reportWeeklyCount, unusualWeeklyCount } from '../src/domain/reading.js';
import { formatWeek } from '../src/time.js';
import { METRICS, t } from '../src/texts.js';

/** The words for a metric, each to its key (荐读 → recommend). */
const METRIC_KEYS = Object.fromEntries(Object.entries(METRICS).map(([word, metric]) => [word, metric.key]));
/** Metric words, longest first, to find them inside a word (本周荐读人数, 荐读35). */
const METRIC_WORDS = Object.keys(METRICS).sort((a, b) => b.length - a.length);
// Declared apart: inside the fields record, a generic schema call stops the handler's values
// from being inferred (TypeScript 7).
const metricSchema = choice('指标', METRIC_KEYS);

/** A unit's batch count for this campaign week; reporting again in the same week replaces it. */
export default defineCommand({
  names: ['上报', 'report'],
  variants: ['填报', '报送', '汇报', '报数'],
  // 「本周荐读35人」「荐读人数：42」: the metric's word alone says what is reported.
  phrasings: [
    /^(本周|这周|本星期|这星期)?(我们单位|我单位|本单位|我们)?的?(参与)?(好书)?荐读(?![\s:：]*《)(参与)?(人数|人次)?(是|为|有|共)?/u,
    /^(本周|这周)(我们单位|我单位|本单位)?(的)?(参与)?(人数|人次)(是|为|有|共)?/u,
  ],
  section: '好书荐读',
  summary: '上报本单位本周的好书荐读参与人数（同一周再报会覆盖）',
  usage: '上报 荐读 <人数>',
  examples: ['上报 荐读 35', '上报 荐读 三十五人'],
  access: 'bound',
  fields: {
    metric: { label: '指标', prompt: '', schema: metricSchema, fallback: () => '荐读' },
    // 「上报 荐读=35」: the metric's word names the count. There is one metric, so the metric
    // itself needs no word from there.
    count: { label: '人数', names: ['参与人数', ...Object.keys(METRICS)], prompt: '本周有多少人参与？请发一个数字，例如：35', schema: count('人数', 100_000) },
  },
  /**
   * Which words are the metric and which the count, whatever their order and however glued
   * (荐读35, 本周荐读人数 42人). Every figure goes to the count, so two figures are asked about
   * rather than one dropped; a part after 其中 (of whom) is not the count.
   */
  classify(words) {
    const raw: { metric?: string; count?: string } = {};
    const figures: string[] = [];
    const other: string[] = [];
    for (const word of words) {
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
  async run(ctx, { metric, count }) {
    const input = { campaign: ctx.campaign, metric, count, at: ctx.now };
    const label = Object.values(METRICS).find((candidate) => candidate.key === metric)!.label;
    if (!ctx.confirmed('count')) {
      const unusual = await unusualWeeklyCount(ctx.tx, ctx.actor, input);
      if (unusual) return ctx.confirm('count', t('reading.confirmUnusualCount', { metric: label, count, usual: unusual.usual }));
    }
    const saved = await reportWeeklyCount(ctx.tx, ctx.actor, input);
    const week = formatWeek(saved.monday);
    ctx.reply(
      saved.before === undefined
        ? t('reading.reportSaved', { unit: saved.unit.name, week, metric: label, count: saved.after })
        : t('reading.reportReplaced', { unit: saved.unit.name, week, metric: label, before: saved.before, after: saved.after }),
    );
  },
});
