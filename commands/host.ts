import { count, date, defineCommand, month, phone, text } from '../src/bot/command.js';
import { actingUnit } from '../src/bot/scope.js';
import { UserError } from '../src/domain/errors.js';
import { openRequestOf, slotsLeft } from '../src/domain/hosting.js';
import { HOST_STATUS_LABEL } from '../src/domain/labels.js';
import { formatDate, monthKey } from '../src/time.js';
import { announceRequest } from '../src/bot/host-notices.js';

/** 承办申报: request to host the provincial 主题读书月 event in a month. */
export default defineCommand({
  names: ['申报承办', 'host'],
  section: '承办申报',
  summary: '申报承办省总线下主题读书月活动（每月 2—3 家）',
  usage: '申报承办 月份=<2020-07> 主题=<活动主题> 日期=<日期> 地点=<地点> 人数=<预计人数> [联系人=<姓名>] [电话=<号码>]',
  examples: [
    '申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日下午2点 地点=长沙市工人文化宫 人数=200 电话=13800000000',
    '申报承办 7月 书香三湘 7月25日 株洲市图书馆 150',
  ],
  access: 'bound',
  fields: [
    { key: 'month', label: '月份', names: ['承办月份'], prompt: '想承办哪个月的活动？例如：2020-07 或 7月', schema: month('月份') },
    { key: 'theme', label: '主题', names: ['活动主题'], prompt: '活动主题是什么？例如：劳模讲书', schema: text('主题', 60) },
    { key: 'proposedAt', label: '日期', names: ['时间', '活动时间', '拟办日期'], prompt: '打算哪天办？例如：7月18日下午2点', schema: date('日期') },
    { key: 'place', label: '地点', names: ['活动地点'], prompt: '在哪里办？例如：长沙市工人文化宫', schema: text('地点', 80) },
    { key: 'expected', label: '人数', names: ['预计人数', '参与人数'], prompt: '预计多少人参加？例如：200', schema: count('预计人数', 100_000) },
    { key: 'contactName', label: '联系人', prompt: '联系人叫什么名字？', schema: text('联系人', 30), fallback: (ctx) => ctx.member.displayName },
    { key: 'contactPhone', label: '电话', names: ['联系电话', '手机'], prompt: '', schema: phone(), optional: true },
  ],
  positional: ['month', 'theme', 'proposedAt', 'place', 'expected'],
  async run(ctx, v) {
    const unit = actingUnit(ctx);
    const c = ctx.campaign;
    if (v.month < monthKey(ctx.now)) throw new UserError(`${v.month} 已经过去了，请申报本月或以后的月份。`);
    if (v.month < monthKey(c.startsAt) || v.month > monthKey(c.endsAt)) {
      throw new UserError(`${v.month} 不在活动期内（${monthKey(c.startsAt)} 至 ${monthKey(c.endsAt)}）。`);
    }
    if (monthKey(v.proposedAt) !== v.month) {
      throw new UserError(`拟办日期 ${formatDate(v.proposedAt)} 不在 ${v.month} 内，请核对月份和日期。`);
    }
    const open = await openRequestOf(ctx.db, c.id, unit.id, v.month);
    if (open) {
      throw new UserError(`「${unit.name}」${v.month} 已有申报 #${open.id}（${HOST_STATUS_LABEL[open.status]}）。如需修改，请先发送：撤回申报 ${open.id}`);
    }
    const { left, capacity } = await slotsLeft(ctx.db, c.id, v.month);
    const req = await ctx.db.hostRequest.create({
      data: {
        campaignId: c.id,
        unitId: unit.id,
        chatId: ctx.chat.id,
        month: v.month,
        theme: v.theme,
        proposedAt: v.proposedAt,
        place: v.place,
        expectedParticipants: v.expected,
        contactName: v.contactName,
        contactPhone: v.contactPhone ?? '',
        status: left > 0 ? 'PENDING' : 'WAITLISTED',
        requestedById: ctx.member.id,
      },
    });
    await ctx.audit('create', 'HostRequest', req.id, { unit: unit.name, month: req.month, status: req.status });
    ctx.afterCommit(({ db, senders }) => announceRequest({ db, senders, now: ctx.now }, { ...req, unit }, { left, capacity }));
    const state = left > 0
      ? `已提交，等待省总工会审批（${v.month} 还剩 ${left}/${capacity} 个名额）。`
      : `${v.month} 的名额已满，已列入候补；有名额空出时会按申报先后递补。`;
    ctx.reply(
      [
        `承办申报 #${req.id}：${state}`,
        `单位：${unit.name}`,
        `主题：${req.theme}`,
        `日期：${formatDate(req.proposedAt)}`,
        `地点：${req.place}`,
        `预计人数：${req.expectedParticipants}`,
        `联系人：${req.contactName}${req.contactPhone ? ` ${req.contactPhone}` : ''}`,
        '提醒：请按《通知》把《主题读书月活动计划申报表》扫描签章后发送至 hnnzgb@163.com。',
      ].join('\n'),
    );
  },
});
