import { defineCommand } from '../src/bot/command.js';
import { id, text } from '../src/bot/field-types.js';
import { showChange, showEarlier } from '../src/domain/changes.js';
import { communityForChange, editCommunity, listCommunities, type CommunityChanges } from '../src/domain/communities.js';
import { t } from '../src/texts.js';
import { afterRecordNumber, dropOrConfirm, leadingName, parseChanges, plausibleOrConfirm, recordNumberThenChanges, type Editable } from './corrections.js';
import { groupFields } from './register-group.js';

/** What 修改社群 changes: 登记社群's fields, read by the same rules (the contact is not filled in for you here). */
const editable: Editable = {
  ...groupFields,
  contactName: { label: groupFields.contactName.label, names: groupFields.contactName.names, schema: groupFields.contactName.schema },
};
const EXAMPLE = '修改社群 3 人数=150';
/** A wrong value's example, for the fields whose form the general example does not show. */
const FIELD_EXAMPLES: Record<string, string> = { contactPhone: '修改社群 3 电话=13900000000', foundedOn: '修改社群 3 成立=6月1日' };
const WHICH = '要修改哪个社群？请回复社群编号（发送「社群列表」可查看）';

/** 修改社群: any of a community's 附件2 columns, old → new. */
export default defineCommand({
  names: ['修改社群', 'edit-group'],
  variants: ['社群修改', '编辑社群', '更改社群', '更正社群', '改社群', '修改社群信息', '修改读书社群'],
  section: '读书社群',
  summary: '修改读书社群的名称、人数、特色、联系人、电话或成立时间',
  usage: '修改社群 <编号> <字段> <新值>，或 修改社群 <编号> 名称=… 人数=… 特色=… 联系人=… 电话=… 成立=…',
  examples: ['修改社群 3 人数 150', '修改社群 3 名称=书香星城 联系人=李四 电话=13900000000', '修改社群 3 特色=每周共读，月末线下分享'],
  access: 'bound',
  fields: {
    // Optional: a community may be named instead (「修改社群 书香长沙 人数 150」), else it is asked for.
    id: { label: '编号', prompt: WHICH, schema: id('社群', EXAMPLE), optional: true },
    changes: { label: '修改内容', prompt: '要改哪一项、改成什么？例如：人数=150 或 名称=书香星城', schema: text('修改内容', 600) },
  },
  classify: recordNumberThenChanges,
  async run(ctx, { id: typedId, changes }, rest) {
    let typed = afterRecordNumber(rest) || changes;
    const named = leadingName(typed, editable);
    if (named) typed = named.after;
    let id = typedId;
    if (id === undefined) {
      // The community by its name in the sender's scope; asked for by number (the changes kept) when not exactly one.
      const { communities } = await listCommunities(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id });
      const hits = named ? communities.filter((c) => c.name === named.name) : [];
      if (hits.length !== 1) return ctx.ask('id', named ? t('communities.whichNamed', { name: named.name, found: hits.length, prompt: WHICH }) : WHICH, { changes: typed });
      id = hits[0].id;
    }
    const read = parseChanges(ctx, editable, typed, EXAMPLE, FIELD_EXAMPLES);
    if ('problem' in read) return ctx.reply(read.problem);
    const wanted = read.values as CommunityChanges;
    const found = await communityForChange(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id });
    if (wanted.memberCount !== undefined && !(await plausibleOrConfirm(ctx, 'community', wanted.memberCount, groupFields.memberCount.label))) return;
    if (wanted.memberCount !== undefined && !(await dropOrConfirm(ctx, found, found.memberCount, wanted.memberCount, groupFields.memberCount.label))) return;
    const done = await editCommunity(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id, now: ctx.now, changes: wanted });
    ctx.reply(
      t('communities.edited', { id: done.community.id, name: done.community.name, lines: done.changes.map(showChange), earlier: showEarlier(done.earlier) }),
    );
  },
});
