import { defineCommand } from '../src/bot/command.js';
import { choice, count } from '../src/bot/field-types.js';
import { parseCount } from '../src/bot/text.js';
import { reportWeeklyCount } from '../src/domain/reading.js';
import { formatWeek } from '../src/time.js';
import { METRICS, t } from '../src/texts.js';

/** The words for a metric, each to its key (荐读 → recommend). */
const METRIC_KEYS = Object.fromEntries(Object.entries(METRICS).map(([word, metric]) => [word, metric.key]));
// Declared apart: inside the fields record, a generic schema call stops the handler's values
// from being inferred (TypeScript 7).
const metricSchema = choice('指标', METRIC_KEYS);

/** A unit's batch count for this campaign week; reporting again in the same week replaces it. */
export default defineCommand({
  names: ['上报', 'report'],
  section: '好书荐读',
  summary: '上报本单位本周的好书荐读参与人数（同一周再报会覆盖）',
  usage: '上报 荐读 <人数>',
  examples: ['上报 荐读 35', '上报 荐读 三十五人'],
  access: 'bound',
  fields: {
    metric: { label: '指标', prompt: '', schema: metricSchema, fallback: () => '荐读' },
    // 「上报 荐读=35」: the metric's word names the count. There is one metric, so the metric
    // itself needs no word from there.
    count: { label: '人数', names: ['参与人数', ...Object.keys(METRICS)], prompt: '本周有多少人参与？例如：35', schema: count('人数', 100_000) },
  },
  /** Which word is the metric and which the count, whatever their order (also 「荐读35」 glued). */
  classify(words) {
    const raw: { metric?: string; count?: string } = {};
    const other: string[] = [];
    for (const word of words) {
      const glued = /^(\D+?)(\d+)$/.exec(word);
      if (parseCount(word) !== undefined) raw.count = word;
      else if (METRICS[word]) raw.metric = word;
      else if (glued && METRICS[glued[1]]) Object.assign(raw, { metric: glued[1], count: glued[2] });
      else other.push(word);
    }
    // A word that is neither: an unknown metric when a count was given, else a count that is not a number.
    if (other.length) raw[raw.count === undefined ? 'count' : 'metric'] = other[0];
    return raw;
  },
  async run(ctx, { metric, count }) {
    const saved = await reportWeeklyCount(ctx.tx, ctx.actor, { campaign: ctx.campaign, metric, count, at: ctx.now });
    const label = Object.values(METRICS).find((candidate) => candidate.key === metric)!.label;
    const week = formatWeek(saved.monday);
    ctx.reply(
      saved.before === undefined
        ? t('reading.reportSaved', { unit: saved.unit.name, week, metric: label, count: saved.after })
        : t('reading.reportReplaced', { unit: saved.unit.name, week, metric: label, before: saved.before, after: saved.after }),
    );
  },
});
