import { defineCommand } from '../src/bot/command.js';
import { listCommunities } from '../src/domain/communities.js';
import { t } from '../src/texts.js';
import { formatDate } from '../src/time.js';

export default defineCommand({
  names: ['社群列表', 'groups'],
  variants: ['我的社群', '社群清单'],
  section: '读书社群',
  summary: '查看本单位（含下属基层单位）登记的读书社群',
  usage: '社群列表',
  examples: ['社群列表', 'groups'],
  access: 'bound',
  async run(ctx) {
    const { communities, total, memberTotal } = await listCommunities(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id });
    if (!communities.length) {
      ctx.reply(t('communities.none'));
      return;
    }
    const lines = communities.map((community) =>
      t('communities.listLine', {
        id: community.id,
        name: community.name,
        unit: community.unit.name,
        memberCount: community.memberCount,
        foundedOn: formatDate(community.foundedOn),
        contactName: community.contactName,
      }),
    );
    const more = total > communities.length ? [t('communities.listTruncated', { shown: communities.length })] : [];
    ctx.reply([t('communities.listHeading', { count: total, members: memberTotal }), ...lines, ...more].join('\n'));
  },
});
