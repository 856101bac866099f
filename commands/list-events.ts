import { defineCommand } from '../src/bot/command.js';
import { activityState, listActivities, type ActivityState } from '../src/domain/activities.js';
import { ACTIVITY_KIND_LABEL, t } from '../src/texts.js';
import { formatDateTime } from '../src/time.js';

export default defineCommand({
  names: ['活动列表', 'events'],
  variants: ['我的活动', '活动清单'],
  section: '读书活动',
  summary: '查看本单位（含下属基层单位）登记的活动',
  usage: '活动列表',
  examples: ['活动列表', 'events'],
  access: 'bound',
  async run(ctx) {
    const { activities, total } = await listActivities(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id });
    if (!activities.length) {
      ctx.reply(t('activities.none'));
      return;
    }
    const lines = activities.map((activity) => {
      const state: Record<ActivityState, () => string> = {
        held: () => t('activities.stateHeld', { participants: activity.participantCount ?? 0 }),
        awaitingCount: () => t('activities.stateAwaitingCount'),
        planned: () => t('activities.statePlanned'),
      };
      return t('activities.listLine', {
        id: activity.id,
        kind: ACTIVITY_KIND_LABEL[activity.kind],
        theme: activity.theme,
        startsAt: formatDateTime(activity.startsAt),
        place: activity.place,
        unit: activity.unit.name,
        state: state[activityState(activity, ctx.now)](),
      });
    });
    const more = total > activities.length ? [t('activities.listTruncated', { shown: activities.length })] : [];
    ctx.reply([t('activities.listHeading', { count: total }), ...lines, ...more].join('\n'));
  },
});
