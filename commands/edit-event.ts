import { defineCommand } from '../src/bot/command.js';
import { id, text } from '../src/bot/field-types.js';
import { activityForChange, editActivity, type ActivityChanges } from '../src/domain/activities.js';
import { showChange, showEarlier } from '../src/domain/changes.js';
import type { ActivityKind } from '../src/generated/sqlite/client.js';
import { ACTIVITY_KIND_LABEL, t } from '../src/texts.js';
import { afterRecordNumber, parseChanges, plausibleOrConfirm, recordNumberThenChanges, type Editable } from './corrections.js';
import { eventFields } from './register-event.js';

/** What 修改活动 changes: 登记活动's fields, read by the same rules (the contact is not filled in for you here). */
const { participants, contactName, ...rest } = eventFields;
const editable: Editable = {
  ...rest,
  participantCount: participants,
  contactName: { label: contactName.label, schema: contactName.schema },
};
const EXAMPLE = '修改活动 5 时间=6月21日下午3点';

/** 修改活动: any of an activity's 附件1 columns (and its kind), old → new. */
export default defineCommand({
  names: ['修改活动', 'edit-event'],
  variants: ['活动修改', '编辑活动', '更改活动', '更正活动', '改活动', '修改活动信息', '活动改期'],
  section: '读书活动',
  summary: '修改活动的类型、主题、地点、时间、人数或联系人',
  usage: '修改活动 <编号> <字段> <新值>，或 修改活动 <编号> 时间=… 地点=… 主题=… 类型=… 人数=… 联系人=… 电话=…',
  examples: ['修改活动 5 时间 6月21日下午3点', '修改活动 5 地点=市图书馆二楼 主题=读懂中国', '修改活动 5 人数=52'],
  access: 'bound',
  fields: {
    id: { label: '编号', prompt: '要修改哪场活动？请回复活动编号（发送「活动列表」可查看）', schema: id('活动', EXAMPLE) },
    changes: { label: '修改内容', prompt: '要改哪一项、改成什么？例如：时间=6月21日下午3点 或 地点=市图书馆', schema: text('修改内容', 600) },
  },
  classify: recordNumberThenChanges,
  async run(ctx, { id, changes }, typedRest) {
    const read = parseChanges(ctx, editable, afterRecordNumber(typedRest) || changes, EXAMPLE);
    if ('problem' in read) return ctx.reply(read.problem);
    const wanted = read.values as ActivityChanges;
    const found = await activityForChange(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id });
    const kind: ActivityKind = wanted.kind ?? found.kind;
    if (wanted.participantCount !== undefined && !(await plausibleOrConfirm(ctx, kind, wanted.participantCount, participants.label))) return;
    const done = await editActivity(ctx.tx, { actor: ctx.actor, campaign: ctx.campaign, id, now: ctx.now, changes: wanted });
    ctx.reply(
      t('activities.edited', {
        kind: ACTIVITY_KIND_LABEL[done.activity.kind],
        id: done.activity.id,
        theme: done.activity.theme,
        lines: done.changes.map(showChange),
        earlier: showEarlier(done.earlier),
      }),
    );
  },
});
