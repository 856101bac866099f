import { defineCommand } from '../src/bot/command.js';
import { text } from '../src/bot/field-types.js';
import { readChoiceNumber } from '../src/bot/numbers.js';
import { bindChat, type Binding } from '../src/domain/chats.js';
import { simplified } from '../src/bot/text.js';
import { t, UNIT_KIND_LABEL, YES_WORDS } from '../src/texts.js';

export default defineCommand({
  names: ['绑定', 'bind'],
  section: '开始',
  summary: '把本群和您绑定到单位；「上级/基层单位」可登记新的基层单位',
  usage: '绑定 <单位>',
  examples: ['绑定 长沙', '绑定 长沙市总工会/长沙银行工会'],
  access: 'anyone',
  fields: {
    unit: { label: '单位', names: ['单位名称'], prompt: '请告诉我要绑定的单位，例如：长沙，或 长沙市总工会/长沙银行工会', schema: text('单位', 80) },
    // Set when the bot offered a numbered choice: what each number binds to, comma-separated.
    choices: { label: '候选', prompt: '', schema: text('候选', 200), optional: true },
    // Set when a new 基层单位's name is near an existing one: `上级/已有` and `上级/新名`, comma-separated.
    similar: { label: '相近单位', prompt: '', schema: text('相近单位', 200), optional: true },
  },
  positional: ['unit'],
  async run(ctx, { unit: typed, choices, similar }) {
    const offered = choices ? choices.split(',') : [];
    const number = readChoiceNumber(typed);
    if (offered.length && number !== undefined && !offered[number - 1]) {
      return ctx.ask('unit', t('units.pickNumber', { count: offered.length }), { choices: choices! });
    }
    // Traditional characters are read as simplified (長沙銀行 is 长沙银行).
    let picked = simplified(offered.length && number !== undefined ? offered[number - 1] : typed);
    let confirmedNew = false;
    if (similar) {
      // The answer to 「是指已有的…吗？」: 是 → the existing one; 新建 [名称] → a new one under the same parent.
      const [existing, fresh] = similar.split(',');
      const answer = picked.replace(/[。.！!]+$/u, '').trim();
      const asked = /^新建\s*(.*)$/u.exec(answer);
      if (YES_WORDS.includes(answer)) picked = existing;
      else if (asked) {
        const parent = fresh.slice(0, fresh.indexOf('/'));
        picked = asked[1] ? `${parent}/${asked[1].replace(/^.*\//u, '')}` : fresh;
        confirmedNew = true;
      }
    }
    const binding = await bindChat(ctx.tx, ctx.actor, {
      chatId: ctx.chat.id,
      typed: picked,
      now: ctx.now,
      confirmedSound: ctx.confirmed('unit'),
      confirmedRebind: ctx.confirmed('rebind'),
      confirmedNew,
    });
    if ('similar' in binding) {
      const { parent } = binding;
      const prompt = t('units.confirmSimilarGrassroots', { typed: binding.typed, unit: binding.similar.name, parent: parent.name });
      return ctx.ask('unit', prompt, { similar: `${parent.name}/${binding.similar.name},${parent.name}/${binding.typed}` });
    }
    if ('soundsLike' in binding) return ctx.confirm('unit', t('units.confirmSoundsLike', { typed: binding.typed, unit: binding.soundsLike.name }));
    if ('rebind' in binding) return ctx.confirm('rebind', t('units.confirmRebind', { from: binding.rebind.from.name, to: binding.rebind.to.name }));
    if ('ambiguous' in binding) {
      const names = binding.units.map((unit) => unit.name);
      const more = binding.more ? `\n${t('units.pickMore', { more: binding.more, example: names[names.length - 1] })}` : '';
      return ctx.ask('unit', t('units.pickOne', { query: binding.ambiguous, names }) + more, { choices: binding.answers.join(',') });
    }
    ctx.notify(...binding.notices);
    ctx.reply(describe(binding, ctx.member.displayName, ctx.chat.isGroup));
  },
});

/** The reply to a binding: what became of the group, then of the sender's own binding. */
function describe(binding: Extract<Binding, { chat: string }>, member: string, inGroup: boolean): string {
  const { unit, created, contact } = binding;
  const kind = UNIT_KIND_LABEL[unit.kind];
  const lines: string[] = [];
  const memberBound = contact && contact.kind !== 'requested' && contact.kind !== 'pending';
  if (binding.chat === 'rebound') lines.push(t('units.chatRebound', { from: binding.previous!.name, to: unit.name }));
  if (binding.chat === 'bound' && memberBound) lines.push(t('units.bound', { created, member, unit: unit.name, kind }));
  else if (binding.chat === 'bound') lines.push(t('units.chatBound', { unit: unit.name, kind }));
  else if (binding.chat === 'unchanged' && memberBound && contact.kind !== 'already') lines.push(t('units.memberBound', { created, member, unit: unit.name, kind }));
  if (contact?.kind === 'first') lines.push(t('contacts.first', { unit: unit.name }));
  if (contact?.kind === 'already' && binding.chat === 'unchanged') lines.push(t('contacts.already', { unit: unit.name }));
  if (contact?.kind === 'requested' || contact?.kind === 'pending') {
    const contacts = contact.contacts.map((m) => m.displayName);
    lines.push(t(contact.kind === 'requested' ? 'contacts.requested' : 'contacts.pending', { unit: unit.name, contacts }));
    if (binding.previous?.id === unit.id) lines.push(t('contacts.meanwhileInGroup', { unit: unit.name }));
    else if (inGroup && !binding.previous) lines.push(t('contacts.groupAfterApproval', { unit: unit.name }));
  }
  lines.push(t('units.helpHint'));
  return lines.join('\n');
}
