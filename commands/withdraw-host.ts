import { defineCommand, text } from '../src/bot/command.js';
import { assertMayChange, parseId } from '../src/bot/scope.js';
import { UserError } from '../src/domain/errors.js';
import { withdraw } from '../src/domain/hosting.js';
import { announcePromotion } from '../src/bot/host-notices.js';

export default defineCommand({
  names: ['撤回申报', 'withdraw'],
  section: '承办申报',
  summary: '撤回本单位的承办申报',
  usage: '撤回申报 <编号>',
  examples: ['撤回申报 4', 'withdraw 4'],
  access: 'bound',
  fields: [{ key: 'id', label: '编号', prompt: '要撤回哪个申报？请回复编号（发送「我的申报」可查看）', schema: text('编号', 12) }],
  async run(ctx, v) {
    const id = parseId(v.id, '申报', '撤回申报 4');
    const req = await ctx.db.hostRequest.findFirst({ where: { id, campaignId: ctx.campaign.id } });
    if (!req) throw new UserError(`没有编号为 ${id} 的承办申报。发送「我的申报」查看。`);
    await assertMayChange(ctx, req.unitId, '申报');
    const promoted = await withdraw(ctx.db, req, ctx.now);
    await ctx.audit('withdraw', 'HostRequest', id, { from: req.status, promoted: promoted?.id });
    if (promoted) {
      const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: promoted.unitId } });
      ctx.afterCommit(({ db, senders }) => announcePromotion({ db, senders, now: ctx.now }, { ...promoted, unit }));
    }
    const more = promoted ? `\n${req.month} 空出一个名额，候补申报 #${promoted.id} 已转为待审批。` : '';
    ctx.reply(`已撤回承办申报 #${id}（${req.month}「${req.theme}」）。${more}`);
  },
});
