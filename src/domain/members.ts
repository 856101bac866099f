import type { Tx } from '../db/client.js';
import type { Member } from '../generated/sqlite/client.js';
import { audit, type Actor } from './actor.js';
import { UserError } from './errors.js';

/**
 * Members' roles. Admins (省总工会) approve host requests and see every unit; a superadmin grants
 * and revokes that role here. Superadmins themselves are named in the configuration
 * (SUPERADMINS) and are never changed from a chat.
 */

/**
 * The member `who` names on a platform — their account (platform user id) or their display name —
 * found only once they have written to the bot. None, or several with that name, is refused.
 */
export async function memberNamed(tx: Tx, platform: string, who: string): Promise<Member> {
  const found = await tx.member.findMany({
    where: { platform, OR: [{ platformUserId: who }, { displayName: who }] },
    take: 5,
  });
  if (!found.length) throw new UserError('admin.memberNotFound', { who });
  if (found.length > 1) {
    throw new UserError('admin.memberAmbiguous', { who, members: found.map((m) => ({ name: m.displayName, userId: m.platformUserId })) });
  }
  return found[0];
}

/**
 * 设管理员: grants (or, with `revoke`, takes back) the admin role of the member `who` names on
 * `platform`. `changed` is false when they already had the role asked for; nothing is written then.
 */
export async function setAdmin(
  tx: Tx,
  actor: Actor,
  input: { platform: string; who: string; revoke: boolean },
): Promise<{ member: Member; changed: boolean }> {
  const target = await memberNamed(tx, input.platform, input.who);
  if (target.role === 'SUPERADMIN') throw new UserError('admin.superadminUntouchable', { name: target.displayName });
  const role = input.revoke ? 'CONTACT' : 'ADMIN';
  if (target.role === role) return { member: target, changed: false };
  const member = await tx.member.update({ where: { id: target.id }, data: { role } });
  await audit(tx, actor, input.revoke ? 'revoke-admin' : 'grant-admin', 'Member', target.id, { who: target.platformUserId });
  return { member, changed: true };
}
