import { defineCommand } from '../src/bot/command.js';
import { ranking, type RankRow } from '../src/domain/ranking.js';
import { topUnitOf } from '../src/domain/units.js';
import { formatWeek, weekKey, weekStart } from '../src/time.js';

const BOARDS = [
  { key: 'CITY', title: '市州总工会' },
  { key: 'INDUSTRY', title: '产业工会及省直' },
] as const;
const SHOW = 10;

export default defineCommand({
  names: ['排行', 'rank', '排名'],
  section: '好书荐读',
  summary: '本周和累计的好书荐读参与人数排行（市州、产业工会）',
  usage: '排行',
  examples: ['排行', 'rank'],
  access: 'bound',
  async run(ctx) {
    const own = ctx.member.unit ?? ctx.chat.unit;
    const mine = own ? (await topUnitOf(ctx.db, own)).id : undefined;
    const [week, total] = await Promise.all([
      ranking(ctx.db, ctx.campaign.id, weekKey(ctx.now)),
      ranking(ctx.db, ctx.campaign.id),
    ]);
    // Units with nobody yet are left out, except the sender's own, which is always shown.
    const section = (title: string, rows: RankRow[]) => {
      const top = rows.filter((r) => r.participants > 0).slice(0, SHOW);
      const me = rows.find((r) => r.unitId === mine);
      const lines = top.map((r) => line(r, r.unitId === mine));
      if (me && !top.includes(me)) lines.push(...(top.length ? ['…'] : []), line(me, true));
      if (!lines.length) lines.push('暂无数据');
      return [title, ...lines];
    };
    const out: string[] = [`好书荐读参与人数排行`];
    for (const b of BOARDS) {
      out.push(...section(`【${b.title}·本周 ${formatWeek(weekStart(ctx.now))}】`, week.filter((r) => r.board === b.key)));
      out.push(...section(`【${b.title}·累计】`, total.filter((r) => r.board === b.key)));
    }
    out.push('人数 = 荐书的职工人数 + 各单位上报人数。');
    ctx.reply(out.join('\n'));
  },
});

function line(r: RankRow, mine: boolean): string {
  return `${mine ? '👉' : ''}${r.rank}. ${r.name} ${r.participants} 人`;
}
