import { count, defineCommand, month } from '../src/bot/command.js';
import { announcePromotion } from '../src/bot/host-notices.js';
import { UserError } from '../src/domain/errors.js';
import { setCapacity } from '../src/domain/hosting.js';

/** 设置承办名额: how many units may host a month's provincial event (the notice: 2–3; default 3). */
export default defineCommand({
  names: ['设置承办名额', 'set-slots'],
  section: '管理',
  summary: '设置某个月的承办名额（默认 3 个），增加名额时候补申报按先后递补（管理员）',
  usage: '设置承办名额 <月份> <名额>',
  examples: ['设置承办名额 2020-07 2', '设置承办名额 7月 3'],
  access: 'admin',
  fields: [
    { key: 'month', label: '月份', prompt: '设置哪个月的名额？例如：2020-07', schema: month('月份') },
    { key: 'capacity', label: '名额', names: ['数量'], prompt: '这个月设几个承办名额？例如：3', schema: count('名额', 20) },
  ],
  async run(ctx, v) {
    if (v.capacity < 1) throw new UserError('每月至少 1 个承办名额（《通知》：每月 2—3 个）。');
    const { promoted, waitlisted, approved } = await setCapacity(ctx.db, ctx.campaign.id, v.month, v.capacity);
    await ctx.audit('set-capacity', 'HostMonth', v.month, { capacity: v.capacity, promoted: promoted.map((r) => r.id), waitlisted: waitlisted.map((r) => r.id) });
    for (const r of promoted) {
      const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: r.unitId } });
      ctx.afterCommit(({ db, senders }) => announcePromotion({ db, senders, now: ctx.now }, { ...r, unit }));
    }
    const more = [
      promoted.length ? `候补的 ${promoted.map((r) => `#${r.id}`).join('、')} 已转为待审批。` : '',
      waitlisted.length ? `名额已满，${waitlisted.map((r) => `#${r.id}`).join('、')} 转为候补。` : '',
    ].join('');
    ctx.reply(`${v.month} 的承办名额已设为 ${v.capacity} 个（已批准 ${approved} 个）。${more}`);
  },
});
