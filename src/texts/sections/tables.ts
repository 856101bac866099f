/** Texts of the exported tables: the notice's titles and column headers, word for word (src/domain/exports.ts). */
export const tables = {
  'tables.activities.title': '基层单位职工主题读书月活动情况统计表',
  'tables.groups.title': '基层单位“同城共读”微信读书社群活动情况统计表',
  'tables.column.serial': '序号',
  'tables.column.organiser': '活动组织单位',
  'tables.column.theme': '活动主题',
  'tables.column.place': '活动地点',
  'tables.column.time': '活动时间',
  'tables.column.participants': '参与人数',
  'tables.column.contact': '联系人',
  'tables.column.groupName': '社群名称',
  'tables.column.founded': '成立时间',
  'tables.column.features': '主要活动组织方式和特色',
  'tables.unitLine': (p: { unit: string }) => `市州、省产业工会：${p.unit}`,
  'tables.province': '全省',
  'tables.summarySheet': '全省汇总',
  'tables.filename': (p: { table: number; scope: string; format: string }) => `附件${p.table}-${p.scope}.${p.format}`,
  // npm run export (a developer reads this).
  'tables.scriptUsage':
    'usage: npm run export -- --table 1|2 [--unit 长沙市总工会] [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out file.xlsx|file.csv',
} as const;
