import { defineCommand } from '../src/bot/command.js';
import { id } from '../src/bot/field-types.js';
import { deleteCommunity } from '../src/domain/communities.js';
import { t } from '../src/texts.js';

/** 删除社群: the community leaves lists, exports and rankings; 撤销 within 30 minutes brings it back. */
export default defineCommand({
  names: ['删除社群', 'delete-group'],
  variants: ['删掉社群', '社群删除', '删除读书社群', '注销社群', '移除社群', '撤销社群'],
  section: '读书社群',
  summary: '删除登记错了或已解散的读书社群（30 分钟内可「撤销」）',
  usage: '删除社群 <编号>',
  examples: ['删除社群 3', 'delete-group 3'],
  access: 'bound',
  fields: {
    id: { label: '编号', prompt: '要删除哪个社群？请回复社群编号（发送「社群列表」可查看）', schema: id('社群', '删除社群 3') },
  },
  async run(ctx, { id }) {
    const { community, unit } = await deleteCommunity(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, id, now: ctx.now });
    ctx.reply(t('communities.deleted', { id: community.id, name: community.name, unit: unit.name }));
  },
});
