import { defineCommand } from '../src/bot/command.js';
import { listScope } from '../src/bot/scope.js';
import { ACTIVITY_KIND_LABEL } from '../src/domain/labels.js';
import { formatDateTime } from '../src/time.js';

export default defineCommand({
  names: ['活动列表', 'events'],
  section: '读书活动',
  summary: '查看本单位（含下属基层单位）登记的活动',
  usage: '活动列表',
  examples: ['活动列表', 'events'],
  access: 'bound',
  async run(ctx) {
    const where = await listScope(ctx);
    const [items, total] = await Promise.all([
      ctx.db.activity.findMany({ where, include: { unit: true }, orderBy: { startsAt: 'desc' }, take: 30 }),
      ctx.db.activity.count({ where }),
    ]);
    if (!items.length) {
      ctx.reply('还没有登记活动。发送「登记活动」开始，例如：登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆 时间=6月20日下午2点');
      return;
    }
    const lines = items.map((a) => {
      const state = a.status === 'HELD' ? `已完成，${a.participantCount ?? 0} 人参与` : a.startsAt < ctx.now ? '待上报人数' : '计划中';
      return `#${a.id} ${ACTIVITY_KIND_LABEL[a.kind]}「${a.theme}」${formatDateTime(a.startsAt)} ${a.place}（${a.unit.name}）— ${state}`;
    });
    ctx.reply([`活动 ${total} 场：`, ...lines, total > items.length ? `……只显示最近 ${items.length} 场` : ''].filter(Boolean).join('\n'));
  },
});
