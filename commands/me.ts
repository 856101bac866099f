import { defineCommand } from '../src/bot/command.js';
import { unitOverview, type Todo } from '../src/domain/overview.js';
import { HOST_STATUS_LABEL, ROLE_LABEL, t, UNIT_KIND_LABEL } from '../src/texts.js';
import { formatDateTime } from '../src/time.js';

export default defineCommand({
  names: ['我的', 'me'],
  glued: false,
  section: '开始',
  summary: '查看我的单位、角色、本群绑定和待办事项',
  usage: '我的',
  examples: ['我的', 'me'],
  access: 'anyone',
  async run(ctx) {
    const { member, chat } = ctx;
    const lines = [
      t('units.me.who', { name: member.displayName, role: ROLE_LABEL[member.role] }),
      member.unit ? t('units.me.myUnit', { unit: member.unit.name, kind: UNIT_KIND_LABEL[member.unit.kind] }) : t('units.me.myUnitNone'),
      chat.unit ? t('units.me.chatUnit', { unit: chat.unit.name }) : t('units.me.chatUnitNone'),
    ];
    const unit = ctx.actor.unit;
    if (!unit) {
      lines.push(t('units.me.startHint'));
      ctx.reply(lines.join('\n'));
      return;
    }
    const overview = await unitOverview(ctx.tx, { campaignId: ctx.campaign.id, unitId: unit.id, now: ctx.now });
    lines.push(t('units.me.groups', { count: overview.groups }));
    lines.push(overview.todos.length ? t('units.me.todo', { items: overview.todos.map(describeTodo) }) : t('units.me.todoNone'));
    ctx.reply(lines.join('\n'));
  },
});

function describeTodo(todo: Todo): string {
  switch (todo.kind) {
    case 'report':
      return t('units.me.todoReport');
    case 'activity':
      return t('units.me.todoActivity', { id: todo.activity.id, theme: todo.activity.theme, startsAt: formatDateTime(todo.activity.startsAt) });
    case 'host':
      return t('units.me.todoHost', { id: todo.request.id, month: todo.request.month, theme: todo.request.theme, status: HOST_STATUS_LABEL[todo.request.status] });
  }
}
