import { defineCommand } from '../src/bot/command.js';
import { count, id } from '../src/bot/field-types.js';
import { showEarlier } from '../src/domain/changes.js';
import { communityForChange, updateCommunityHeadCount } from '../src/domain/communities.js';
import { t } from '../src/texts.js';
import { idThenCount } from './common-fields.js';
import { dropOrConfirm, plausibleOrConfirm } from './corrections.js';

export default defineCommand({
  names: ['更新社群', 'update-group'],
  variants: ['社群更新', '修改社群人数', '更新社群人数', '社群人数'],
  phrasings: [/^(?:更新|修改|改)(?:一下)?第?(?<id>\d{1,9})\s*号(?:社群|群)的?(?:参与)?人数/u],
  section: '读书社群',
  summary: '更新读书社群的参与人数',
  usage: '更新社群 <编号> 人数 <n>',
  examples: ['更新社群 3 人数 150', '更新社群 3 一百五十'],
  access: 'bound',
  fields: {
    id: { label: '编号', prompt: '要更新哪个社群？请回复社群编号（发送「社群列表」可查看）', schema: id('社群', '更新社群 3 人数 150') },
    memberCount: { label: '人数', names: ['参与人数'], prompt: '现在有多少人参与？例如：150', schema: count('参与人数') },
  },
  /** 「更新社群 3 人数 150」「更新社群 3 一百五十」 */
  classify: idThenCount('memberCount'),
  async run(ctx, { id, memberCount }) {
    // Theirs to change before a doubtful figure is asked about.
    const found = await communityForChange(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id });
    if (!(await plausibleOrConfirm(ctx, 'community', memberCount, '参与人数'))) return;
    if (!(await dropOrConfirm(ctx, found, found.memberCount, memberCount, '参与人数'))) return;
    const { community, before, earlier } = await updateCommunityHeadCount(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id, memberCount });
    ctx.reply(t('communities.headCountUpdated', { id: community.id, name: community.name, before, after: community.memberCount, earlier: showEarlier(earlier) }));
  },
});
