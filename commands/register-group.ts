import { defineCommand, type Fields } from '../src/bot/command.js';
import { count, date, name, text } from '../src/bot/field-types.js';
import { registerCommunity } from '../src/domain/communities.js';
import { t } from '../src/texts.js';
import { formatDate } from '../src/time.js';
import { contactName, contactPhone, organiser } from './common-fields.js';
import { plausibleOrConfirm } from './corrections.js';

/** 附件2's columns as a community's fields; 修改社群 reads its changes with the same ones. */
export const groupFields = {
  name: { label: '社群名称', names: ['名称', '社群', '群名'], prompt: '请告诉我社群名称，例如：书香长沙', schema: name('社群名称', 50) },
  foundedOn: { label: '成立时间', names: ['成立', '成立日期', '时间'], prompt: '社群是哪天成立的？例如：2020-06-01 或 6月1日', schema: date('成立时间', { prefer: 'past', notFuture: true }) },
  memberCount: { label: '参与人数', names: ['人数'], prompt: '社群现在有多少人参与？例如：120', schema: count('参与人数') },
  features: {
    label: '主要活动组织方式和特色',
    names: ['特色', '组织方式', '方式'],
    prompt: '请简单介绍主要活动组织方式和特色，例如：每周线上共读一本书，月末线下分享',
    schema: text('特色', 500),
  },
  contactName: { ...contactName, names: ['联系人姓名'] },
  contactPhone,
} satisfies Fields;

/** 附件2: 基层单位“同城共读”微信读书社群. */
export default defineCommand({
  names: ['登记社群', 'group'],
  variants: ['社群登记', '登记一下社群', '登记读书社群', '登记一个社群', '新增社群', '添加社群', '登记读书群'],
  // 「我们新建了一个读书群，想登记一下：名称=…」
  phrasings: [/^(?:我们|我)?(?:新建|新成立|成立|建|组建)了?一个(?:读书|共读)?(?:微信)?(?:群|社群)[，,、\s]*(?:想|要|需要)?(?:登记|报备)(?:一下)?/u],
  section: '读书社群',
  summary: '登记“同城共读”微信读书社群（附件2）',
  usage: '登记社群 名称=<社群名称> 成立=<日期> 人数=<n> 特色=<组织方式和特色> [联系人=<姓名>] [电话=<号码>]',
  examples: [
    '登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周线上共读一本书，月末线下分享 电话=13800000000',
    '登记社群 书香银行 6月1日 三十五',
  ],
  access: 'bound',
  fields: { ...groupFields, organiser },
  positional: ['name', 'foundedOn', 'memberCount', 'features'],
  async run(ctx, fields) {
    if (!(await plausibleOrConfirm(ctx, 'community', fields.memberCount, groupFields.memberCount.label))) return;
    const { community, unit } = await registerCommunity(ctx.tx, { actor: ctx.actor, campaignId: ctx.campaign.id, now: ctx.now, ...fields });
    ctx.reply(
      t('communities.registered', {
        id: community.id,
        name: community.name,
        unit: unit.name,
        foundedOn: formatDate(community.foundedOn),
        memberCount: community.memberCount,
        features: community.features,
        contactName: community.contactName,
        contactPhone: community.contactPhone,
      }),
    );
  },
});
