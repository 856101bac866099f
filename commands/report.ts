import { choice, count, defineCommand } from '../src/bot/command.js';
import { actingUnit } from '../src/bot/scope.js';
import { UserError } from '../src/domain/errors.js';
import { METRICS } from '../src/domain/labels.js';
import { formatWeek, weekKey, weekStart } from '../src/time.js';
import { parseCount } from '../src/bot/text.js';

const METRIC_KEYS = Object.fromEntries(Object.entries(METRICS).map(([name, m]) => [name, m.key]));

/** A unit's batch count for this campaign week; reporting again in the same week replaces it. */
export default defineCommand({
  names: ['上报', 'report'],
  section: '好书荐读',
  summary: '上报本单位本周的好书荐读参与人数（同一周再报会覆盖）',
  usage: '上报 荐读 <人数>',
  examples: ['上报 荐读 35', '上报 荐读 三十五人'],
  access: 'bound',
  fields: [
    { key: 'metric', label: '指标', prompt: '', schema: choice('指标', METRIC_KEYS), fallback: () => '荐读' },
    { key: 'count', label: '人数', names: ['参与人数'], prompt: '本周有多少人参与？例如：35', schema: count('人数', 100_000) },
  ],
  mapArgs(args) {
    const raw: Record<string, string> = {};
    const other: string[] = [];
    for (const w of args.positional) {
      // 上报荐读35: the metric glued to the number.
      const glued = /^(\D+?)(\d+)$/.exec(w);
      if (parseCount(w) !== undefined) raw.count = w;
      else if (METRICS[w]) raw.metric = w;
      else if (glued && METRICS[glued[1]]) Object.assign(raw, { metric: glued[1], count: glued[2] });
      else other.push(w);
    }
    // A word that is neither: an unknown metric when a count was given, else a count that is not a number.
    if (other.length) raw[raw.count === undefined ? 'count' : 'metric'] = other[0];
    for (const [k, val] of args.named) {
      if (k === '人数' || k === '参与人数') raw.count = val;
      else if (METRICS[k]) Object.assign(raw, { metric: k, count: val });
    }
    return raw;
  },
  async run(ctx, v) {
    const unit = actingUnit(ctx);
    if (ctx.now < ctx.campaign.startsAt || ctx.now > ctx.campaign.endsAt) throw new UserError('现在不在活动期内，暂不能上报。');
    const metric = Object.values(METRICS).find((m) => m.key === v.metric)!;
    const week = weekKey(ctx.now);
    const key = { campaignId: ctx.campaign.id, unitId: unit.id, metric: metric.key, week };
    const before = await ctx.db.countReport.findUnique({ where: { campaignId_unitId_metric_week: key } });
    const source = { reporterId: ctx.member.id, sourcePlatform: ctx.message.platform, sourceMessageId: ctx.message.messageId };
    const saved = await ctx.db.countReport.upsert({
      where: { campaignId_unitId_metric_week: key },
      create: { ...key, count: v.count, ...source },
      update: { count: v.count, ...source },
    });
    await ctx.audit(before ? 'replace' : 'create', 'CountReport', saved.id, { metric: metric.key, week, count: [before?.count, v.count] });
    const period = `本周（${formatWeek(weekStart(ctx.now))}）`;
    ctx.reply(
      before
        ? `已更新「${unit.name}」${period}${metric.label}：${before.count} → ${v.count}（同一周再次上报会覆盖上次的数）。`
        : `已上报「${unit.name}」${period}${metric.label}：${v.count}。发送「排行」看看排名吧！`,
    );
  },
});
