import type { Tx } from '../db/client.js';
import type { Unit } from '../generated/sqlite/client.js';
import { actingUnit, mayActFor, type Actor } from './actor.js';
import { UserError } from './errors.js';
import { resolveUnit } from './units.js';

/**
 * The unit a registration (a community, an activity) is for — its 组织单位. A contact registers
 * for their own unit, or names one under it (a 基层单位 runs many of the events its 市州 reports);
 * an admin may name any unit. Unnamed, it is the actor's own unit.
 */
export async function organiserUnit(tx: Tx, actor: Actor, typedName: string | undefined): Promise<Unit> {
  if (!typedName) return actingUnit(actor);
  const resolution = await resolveUnit(tx, typedName);
  // A unit matched only by sound is a guess: a registration is never recorded for a guess.
  if (!('unit' in resolution) || resolution.bySound) throw new UserError('activities.organiserUnknown', { name: typedName });
  if (!(await mayActFor(tx, actor, resolution.unit.id))) throw new UserError('activities.organiserNotYours', { unit: resolution.unit.name });
  return resolution.unit;
}
