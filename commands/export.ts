import { defineCommand } from '../src/bot/command.js';
import { tokenize } from '../src/bot/text.js';
import { UserError } from '../src/domain/errors.js';
import { LINK_TTL_MS, signedLink } from '../src/domain/export-links.js';
import { TABLES } from '../src/domain/exports.js';
import { topUnitNamed } from '../src/domain/units.js';
import { formatDateTime } from '../src/time.js';

/** 导出 附件1 [单位] [csv]: a download link for one of the notice's tables, valid 24 hours (admins). */
export default defineCommand({
  names: ['导出', 'export'],
  section: '管理',
  summary: '导出《通知》附件的统计表（附件1 读书月活动、附件2 同城共读社群），给出 24 小时有效的下载链接（管理员）',
  usage: '导出 附件1|附件2 [单位] [csv]',
  examples: ['导出 附件1', '导出 附件2 长沙', '导出 附件1 csv'],
  access: 'admin',
  async run(ctx, { rest }) {
    const words = tokenize(String(rest ?? ''));
    const table = words.map((w) => /^(?:附件)?([12])$/.exec(w)?.[1]).find(Boolean);
    if (!table) throw new UserError('请写明导出哪张表：附件1（职工主题读书月活动情况统计表）或 附件2（“同城共读”微信读书社群活动情况统计表），例如：导出 附件1');
    const format = words.some((w) => w.toLowerCase() === 'csv') ? 'csv' : 'xlsx';
    const unitWord = words.find((w) => !/^(?:附件)?[12]$/.test(w) && !/^(csv|xlsx)$/i.test(w));
    const top = unitWord ? await topUnitNamed(ctx.db, unitWord) : undefined;
    if (unitWord && !top) throw new UserError(`没有找到单位「${unitWord}」。请写市州或产业工会的名称，例如：导出 附件1 长沙`);
    const unit = top?.name;
    if (!ctx.exportLinks) throw new UserError('导出链接还没开通：请让系统管理员设置 ADMIN_TOKEN 和 PUBLIC_BASE_URL。也可以在服务器上运行 npm run export。');
    const link = signedLink(ctx.exportLinks.base, ctx.exportLinks.secret, { table, format, unit }, ctx.now);
    await ctx.audit('export', 'Table', table, { unit: unit ?? '全省', format });
    ctx.reply(
      [
        `附件${table}《${TABLES[table === '1' ? 1 : 2].title}》（${unit ?? '全省，每个市州、产业工会一页并附汇总'}，${format}）：`,
        link,
        `链接 ${Math.round(LINK_TTL_MS / 3_600_000)} 小时内有效（至 ${formatDateTime(new Date(ctx.now.getTime() + LINK_TTL_MS))}）。`,
      ].join('\n'),
    );
  },
});
