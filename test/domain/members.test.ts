import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { memberNamed, setAdmin } from '../../src/domain/members.js';
import type { Role } from '../../src/generated/sqlite/client.js';
import { KINDS } from '../helpers/db.js';
import { inTx, usePrisma, type Prisma } from '../helpers/domain.js';

const member = (prisma: Prisma, platform: string, userId: string, name: string, role: Role = 'CONTACT') =>
  prisma.member.create({ data: { platform, platformUserId: userId, displayName: name, role } });

describe.each(KINDS)('members on %s', (kind) => {
  // Members need no units.
  const domain = usePrisma(kind, { units: false });
  let boss: Actor;

  beforeAll(async () => {
    const row = await member(domain(), 'wecom', 'boss', '省总王处', 'SUPERADMIN');
    boss = { memberId: row.id, name: row.displayName, ref: 'wecom:boss', platform: 'wecom', messageId: 'm1', isAdmin: true, unit: null };
  });

  it('grants and revokes the admin role by account or name, once each, with an audit row', async () => {
    const prisma = domain();
    const fang = await member(prisma, 'wecom', 'wangfang', '王芳');
    const granted = await inTx(prisma, (tx) => setAdmin(tx, boss, { platform: 'wecom', who: '王芳', revoke: false }));
    expect(granted).toMatchObject({ changed: true, member: { id: fang.id, role: 'ADMIN' } });
    expect(await inTx(prisma, (tx) => setAdmin(tx, boss, { platform: 'wecom', who: 'wangfang', revoke: false }))).toMatchObject({ changed: false });
    const revoked = await inTx(prisma, (tx) => setAdmin(tx, boss, { platform: 'wecom', who: 'wangfang', revoke: true }));
    expect(revoked).toMatchObject({ changed: true, member: { role: 'CONTACT' } });
    expect(await inTx(prisma, (tx) => setAdmin(tx, boss, { platform: 'wecom', who: '王芳', revoke: true }))).toMatchObject({ changed: false });
    const rows = await prisma.auditLog.findMany({ where: { entity: 'Member', entityId: String(fang.id) }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.action, row.actor, row.detail])).toEqual([
      ['grant-admin', 'wecom:boss', JSON.stringify({ who: 'wangfang' })],
      ['revoke-admin', 'wecom:boss', JSON.stringify({ who: 'wangfang' })],
    ]);
  });

  it('finds members only on the platform asked, and refuses none, several, or a superadmin', async () => {
    const prisma = domain();
    await member(prisma, 'dingtalk', 'li', '李雷');
    await expect(inTx(prisma, (tx) => memberNamed(tx, 'wecom', '李雷'))).rejects.toMatchObject({
      key: 'admin.memberNotFound',
      message: '没找到「李雷」。请让对方先在群里给我发一条消息（例如「帮助」），再设置。',
    });
    await member(prisma, 'wecom', 'zhang1', '张伟');
    await member(prisma, 'wecom', 'zhang2', '张伟');
    await expect(inTx(prisma, (tx) => setAdmin(tx, boss, { platform: 'wecom', who: '张伟', revoke: false }))).rejects.toMatchObject({
      message: '有多位成员叫「张伟」，请改用账号：\n· 张伟（zhang1）\n· 张伟（zhang2）',
    });
    expect(await inTx(prisma, (tx) => memberNamed(tx, 'wecom', 'zhang2'))).toMatchObject({ platformUserId: 'zhang2' });
    await expect(inTx(prisma, (tx) => setAdmin(tx, boss, { platform: 'wecom', who: 'boss', revoke: true }))).rejects.toMatchObject({
      message: '省总王处 是超级管理员（由配置指定），不在这里修改。',
    });
    expect((await prisma.member.findFirstOrThrow({ where: { platformUserId: 'boss' } })).role).toBe('SUPERADMIN');
  });
});
