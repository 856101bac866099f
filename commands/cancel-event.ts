import { defineCommand } from '../src/bot/command.js';
import { id } from '../src/bot/field-types.js';
import { cancelActivity } from '../src/domain/activities.js';
import { ACTIVITY_KIND_LABEL, t } from '../src/texts.js';

/** 取消活动: the activity leaves lists, exports, reminders and rankings; 撤销 within 30 minutes brings it back. */
export default defineCommand({
  names: ['取消活动', 'cancel-event'],
  variants: ['活动取消', '删除活动', '删掉活动', '撤销活动', '活动不办了', '活动取消了'],
  section: '读书活动',
  summary: '取消不办了或登记错了的活动（30 分钟内可「撤销」）',
  usage: '取消活动 <编号>',
  examples: ['取消活动 5', 'cancel-event 5'],
  access: 'bound',
  fields: {
    id: { label: '编号', prompt: '要取消哪场活动？请回复活动编号（发送「活动列表」可查看）', schema: id('活动', '取消活动 5') },
  },
  async run(ctx, { id }) {
    const { activity, unit } = await cancelActivity(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id, now: ctx.now });
    ctx.reply(t('activities.cancelled', { kind: ACTIVITY_KIND_LABEL[activity.kind], id: activity.id, theme: activity.theme, unit: unit.name }));
  },
});
