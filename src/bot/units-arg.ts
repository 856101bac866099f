import type { Unit } from '../generated/sqlite/client.js';
import { UserError } from '../domain/errors.js';
import { resolveUnit } from '../domain/units.js';
import type { Context, Field } from './command.js';
import { text } from './command.js';
import { actingUnit, mayActFor } from './scope.js';

/** The optional 组织单位 field of registrations: defaults to the sender's unit. */
export const organiserField: Field = {
  key: 'organiser',
  label: '组织单位',
  names: ['活动组织单位', '单位'],
  prompt: '请告诉我活动组织单位',
  schema: text('组织单位', 80),
  optional: true,
};

/** The unit a registration is for: the named one (own unit or one under it; admins any), else the sender's. */
export async function organiser(ctx: Context, name: string | undefined): Promise<Unit> {
  if (!name) return actingUnit(ctx);
  const r = await resolveUnit(ctx.db, name);
  if (!('unit' in r)) {
    throw new UserError(`组织单位「${name}」没有找到或不唯一。基层单位请先发送「绑定 上级单位/基层单位全称」登记。`);
  }
  if (!(await mayActFor(ctx, r.unit.id))) {
    throw new UserError(`您只能为本单位或下属基层单位登记，「${r.unit.name}」不在其中。`);
  }
  return r.unit;
}
