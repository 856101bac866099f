import { defineCommand } from '../src/bot/command.js';
import { count, month } from '../src/bot/field-types.js';
import { setCapacity } from '../src/domain/hosting.js';
import { t } from '../src/texts.js';

/** 设置承办名额: how many units may host a month's provincial event (the notice: 2–3; default 3). */
export default defineCommand({
  names: ['设置承办名额', 'set-slots'],
  section: '管理',
  summary: '设置某个月的承办名额（默认 3 个），增加名额时候补申报按先后递补（管理员）',
  usage: '设置承办名额 <月份> <名额>',
  examples: ['设置承办名额 2020-07 2', '设置承办名额 7月 3'],
  access: 'admin',
  fields: {
    month: { label: '月份', prompt: '设置哪个月的名额？例如：2020-07', schema: month('月份') },
    capacity: { label: '名额', names: ['数量'], prompt: '这个月设几个承办名额？例如：3', schema: count('名额', 20, { min: 1, example: 3 }) },
  },
  async run(ctx, { month, capacity }) {
    const { promoted, waitlisted, approved, notices } = await setCapacity(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, month, capacity });
    ctx.notify(...notices);
    ctx.reply(
      [
        t('hosting.capacitySet', { month, capacity, approved }),
        promoted.length ? t('hosting.capacityPromoted', { ids: promoted.map((r) => r.id) }) : '',
        waitlisted.length ? t('hosting.capacityWaitlisted', { ids: waitlisted.map((r) => r.id) }) : '',
      ].join(''),
    );
  },
});
