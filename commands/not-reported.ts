import { defineCommand } from '../src/bot/command.js';
import { boardOf, BOARDS, notReported } from '../src/domain/ranking.js';
import { reportWeek } from '../src/domain/reading.js';
import { formatWeek } from '../src/time.js';
import { t } from '../src/texts.js';
import { weekSchema } from './report.js';

/** 未上报: the reporting units (市州, 产业工会, 省直) with neither a 上报 nor any 荐书 this week, or last week. */
export default defineCommand({
  names: ['未上报', 'not-reported'],
  variants: ['未报', '谁没报', '没上报', '谁没上报', '未上报单位', '没报的单位'],
  section: '管理',
  summary: '查看本周（或上周）既没上报也没有荐书的单位（管理员）',
  usage: '未上报 [上周]',
  examples: ['未上报', '未上报 上周'],
  access: 'admin',
  fields: {
    week: { label: '周次', prompt: '', schema: weekSchema, optional: true },
  },
  async run(ctx, { week }) {
    const lastWeek = week === 'last';
    const monday = reportWeek(ctx.now, lastWeek);
    const units = await notReported(ctx.tx, ctx.campaign.id, monday);
    const when = { lastWeek, week: formatWeek(monday) };
    if (!units.length) {
      ctx.reply(t('reading.notReportedNone', when));
      return;
    }
    const lines = [t('reading.notReportedHeading', { ...when, count: units.length })];
    for (const board of BOARDS) {
      const names = units.filter((unit) => boardOf(unit) === board).map((unit) => unit.shortName ?? unit.name);
      if (names.length) lines.push(t('reading.notReportedBoard', { board: t('reading.board', { board }), units: names }));
    }
    ctx.reply(lines.join('\n'));
  },
});
