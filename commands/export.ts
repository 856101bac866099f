import { defineCommand } from '../src/bot/command.js';
import { choice, text } from '../src/bot/field-types.js';
import { UserError } from '../src/domain/errors.js';
import { LINK_TTL_MS } from '../src/domain/export-links.js';
import { exportLink, TABLES } from '../src/domain/exports.js';
import { t } from '../src/texts.js';
import { formatDateTime } from '../src/time.js';

const TABLE_WORD = /^(?:附件|表)?([12一二])$/u;
const TABLE_NUMBER: Record<string, string> = { 一: '1', 二: '2', '1': '1', '2': '2' };
const FORMAT_WORD = /^(csv|xlsx)$/i;

/** 导出 附件1 [单位] [csv]: a download link for one of the notice's tables, valid 24 hours (admins). */
export default defineCommand({
  names: ['导出', 'export'],
  section: '管理',
  summary: '导出《通知》附件的统计表（附件1 读书月活动，城市读书快闪另列；附件2 同城共读社群），给出 24 小时有效的下载链接（管理员）',
  usage: '导出 附件1|附件2 [单位] [csv]',
  examples: ['导出 附件1', '导出 附件2 长沙', '导出 附件1 csv'],
  access: 'admin',
  fields: {
    table: { label: '表', names: ['附件'], prompt: '', schema: choice('表', { 附件1: '1', 附件2: '2', '1': '1', '2': '2' }), optional: true },
    unit: { label: '单位', prompt: '', schema: text('单位', 80), optional: true },
    format: { label: '格式', prompt: '', schema: choice('格式', { csv: 'csv', xlsx: 'xlsx' }), optional: true },
  },
  // The words come in any order: which table, which unit, which format.
  classify: (words) => ({
    table: words.map((word) => TABLE_NUMBER[TABLE_WORD.exec(word)?.[1] ?? '']).find(Boolean),
    // csv wins when both are written.
    format: words.find((word) => word.toLowerCase() === 'csv') ?? words.find((word) => FORMAT_WORD.test(word)),
    unit: words.find((word) => !TABLE_WORD.test(word) && !FORMAT_WORD.test(word)),
  }),
  async run(ctx, { table, unit, format }) {
    if (!table) throw new UserError('admin.export.whichTable');
    const link = await exportLink(ctx.tx, ctx.actor, {
      table: Number(table) as 1 | 2,
      format: format ?? 'xlsx',
      unitName: unit,
      links: ctx.exportLinks,
      now: ctx.now,
    });
    ctx.reply(
      [
        t('admin.export.heading', { table, title: TABLES[link.table].title, scope: link.unit ?? t('admin.export.wholeProvince'), format: link.format }),
        link.url,
        t('admin.export.validity', { hours: Math.round(LINK_TTL_MS / 3_600_000), until: formatDateTime(link.expiresAt) }),
      ].join('\n'),
    );
  },
});
