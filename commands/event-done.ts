import { count, defineCommand, mapIdAndCount, text } from '../src/bot/command.js';
import { assertMayChange, parseId } from '../src/bot/scope.js';
import { UserError } from '../src/domain/errors.js';
import { ACTIVITY_KIND_LABEL } from '../src/domain/labels.js';

export default defineCommand({
  names: ['活动完成', 'done'],
  section: '读书活动',
  summary: '活动办完后上报实际参与人数',
  usage: '活动完成 <编号> 人数 <n>',
  examples: ['活动完成 5 人数 48', '活动完成 5 四十八人'],
  access: 'bound',
  fields: [
    { key: 'id', label: '编号', prompt: '是哪场活动？请回复活动编号（发送「活动列表」可查看）', schema: text('编号', 12) },
    { key: 'participants', label: '人数', names: ['参与人数'], prompt: '实际有多少人参与？例如：48', schema: count('参与人数') },
  ],
  mapArgs: mapIdAndCount('participants'),
  async run(ctx, v) {
    const id = parseId(v.id, '活动', '活动完成 5 人数 48');
    const a = await ctx.db.activity.findFirst({ where: { id, campaignId: ctx.campaign.id } });
    if (!a) throw new UserError(`没有编号为 ${id} 的活动。发送「活动列表」查看编号。`);
    await assertMayChange(ctx, a.unitId, '活动');
    if (a.startsAt > ctx.now) throw new UserError(`活动 #${id} 还没开始，办完后再上报人数吧。`);
    await ctx.db.activity.update({ where: { id }, data: { status: 'HELD', participantCount: v.participants, heldAt: ctx.now } });
    await ctx.audit('held', 'Activity', id, { participants: [a.participantCount, v.participants] });
    const again = a.status === 'HELD' ? `（原为 ${a.participantCount ?? 0} 人，已更正）` : '';
    ctx.reply(`已记录${ACTIVITY_KIND_LABEL[a.kind]} #${id}「${a.theme}」完成，参与 ${v.participants} 人${again}。辛苦了！`);
  },
});
