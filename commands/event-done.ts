import { defineCommand } from '../src/bot/command.js';
import { count, id } from '../src/bot/field-types.js';
import { activityForChange, recordActivityHeld } from '../src/domain/activities.js';
import { ACTIVITY_KIND_LABEL, t } from '../src/texts.js';
import { idThenCount } from './common-fields.js';
import { plausibleOrConfirm } from './corrections.js';

export default defineCommand({
  names: ['活动完成', 'done'],
  variants: ['活动结束', '活动办完', '完成活动', '活动已完成', '活动办完了'],
  phrasings: [/^第?(?<id>\d{1,9})\s*(?:号|场)(?:活动)?(?:已经?)?(?:完成|办完|结束|搞完)了?/u],
  section: '读书活动',
  summary: '活动办完后上报实际参与人数',
  usage: '活动完成 <编号> 人数 <n>',
  examples: ['活动完成 5 人数 48', '活动完成 5 四十八人'],
  access: 'bound',
  fields: {
    id: { label: '编号', prompt: '是哪场活动？请回复活动编号（发送「活动列表」可查看）', schema: id('活动', '活动完成 5 人数 48') },
    participants: { label: '人数', names: ['参与人数'], prompt: '实际有多少人参与？例如：48', schema: count('参与人数') },
  },
  /** 「活动完成 5 人数 48」「活动完成 5 四十八人」 */
  classify: idThenCount('participants'),
  async run(ctx, { id, participants }) {
    // The figure is plausible or not for the activity's kind (a salon, a flash mob); one not yet started is refused below.
    const found = await activityForChange(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id });
    if (found.startsAt <= ctx.now && !(await plausibleOrConfirm(ctx, found.kind, participants, '参与人数'))) return;
    const { activity, correctedFrom, earlier } = await recordActivityHeld(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, now: ctx.now, id, participants });
    ctx.reply(
      t('activities.held', { kind: ACTIVITY_KIND_LABEL[activity.kind], id: activity.id, theme: activity.theme, participants, correctedFrom, earlier: earlier?.name }),
    );
  },
});
