import { count, date, defineCommand, phone, text } from '../src/bot/command.js';
import { organiser, organiserField } from '../src/bot/units-arg.js';
import { UserError } from '../src/domain/errors.js';
import { formatDate } from '../src/time.js';

/** 附件2: 基层单位“同城共读”微信读书社群. */
export default defineCommand({
  names: ['登记社群', 'group'],
  section: '读书社群',
  summary: '登记“同城共读”微信读书社群（附件2）',
  usage: '登记社群 名称=<社群名称> 成立=<日期> 人数=<n> 特色=<组织方式和特色> [联系人=<姓名>] [电话=<号码>]',
  examples: [
    '登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周线上共读一本书，月末线下分享 电话=13800000000',
    '登记社群 书香银行 6月1日 三十五',
  ],
  access: 'bound',
  fields: [
    { key: 'name', label: '社群名称', names: ['名称', '社群', '群名'], prompt: '请告诉我社群名称，例如：书香长沙', schema: text('社群名称', 50) },
    { key: 'foundedOn', label: '成立时间', names: ['成立', '成立日期', '时间'], prompt: '社群是哪天成立的？例如：2020-06-01 或 6月1日', schema: date('成立时间', 'past') },
    { key: 'memberCount', label: '参与人数', names: ['人数'], prompt: '社群现在有多少人参与？例如：120', schema: count('参与人数') },
    { key: 'features', label: '主要活动组织方式和特色', names: ['特色', '组织方式', '方式'], prompt: '请简单介绍主要活动组织方式和特色，例如：每周线上共读一本书，月末线下分享', schema: text('特色', 500) },
    { key: 'contactName', label: '联系人', names: ['联系人姓名'], prompt: '联系人叫什么名字？', schema: text('联系人', 30), fallback: (ctx) => ctx.member.displayName },
    { key: 'contactPhone', label: '电话', names: ['联系电话', '手机'], prompt: '联系人电话是多少？', schema: phone(), optional: true },
    organiserField,
  ],
  positional: ['name', 'foundedOn', 'memberCount', 'features'],
  async run(ctx, v) {
    const unit = await organiser(ctx, v.organiser);
    if (v.foundedOn > ctx.now) throw new UserError(`成立时间 ${formatDate(v.foundedOn)} 还没到，请核对。`);
    const dup = await ctx.db.readingGroup.findUnique({
      where: { campaignId_unitId_name: { campaignId: ctx.campaign.id, unitId: unit.id, name: v.name } },
    });
    if (dup) {
      throw new UserError(`「${unit.name}」已经登记过社群「${v.name}」（编号 ${dup.id}）。要改人数请发送：更新社群 ${dup.id} 人数 <n>`);
    }
    const g = await ctx.db.readingGroup.create({
      data: {
        campaignId: ctx.campaign.id,
        unitId: unit.id,
        name: v.name,
        foundedOn: v.foundedOn,
        memberCount: v.memberCount,
        features: v.features,
        contactName: v.contactName,
        contactPhone: v.contactPhone ?? '',
        createdById: ctx.member.id,
      },
    });
    await ctx.audit('create', 'ReadingGroup', g.id, { unit: unit.name, name: g.name, memberCount: g.memberCount });
    ctx.reply(
      [
        `已登记社群 #${g.id}「${g.name}」`,
        `组织单位：${unit.name}`,
        `成立时间：${formatDate(g.foundedOn)}`,
        `参与人数：${g.memberCount}`,
        `组织方式和特色：${g.features}`,
        `联系人：${g.contactName}${g.contactPhone ? ` ${g.contactPhone}` : ''}`,
        `人数有变化时发送：更新社群 ${g.id} 人数 <n>`,
      ].join('\n'),
    );
  },
});
