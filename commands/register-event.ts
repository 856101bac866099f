import { choice, count, dateTime, defineCommand, phone, text } from '../src/bot/command.js';
import { organiser, organiserField } from '../src/bot/units-arg.js';
import { UserError } from '../src/domain/errors.js';
import { ACTIVITY_KIND_LABEL, ACTIVITY_KINDS } from '../src/domain/labels.js';
import { formatDateTime } from '../src/time.js';

/** 附件1: 基层单位职工主题读书月活动 (also flash-mob readings and salons). */
export default defineCommand({
  names: ['登记活动', 'event'],
  section: '读书活动',
  summary: '登记读书快闪、阅读沙龙或主题读书月活动（附件1）',
  usage: '登记活动 类型=<快闪|沙龙|读书月> 主题=<活动主题> 地点=<地点> 时间=<时间> [人数=<预计人数>] [联系人=<姓名>] [电话=<号码>]',
  examples: [
    '登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆三楼 时间=6月20日下午2点 人数=50',
    '登记活动 快闪 红色经典诵读 五一广场 下周六14:00',
  ],
  access: 'bound',
  fields: [
    { key: 'kind', label: '类型', names: ['活动类型'], prompt: '活动类型是什么？请回复：快闪 / 沙龙 / 读书月', schema: choice('活动类型', ACTIVITY_KINDS) },
    { key: 'theme', label: '活动主题', names: ['主题'], prompt: '活动主题是什么？例如：读懂中国', schema: text('活动主题', 60) },
    { key: 'place', label: '活动地点', names: ['地点'], prompt: '活动在哪里举办？例如：市图书馆三楼报告厅', schema: text('活动地点', 80) },
    { key: 'startsAt', label: '活动时间', names: ['时间', '日期'], prompt: '活动什么时候开始？例如：6月20日下午2点', schema: dateTime('活动时间') },
    { key: 'participants', label: '参与人数', names: ['人数', '预计人数'], prompt: '', schema: count('参与人数'), optional: true },
    { key: 'contactName', label: '联系人', prompt: '联系人叫什么名字？', schema: text('联系人', 30), fallback: (ctx) => ctx.member.displayName },
    { key: 'contactPhone', label: '电话', names: ['联系电话', '手机'], prompt: '', schema: phone(), optional: true },
    organiserField,
  ],
  positional: ['kind', 'theme', 'place', 'startsAt'],
  async run(ctx, v) {
    const unit = await organiser(ctx, v.organiser);
    const c = ctx.campaign;
    if (v.startsAt < c.startsAt || v.startsAt > c.endsAt) {
      throw new UserError(`活动时间 ${formatDateTime(v.startsAt)} 不在活动期内（${formatDateTime(c.startsAt)} 至 ${formatDateTime(c.endsAt)}）。`);
    }
    const a = await ctx.db.activity.create({
      data: {
        campaignId: c.id,
        unitId: unit.id,
        chatId: ctx.chat.id,
        kind: v.kind,
        theme: v.theme,
        place: v.place,
        startsAt: v.startsAt,
        participantCount: v.participants ?? null,
        contactName: v.contactName,
        contactPhone: v.contactPhone ?? '',
        createdById: ctx.member.id,
      },
    });
    await ctx.audit('create', 'Activity', a.id, { unit: unit.name, kind: a.kind, theme: a.theme, startsAt: a.startsAt });
    ctx.reply(
      [
        `已登记${ACTIVITY_KIND_LABEL[a.kind]} #${a.id}「${a.theme}」`,
        `组织单位：${unit.name}`,
        `时间：${formatDateTime(a.startsAt)}`,
        `地点：${a.place}`,
        `联系人：${a.contactName}${a.contactPhone ? ` ${a.contactPhone}` : ''}`,
        `活动结束后请发送：活动完成 ${a.id} 人数 <实际参与人数>`,
      ].join('\n'),
    );
  },
});
