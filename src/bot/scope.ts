import type { Unit } from '../generated/sqlite/client.js';
import { UserError } from '../domain/errors.js';
import { unitScope } from '../domain/units.js';
import type { Context } from './command.js';

/** The unit the sender acts for: their own binding, else the chat's. */
export function actingUnit(ctx: Context): Unit {
  const unit = ctx.member.unit ?? ctx.chat.unit;
  if (!unit) throw new UserError('请先绑定单位，例如：绑定 长沙。');
  return unit;
}

/** Whether the sender may act for a unit: admins for any, contacts for their own and those under it. */
export async function mayActFor(ctx: Context, unitId: number): Promise<boolean> {
  if (ctx.isAdmin) return true;
  const unit = ctx.member.unit ?? ctx.chat.unit;
  return Boolean(unit && (await unitScope(ctx.db, unit.id)).includes(unitId));
}

/** Contacts change only their own unit's records (and those of the units under it); admins any. */
export async function assertMayChange(ctx: Context, unitId: number, what: string): Promise<void> {
  if (!(await mayActFor(ctx, unitId))) throw new UserError(`这条${what}不属于您的单位，只能由本单位联系人或管理员修改。`);
}

/** `12`, `#12`, `编号12`, `十二` → 12; a clear message otherwise. */
export function parseId(raw: string | undefined, what: string, usage: string): number {
  const m = /^(?:#|编号|no\.?)?\s*(\d{1,9})$/i.exec((raw ?? '').trim());
  if (!m) throw new UserError(`请写上${what}编号，例如：${usage}`);
  return Number(m[1]);
}

/**
 * The records a list command shows: the sender's unit and the units under it; an admin with no
 * unit of their own sees the whole province.
 */
export async function listScope(ctx: Context): Promise<{ campaignId: number; unitId?: { in: number[] } }> {
  const unit = ctx.member.unit ?? ctx.chat.unit;
  if (!unit && ctx.isAdmin) return { campaignId: ctx.campaign.id };
  return { campaignId: ctx.campaign.id, unitId: { in: await unitScope(ctx.db, actingUnit(ctx).id) } };
}
