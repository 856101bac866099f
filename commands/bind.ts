import { defineCommand, text } from '../src/bot/command.js';
import { UserError } from '../src/domain/errors.js';
import { findOrCreateGrassroots, KIND_LABEL, resolveUnit } from '../src/domain/units.js';
import type { Unit } from '../src/generated/sqlite/client.js';

export default defineCommand({
  names: ['绑定', 'bind'],
  section: '开始',
  summary: '把本群和您绑定到单位；「上级/基层单位」可登记新的基层单位',
  usage: '绑定 <单位>',
  examples: ['绑定 长沙', '绑定 长沙市总工会/长沙银行工会'],
  access: 'anyone',
  fields: [
    { key: 'unit', label: '单位', names: ['单位名称'], prompt: '请告诉我要绑定的单位，例如：长沙，或 长沙市总工会/长沙银行工会', schema: text('单位', 80) },
    // Set when the bot offered a numbered choice; the answer to it is then a number.
    { key: 'choices', label: '候选', prompt: '', schema: text('候选', 200), optional: true },
  ],
  positional: ['unit'],
  async run(ctx, { unit: query, choices }) {
    const typed = String(query).trim();
    const offered = choices ? String(choices).split(',') : [];
    const choice = offered.length && /^\d+$/.test(typed) ? offered[Number(typed) - 1] : undefined;
    if (offered.length && !choice && /^\d+$/.test(typed)) {
      return ctx.ask('unit', `请回复 1—${offered.length} 之间的序号，或写出单位全称。`, { choices: String(choices) });
    }
    const text = choice ?? typed;
    const [parentName, childName] = text.split('/').map((s) => s.trim());
    let unit: Unit | undefined;
    let created = false;
    const pickOrAsk = async (q: string, suffix = '') => {
      const r = await resolveUnit(ctx.db, q);
      if ('unit' in r) return r.unit;
      if ('choices' in r) {
        const list = r.choices.map((u, i) => `${i + 1}. ${u.name}`).join('\n');
        await ctx.ask('unit', `「${q}」对应多个单位，请回复序号：\n${list}`, {
          choices: r.choices.map((u) => u.name + suffix).join(','),
        });
        return undefined;
      }
      throw new UserError(`没有找到「${q}」。请写市州、产业工会的名称，例如：绑定 长沙；基层单位请写成：绑定 长沙市总工会/单位全称`);
    };
    if (childName !== undefined) {
      const parent = await pickOrAsk(parentName, `/${childName}`);
      if (!parent) return;
      ({ unit, created } = await findOrCreateGrassroots(ctx.db, parent, childName));
    } else {
      unit = await pickOrAsk(text);
      if (!unit) return;
    }
    if (ctx.chat.unitId && ctx.chat.unitId !== unit.id && !ctx.isAdmin && ctx.member.unitId !== ctx.chat.unitId) {
      throw new UserError(`本群已绑定「${ctx.chat.unit?.name}」，只有该单位的联系人或管理员可以改绑。`);
    }
    await ctx.db.chat.update({ where: { id: ctx.chat.id }, data: { unitId: unit.id } });
    await ctx.db.member.update({ where: { id: ctx.member.id }, data: { unitId: unit.id } });
    await ctx.audit('bind', 'Unit', unit.id, { chat: ctx.chat.platformChatId, created });
    const note = created ? `已新建基层单位「${unit.name}」。\n` : '';
    ctx.reply(`${note}绑定成功：本群和您（${ctx.member.displayName}）都已绑定到「${unit.name}」（${KIND_LABEL[unit.kind]}）。\n发送「帮助」查看可用命令。`);
  },
});
