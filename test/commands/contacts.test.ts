import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot, type Bot } from '../helpers/bot.js';

/** A message in the sender's private chat with the bot. */
const inPrivate = (b: Bot, user: string, text: string) =>
  b.handle({ senderId: user, senderName: user, chatId: `私聊:${user}`, chatType: 'single', text, messageId: randomUUID() });

const unitOf = async (b: Bot, name: string) => {
  const member = await b.app.database.prisma.member.findFirstOrThrow({ where: { displayName: name }, include: { unit: true } });
  return member.unit?.name ?? null;
};

describe.each(KINDS)('who may act for a unit, on %s', (kind) => {
  const bot = useBot(kind);

  it('a stranger who binds a unit with a contact in private only asks; he cannot change its records', async () => {
    const b = bot();
    expect(await b.say('李强', '株洲群', '绑定 株洲')).toContain('您是「株洲市总工会」的第一位联系人');
    expect(await b.say('李强', '株洲群', '登记社群 名称=株洲书友会 成立=2020-05-20 人数=10 特色=共读')).toContain('已登记社群');
    const group = await b.app.database.prisma.readingGroup.findFirstOrThrow({ where: { name: '株洲书友会' } });

    const asked = await inPrivate(b, '路人甲', '绑定 株洲');
    expect(asked).toContain('「株洲市总工会」已有联系人 李强');
    expect(asked).not.toContain('绑定成功');
    expect(await unitOf(b, '路人甲')).toBeNull();
    const refused = await inPrivate(b, '路人甲', `更新社群 ${group.id} 人数 1`);
    expect(refused).toContain('请先绑定单位');
    expect((await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: group.id } })).memberCount).toBe(10);

    // The contact sees the request in 我的 and answers with one word; the asker hears it.
    expect(await b.say('李强', '株洲群', '我的')).toContain('等您同意的联系人申请：路人甲');
    expect(await b.say('李强', '株洲群', '同意')).toBe('已同意：路人甲 现在是「株洲市总工会」的联系人。');
    expect(await unitOf(b, '路人甲')).toBe('株洲市总工会');
    expect(await b.say('李强', '株洲群', '同意')).toBe('现在没有等您处理的联系人申请。发送「我的」看看您的待办。');
    // A yes with nothing to confirm is answered as such, not as an unknown command.
    expect(await b.say('李强', '株洲群', '是')).toContain('现在没有等您确认的事');
  });

  it('in a bound group a member acts for the group’s unit, never for the unit he is bound to elsewhere', async () => {
    const b = bot();
    await b.say('王芳', '长沙工作群', '绑定 长沙');
    await b.say('常德联系人', '常德群', '绑定 常德');
    // 王芳 asks for 常德 in private; 常德's contact agrees.
    expect(await inPrivate(b, '王芳', '绑定 常德')).toContain('已有联系人 常德联系人');
    expect(await b.say('常德联系人', '常德群', '同意 王芳')).toContain('王芳 现在是「常德市总工会」的联系人');
    expect(await unitOf(b, '王芳')).toBe('常德市总工会');
    // Back in the 长沙 group her report is 长沙's.
    const reply = await b.say('王芳', '长沙工作群', '上报 荐读 77');
    expect(reply).toContain('长沙市总工会');
    const reports = await b.app.database.prisma.countReport.findMany({ include: { unit: true } });
    expect(reports.map((r) => r.unit.name)).toEqual(['长沙市总工会']);
  });

  it('a member cannot move a bound group; its contact can, to a unit he also speaks for, after confirming old → new', async () => {
    const b = bot();
    await b.say('周一', '岳阳群', '绑定 岳阳');
    const refused = await b.say('群成员', '岳阳群', '绑定 株洲');
    expect(refused).toContain('本群已绑定「岳阳市总工会」，只有该单位的联系人或管理员可以改绑');
    expect(refused).toContain('绑定 单位名');
    // 周一 is 岳阳's contact; 岳阳's 基层单位 is his too: moving the group there is his to do.
    await b.say('周一', '私聊:周一', '帮助');
    const asked = await b.say('省总王处', '岳阳群', '绑定 益阳');
    expect(asked).toContain('本群现在绑定的是「岳阳市总工会」，要改绑到「益阳市总工会」吗？');
    expect(await b.say('省总王处', '岳阳群', '不了')).toContain('没有执行');
    const chat = () => b.app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: '岳阳群' }, include: { unit: true } });
    expect((await chat()).unit?.name).toBe('岳阳市总工会');
    await b.say('省总王处', '岳阳群', '绑定 益阳');
    expect(await b.say('省总王处', '岳阳群', '是')).toContain('本群已从「岳阳市总工会」改绑到「益阳市总工会」');
    expect((await chat()).unit?.name).toBe('益阳市总工会');
    // Moving the group does not change its contact's own binding.
    expect(await unitOf(b, '周一')).toBe('岳阳市总工会');
  });

  it('a stranger cannot bind a new group to a unit that has a contact, nor a contact move his group into another unit', async () => {
    const b = bot();
    await b.say('陈静', '永州群', '绑定 永州');
    await b.say('陈静', '永州群', '上报 荐读 30');
    const asked = await b.say('陌生人', '新建群', '绑定 永州');
    expect(asked).toContain('「永州市总工会」已有联系人 陈静');
    expect(asked).toContain('同意后，本群也会绑定到「永州市总工会」');
    expect(await b.say('陌生人', '新建群', '上报 荐读 1')).toContain('请先绑定单位');
    const report = () => b.app.database.prisma.countReport.findFirstOrThrow({ include: { unit: true }, where: { unit: { name: '永州市总工会' } } });
    expect((await report()).count).toBe(30);
    // Agreed: the member and the group he asked from join the unit.
    await b.say('陈静', '永州群', '同意');
    const group = await b.app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: '新建群' }, include: { unit: true } });
    expect(group.unit?.name).toBe('永州市总工会');

    // 陈静 may not move her group into 张家界, whose records are not hers, nor anyone into the province.
    expect(await b.say('陈静', '永州群', '绑定 张家界')).toContain('只有「张家界市总工会」的联系人或管理员可以把群绑到该单位');
    expect(await b.say('陈静', '永州群', '绑定 湖南省总工会')).toContain('省总工会只能由管理员绑定');
    expect((await b.app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: '永州群' }, include: { unit: true } })).unit?.name).toBe('永州市总工会');
  });

  it('我的 tells a group member truthfully whom he acts for', async () => {
    const b = bot();
    await b.say('郴州联系人', '郴州群', '绑定 郴州');
    expect(await inPrivate(b, '郴州群友', '我的')).not.toContain('本群绑定');
    const me = await b.say('郴州群友', '郴州群', '我的');
    expect(me).toContain('郴州群友（成员）');
    expect(me).toContain('我的单位：未绑定');
    expect(me).toContain('在本群代表：郴州市总工会（作为本群成员）');
  });

  it('admins name and revoke contacts, and see what waits for them', async () => {
    const b = bot();
    await b.say('怀化甲', '怀化群', '绑定 怀化');
    await b.say('怀化乙', '怀化群', '帮助');
    expect(await b.say('怀化乙', '怀化群', '设联系人 怀化 怀化乙')).toContain('只有省总工会管理员可以使用');
    // A name with the right sound and the wrong character is not taken: the right command is shown.
    expect(await b.say('省总王处', '省总群', '设联系人 怀华 怀化乙')).toBe('没有找到「怀华」。您是说「怀化市总工会」吗？是的话请发：设联系人 怀化 怀化乙');
    expect(await b.say('省总王处', '省总群', '设联系人 怀华 怀化乙 撤销')).toContain('是的话请发：设联系人 怀化 怀化乙 撤销');
    expect(await b.say('省总王处', '省总群', '设联系人 火星 怀化乙')).toBe('没有找到「火星」。请写市州、产业工会的名称，例如：设联系人 株洲 李强');
    expect(await unitOf(b, '怀化乙')).toBeNull();
    expect(await b.say('省总王处', '省总群', '设联系人 怀化 怀化乙')).toBe('已把 怀化乙 设为「怀化市总工会」的联系人。');
    expect(await unitOf(b, '怀化乙')).toBe('怀化市总工会');
    expect(await b.say('省总王处', '省总群', '设联系人 怀化 怀化乙 撤销')).toBe('已取消 怀化乙「怀化市总工会」联系人的身份。');
    expect(await unitOf(b, '怀化乙')).toBeNull();
    // Without a contact request waiting, an admin's bare 驳回 asks for the number, then the reason.
    expect(await b.say('省总王处', '省总群', '驳回')).toContain('要驳回哪个申报？');
    expect(await b.say('省总王处', '省总群', '取消')).toContain('已取消');
    expect(await b.say('省总王处', '省总群', '驳回 99')).toContain('没有编号为 99 的承办申报');
    const me = await b.say('省总王处', '省总群', '我的');
    expect(me).toContain('近 7 天自行绑定的第一位联系人');
    expect(me).toContain('怀化甲 → 怀化市总工会');
    // A host request waits for the admins: 我的 says so, with the command to look.
    await b.say('怀化甲', '怀化群', '申报承办 月份=2020-07 主题=书香怀化 日期=7月18日 地点=怀化图书馆 人数=80');
    expect(await b.say('省总王处', '省总群', '我的')).toContain('承办申报待审批 1 个：发送「审批列表」');
  });

  it('解绑: a group only by its contact after a confirmation; oneself in private', async () => {
    const b = bot();
    await b.say('娄底甲', '娄底群', '绑定 娄底');
    expect(await b.say('娄底群友', '娄底群', '解绑')).toContain('只有「娄底市总工会」的联系人或管理员可以解除本群的绑定');
    expect(await b.say('娄底甲', '娄底群', '解绑')).toContain('要解除本群与「娄底市总工会」的绑定吗');
    expect(await b.say('娄底甲', '娄底群', '是')).toContain('已解除本群与「娄底市总工会」的绑定');
    const chat = await b.app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: '娄底群' } });
    expect(chat.unitId).toBeNull();
    expect(await inPrivate(b, '娄底甲', '解绑')).toContain('要取消您「娄底市总工会」联系人的身份吗');
    expect(await inPrivate(b, '娄底甲', '确认')).toContain('您已不再是「娄底市总工会」的联系人');
    expect(await unitOf(b, '娄底甲')).toBeNull();
    expect(await b.app.database.prisma.auditLog.count({ where: { action: { in: ['unbind', 'contact-leave'] } } })).toBe(2);
  });
});
