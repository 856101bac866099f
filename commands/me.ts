import { defineCommand } from '../src/bot/command.js';
import { HOST_STATUS_LABEL, ROLE_LABEL } from '../src/domain/labels.js';
import { KIND_LABEL } from '../src/domain/units.js';
import { formatDateTime, weekKey } from '../src/time.js';

export default defineCommand({
  names: ['我的', 'me'],
  section: '开始',
  summary: '查看我的单位、角色、本群绑定和待办事项',
  usage: '我的',
  examples: ['我的', 'me'],
  access: 'anyone',
  async run(ctx) {
    const { member, chat, db, now } = ctx;
    const unit = member.unit ?? chat.unit;
    const lines = [
      `${member.displayName}（${ROLE_LABEL[member.role]}）`,
      `我的单位：${member.unit ? `${member.unit.name}（${KIND_LABEL[member.unit.kind]}）` : '未绑定'}`,
      `本群绑定：${chat.unit ? chat.unit.name : '未绑定'}`,
    ];
    if (!unit) {
      lines.push('发送「绑定 单位名」开始，例如：绑定 长沙。');
      ctx.reply(lines.join('\n'));
      return;
    }
    const [reported, overdue, hosts, groups] = await Promise.all([
      db.countReport.findFirst({ where: { campaignId: ctx.campaign.id, unitId: unit.id, metric: 'recommend', week: weekKey(now) } }),
      db.activity.findMany({
        where: { campaignId: ctx.campaign.id, unitId: unit.id, status: 'PLANNED', startsAt: { lt: now } },
        orderBy: { startsAt: 'asc' },
        take: 5,
      }),
      db.hostRequest.findMany({
        where: { campaignId: ctx.campaign.id, unitId: unit.id, status: { in: ['PENDING', 'WAITLISTED', 'APPROVED'] } },
        orderBy: { month: 'asc' },
        take: 5,
      }),
      db.readingGroup.count({ where: { campaignId: ctx.campaign.id, unitId: unit.id } }),
    ]);
    const todo: string[] = [];
    if (!reported) todo.push('本周还没上报好书荐读人数：上报 荐读 <人数>');
    for (const a of overdue) todo.push(`活动 #${a.id}「${a.theme}」（${formatDateTime(a.startsAt)}）待上报人数：活动完成 ${a.id} 人数 <n>`);
    for (const h of hosts) todo.push(`承办申报 #${h.id} ${h.month}「${h.theme}」：${HOST_STATUS_LABEL[h.status]}`);
    lines.push(`已登记社群：${groups} 个`);
    lines.push(todo.length ? `待办：\n${todo.map((t) => `· ${t}`).join('\n')}` : '待办：暂无');
    ctx.reply(lines.join('\n'));
  },
});
