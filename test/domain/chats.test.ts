import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { assertMaySetPush, bindChat, savePushAddress } from '../../src/domain/chats.js';
import type { Chat, Role } from '../../src/generated/sqlite/client.js';
import { KINDS } from '../helpers/db.js';
import { actorFor, inTx, usePrisma, type Prisma } from '../helpers/domain.js';

/** A member bound to `unitName` (none when null) with `role`, speaking in `chat`, as the domain sees them. */
async function actorIn(prisma: Prisma, name: string, unitName: string | null, chat?: Chat, role: Role = 'CONTACT'): Promise<Actor> {
  const actor = await actorFor(prisma, name, unitName, role);
  const chatUnit = chat?.unitId ? await prisma.unit.findUnique({ where: { id: chat.unitId } }) : null;
  return { ...actor, messageId: `m-${name}-${Math.random()}`, unit: actor.unit ?? chatUnit };
}

const NOW = new Date('2020-06-10T02:00:00Z');
const newChat = (prisma: Prisma, id: string) => prisma.chat.create({ data: { platform: 'console', platformChatId: id, title: id } });
const reload = (prisma: Prisma, chat: Chat) => prisma.chat.findUniqueOrThrow({ where: { id: chat.id }, include: { unit: true } });

describe.each(KINDS)('chats on %s', (kind) => {
  const domain = usePrisma(kind);

  it('binds the chat and the member, and writes the audit row', async () => {
    const prisma = domain();
    const chat = await newChat(prisma, '长沙群');
    const actor = await actorIn(prisma, '张三', null, chat);
    const binding = await inTx(prisma, (tx) => bindChat(tx, actor, { chatId: chat.id, typed: '长沙', now: NOW }));
    if (!('unit' in binding)) throw new Error('expected a binding');
    expect(binding).toMatchObject({ unit: { name: '长沙市总工会' }, created: false });
    expect((await reload(prisma, chat)).unit?.name).toBe('长沙市总工会');
    expect((await prisma.member.findUniqueOrThrow({ where: { id: actor.memberId }, include: { unit: true } })).unit?.name).toBe('长沙市总工会');
    expect(binding).toMatchObject({ chat: 'bound', contact: { kind: 'first' } });
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: 'bind', memberId: actor.memberId } });
    expect(row).toMatchObject({ actor: 'console:张三', entity: 'Chat', entityId: String(chat.id) });
    expect(JSON.parse(row.detail)).toEqual({ chat: '长沙群', unit: '长沙市总工会', before: null, created: false });
    const member = await prisma.member.findUniqueOrThrow({ where: { id: actor.memberId } });
    expect(member.unitHow).toBe('first');
    expect(await prisma.auditLog.count({ where: { action: 'contact-first', memberId: actor.memberId } })).toBe(1);
  });

  it('records that a 基层单位 was created by the binding', async () => {
    const prisma = domain();
    const chat = await newChat(prisma, '银行群');
    const actor = await actorIn(prisma, '赵六', null, chat);
    const binding = await inTx(prisma, (tx) => bindChat(tx, actor, { chatId: chat.id, typed: '长沙市总工会/长沙某银行工会', now: NOW }));
    expect(binding).toMatchObject({ unit: { name: '长沙某银行工会', kind: 'GRASSROOTS' }, created: true });
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: 'bind', memberId: actor.memberId } });
    expect(JSON.parse(row.detail)).toEqual({ chat: '银行群', unit: '长沙某银行工会', before: null, created: true });
  });

  it('an ambiguous name changes nothing and offers the choices', async () => {
    const prisma = domain();
    const chat = await newChat(prisma, '湘群');
    const actor = await actorIn(prisma, '钱八', null, chat);
    const binding = await inTx(prisma, (tx) => bindChat(tx, actor, { chatId: chat.id, typed: '湘', now: NOW }));
    expect('ambiguous' in binding && binding.units.length).toBeGreaterThan(1);
    expect((await reload(prisma, chat)).unitId).toBeNull();
    expect(await prisma.auditLog.count({ where: { memberId: actor.memberId } })).toBe(0);
  });

  it('a bound chat is rebound only by a member of its unit or an admin', async () => {
    const prisma = domain();
    const chat = await newChat(prisma, '共享群');
    const first = await actorIn(prisma, '甲', null, chat);
    await inTx(prisma, (tx) => bindChat(tx, first, { chatId: chat.id, typed: '株洲', now: NOW }));
    const bound = await reload(prisma, chat);

    // A newcomer speaking in the group acts for its unit, but may not take the group over.
    const newcomer = await actorIn(prisma, '乙', null, bound);
    await expect(inTx(prisma, (tx) => bindChat(tx, newcomer, { chatId: chat.id, typed: '湘潭', now: NOW }))).rejects.toMatchObject({
      key: 'units.rebindRefused',
      message: expect.stringContaining('本群已绑定「株洲市总工会」，只有该单位的联系人或管理员可以改绑。'),
    });
    const outsider = await actorIn(prisma, '丙', '衡阳市总工会', bound);
    await expect(inTx(prisma, (tx) => bindChat(tx, outsider, { chatId: chat.id, typed: '湘潭', now: NOW }))).rejects.toMatchObject({ key: 'units.rebindRefused' });
    expect((await reload(prisma, chat)).unit?.name).toBe('株洲市总工会');
    // Binding to the same unit again is no change of hands: the newcomer asks 株洲's contact 甲.
    const asked = await inTx(prisma, (tx) => bindChat(tx, newcomer, { chatId: chat.id, typed: '株洲', now: NOW }));
    expect(asked).toMatchObject({ chat: 'unchanged', contact: { kind: 'requested', contacts: [{ displayName: '甲' }] } });
    expect((await prisma.member.findUniqueOrThrow({ where: { id: newcomer.memberId } })).unitId).toBeNull();

    // An admin rebinds, but only once the old → new question is answered.
    const admin = await actorIn(prisma, '省总', null, bound, 'ADMIN');
    const question = await inTx(prisma, (tx) => bindChat(tx, admin, { chatId: chat.id, typed: '湘潭', now: NOW }));
    expect(question).toMatchObject({ rebind: { from: { name: '株洲市总工会' }, to: { name: '湘潭市总工会' } } });
    expect((await reload(prisma, chat)).unit?.name).toBe('株洲市总工会');
    await inTx(prisma, (tx) => bindChat(tx, admin, { chatId: chat.id, typed: '湘潭', now: NOW, confirmedRebind: true }));
    expect((await reload(prisma, chat)).unit?.name).toBe('湘潭市总工会');
    const member = await actorIn(prisma, '丁', '湘潭市总工会', await reload(prisma, chat));
    // 湘潭's contact may not move the group into 株洲, whose records are not his.
    await expect(inTx(prisma, (tx) => bindChat(tx, member, { chatId: chat.id, typed: '株洲', now: NOW, confirmedRebind: true }))).rejects.toMatchObject({
      key: 'units.rebindTargetRefused',
    });
    expect((await reload(prisma, chat)).unit?.name).toBe('湘潭市总工会');
  });

  it('a push address is set by the group’s unit (or its parent’s) contacts and admins, and audited shortened', async () => {
    const prisma = domain();
    const unbound = await newChat(prisma, '未绑定群');
    const stranger = await actorIn(prisma, '路人', null, unbound);
    await expect(inTx(prisma, (tx) => assertMaySetPush(tx, stranger, unbound.id))).rejects.toMatchObject({
      message: '请先在本群发送「绑定 单位名」，再设置推送地址。',
    });

    const chat = await newChat(prisma, '推送群');
    const contact = await actorIn(prisma, '联系人', null, chat);
    await inTx(prisma, (tx) => bindChat(tx, contact, { chatId: chat.id, typed: '长沙市总工会/长沙推送测试工会', now: NOW }));
    const bound = await reload(prisma, chat);
    const other = await actorIn(prisma, '外单位', '岳阳市总工会', bound);
    const input = { chatId: chat.id, key: 'secret-key-123456', shown: 'secr…3456', at: new Date('2020-06-10T02:00:00Z') };
    await expect(inTx(prisma, (tx) => savePushAddress(tx, other, input))).rejects.toMatchObject({
      message: '本群属于「长沙推送测试工会」，只有该单位的联系人或管理员可以设置推送地址。',
    });
    expect((await reload(prisma, chat)).pushKey).toBe('');

    const parentContact = await actorIn(prisma, '市总联系人', '长沙市总工会', bound);
    await inTx(prisma, (tx) => assertMaySetPush(tx, parentContact, chat.id));
    const selfBound = await prisma.member.findUniqueOrThrow({ where: { id: contact.memberId }, include: { unit: true } });
    const saved = await inTx(prisma, (tx) => savePushAddress(tx, { ...contact, unit: selfBound.unit }, { ...input, secret: 'SEC' }));
    expect(saved).toMatchObject({ pushKey: 'secret-key-123456', pushSecret: 'SEC', pushSetAt: input.at });
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: 'set-push', entityId: String(chat.id) } });
    expect(row.detail).toBe(JSON.stringify({ address: 'secr…3456' }));
    expect(row.detail).not.toContain('secret-key');

    const admin = await actorIn(prisma, '管理员', null, unbound, 'ADMIN');
    await inTx(prisma, (tx) => savePushAddress(tx, admin, { ...input, chatId: unbound.id }));
    expect((await reload(prisma, unbound)).pushSecret).toBe('');
  });
});
