import { defineCommand, type Context } from '../src/bot/command.js';
import { ownPendingRequest, recentFirstContacts, requestsToDecide } from '../src/domain/contacts.js';
import { itemLabel, submitExample } from '../src/domain/deliverables.js';
import { adminOverview, unitOverview, type Todo } from '../src/domain/overview.js';
import { HOST_STATUS_LABEL, ROLE_LABEL, t, UNIT_KIND_LABEL } from '../src/texts.js';
import { addDays, formatDateTime } from '../src/time.js';

export default defineCommand({
  names: ['我的', 'me'],
  glued: false,
  section: '开始',
  summary: '查看我的单位、角色、本群绑定和待办事项',
  usage: '我的',
  examples: ['我的', 'me'],
  access: 'anyone',
  async run(ctx) {
    const { member, chat, actor } = ctx;
    const role = member.role === 'CONTACT' && !member.unit ? t('units.me.roleMember') : ROLE_LABEL[member.role];
    const lines = [
      t('units.me.who', { name: member.displayName, role }),
      member.unit ? t('units.me.myUnit', { unit: member.unit.name, kind: UNIT_KIND_LABEL[member.unit.kind] }) : t('units.me.myUnitNone'),
    ];
    if (chat.isGroup) lines.push(chat.unit ? t('units.me.chatUnit', { unit: chat.unit.name }) : t('units.me.chatUnitNone'));
    // Who they act for here, when it is not their own binding: the group's unit.
    if (actor.via === 'group' && actor.unit) lines.push(t('units.me.actingInGroup', { unit: actor.unit.name }));
    const own = await ownPendingRequest(ctx.tx, member.id);
    if (own) lines.push(t('units.me.ownRequest', { unit: own.unit.name }));
    const toDecide = await requestsToDecide(ctx.tx, actor);
    if (toDecide.length) lines.push(t('units.me.requestsToDecide', { names: toDecide.map((r) => r.member.displayName) }));
    if (ctx.isAdmin) lines.push(await adminWaiting(ctx));
    const unit = actor.unit;
    if (!unit) {
      if (!ctx.isAdmin) lines.push(t('units.me.startHint'));
      ctx.reply(lines.join('\n'));
      return;
    }
    const overview = await unitOverview(ctx.tx, { campaignId: ctx.campaign.id, unitId: unit.id, now: ctx.now });
    lines.push(t('units.me.groups', { count: overview.groups }));
    lines.push(overview.todos.length ? t('units.me.todo', { items: overview.todos.map(describeTodo) }) : t('units.me.todoNone'));
    ctx.reply(lines.join('\n'));
  },
});

/** What waits for an admin: host requests, materials, and first contacts to look over. */
async function adminWaiting(ctx: Context): Promise<string> {
  const waiting = await adminOverview(ctx.tx, { campaignId: ctx.campaign.id, now: ctx.now });
  const items: string[] = [];
  if (waiting.pendingHosts || waiting.waitlistedHosts) items.push(t('units.me.adminHosts', { pending: waiting.pendingHosts, waitlisted: waiting.waitlistedHosts }));
  if (waiting.missingMaterials) items.push(t('units.me.adminMaterials', { count: waiting.missingMaterials }));
  const firsts = await recentFirstContacts(ctx.tx, addDays(ctx.now, -7));
  if (firsts.length) items.push(t('units.me.adminNewContacts', { lines: firsts.map((m) => t('units.me.newContact', { name: m.displayName, unit: m.unit?.name ?? '' })) }));
  return items.length ? t('units.me.adminWaiting', { items }) : t('units.me.adminNothing');
}

function describeTodo(todo: Todo): string {
  switch (todo.kind) {
    case 'report':
      return t('units.me.todoReport');
    case 'activity':
      return t('units.me.todoActivity', { id: todo.activity.id, theme: todo.activity.theme, startsAt: formatDateTime(todo.activity.startsAt) });
    case 'host':
      return todo.owed?.length
        ? t('units.me.todoMaterials', { id: todo.request.id, theme: todo.request.theme, items: todo.owed.map(itemLabel), example: submitExample(todo.owed[0]) })
        : t('units.me.todoHost', { id: todo.request.id, month: todo.request.month, theme: todo.request.theme, status: HOST_STATUS_LABEL[todo.request.status] });
  }
}
