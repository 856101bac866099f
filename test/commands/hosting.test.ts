import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';

const ADMIN = '省总王处'; // superadmin by configuration (SUPERADMINS=console:省总王处)

describe.each(KINDS)('承办申报 and approvals on %s', (kind) => {
  const bot = useBot(kind);
  const request = (user: string, chat: string, city: string, theme: string) =>
    bot()
      .say(user, chat, `绑定 ${city}`)
      .then(() => bot().say(user, chat, `申报承办 月份=2020-07 主题=${theme} 日期=7月18日下午2点 地点=${city}市图书馆 人数=200`));

  it('申报承办 creates a pending request; 我的申报 lists it; one open request per unit and month', async () => {
    const b = bot();
    const r = await request('张三', '长沙群', '长沙', '劳模讲书');
    expect(r).toMatch(/承办申报 #\d+：已提交，等待省总工会审批（2020-07 还剩 3\/3 个名额）/);
    const again = await b.say('张三', '长沙群', '申报承办 2020-07 书香 7月20日 图书馆 100');
    expect(again).toContain('2020-07 已有申报');
    // The time typed (下午2点) is shown with the date.
    expect(r).toContain('日期：2020年7月18日 14:00');
    expect(await b.say('张三', '长沙群', '我的申报')).toContain('2020-07「劳模讲书」2020年7月18日 14:00 长沙市图书馆 — 待审批');
    const bad = await b.say('张三', '长沙群', '申报承办 月份=2020-08 主题=x 日期=9月1日 地点=y 人数=10');
    // A date outside the month is asked for again, with the reason, rather than refused.
    expect(bad).toContain('日期 2020年9月1日 不在2020年8月内');
    await b.say('张三', '长沙群', '取消');
    expect(await b.say('张三', '长沙群', '申报承办 月份=2020-05 主题=x 日期=5月1日 地点=y 人数=10')).toContain('已经过去了');
  });

  it('only admins see 审批列表 and decide; contacts are refused politely', async () => {
    const b = bot();
    const list = await b.say('张三', '长沙群', '审批列表');
    expect(list).toBe('「审批列表」只有省总工会管理员可以使用。发送「帮助」看看您能用的命令，例如：排行');
    const req = await b.app.database.prisma.hostRequest.findFirstOrThrow({ where: { theme: '劳模讲书' } });
    expect(await b.say('张三', '长沙群', `批准 ${req.id}`)).toContain('只有省总工会管理员');
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe('PENDING');
    const adminList = await b.say(ADMIN, '省总群', '审批列表');
    expect(adminList).toContain('【2020-07】剩余名额 3/3');
    expect(adminList).toContain(`#${req.id} 长沙市总工会「劳模讲书」`);
  });

  it('capacity: the third approval fills the month and waitlists the rest; withdrawal promotes the oldest', async () => {
    const b = bot();
    await request('李四', '株洲群', '株洲', '书香株洲');
    await request('王五', '湘潭群', '湘潭', '书香湘潭');
    await request('孙六', '衡阳群', '衡阳', '书香衡阳');
    const ids = (await b.app.database.prisma.hostRequest.findMany({ orderBy: { id: 'asc' } })).map((r) => r.id);
    expect(ids.length).toBe(4);
    expect(await b.say(ADMIN, '省总群', `批准 ${ids[0]}`)).toContain('剩余名额 2/3');
    await b.say(ADMIN, '省总群', `批准 ${ids[1]}`);
    const third = await b.say(ADMIN, '省总群', `批准 ${ids[2]}`);
    expect(third).toContain(`名额已满，#${ids[3]} 转为候补`);
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id: ids[3] } })).status).toBe('WAITLISTED');
    expect(await b.say(ADMIN, '省总群', `批准 ${ids[3]}`)).toContain('名额（3 个）已满');
    expect(await b.say(ADMIN, '省总群', `批准 ${ids[0]}`)).toMatch(/已由省总王处于 2020年6月\d+日 \d\d:\d\d 批准，无需再处理/);
    // 株洲 withdraws its approved request: 衡阳's waitlisted one goes back to pending.
    expect(await b.say('李四', '株洲群', `撤回申报 ${ids[1]}`)).toContain('已获批准。撤回后名额会让给其他单位，不能恢复。确定要撤回吗？');
    const w = await b.say('李四', '株洲群', '是');
    expect(w).toContain(`候补申报 #${ids[3]} 已转为待审批`);
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id: ids[3] } })).status).toBe('PENDING');
    expect(await b.say('李四', '株洲群', `撤回申报 ${ids[0]}`)).toContain('只有申报人、该单位联系人或省总工会管理员可以撤回');
  });

  it('approvals at the same moment never overfill a month, and one request gets one decision', async () => {
    const b = bot();
    const cities = ['邵阳', '岳阳', '常德', '益阳', '郴州'];
    for (const c of cities) {
      await b.say(`${c}联系人`, `${c}群`, `绑定 ${c}`);
      await b.say(`${c}联系人`, `${c}群`, `申报承办 月份=2020-09 主题=${c}读书会 日期=9月12日 地点=${c}图书馆 人数=100`);
    }
    await b.say(ADMIN, '省总群', '设管理员 王芳');
    await b.say('王芳', '省总群', '帮助');
    const reqs = await b.app.database.prisma.hostRequest.findMany({ where: { month: '2020-09' }, orderBy: { id: 'asc' } });
    expect(reqs.length).toBe(5);
    // Two admins click every request at once.
    const replies = await Promise.all(
      reqs.flatMap((r) => [b.say(ADMIN, '省总群', `批准 ${r.id}`), b.say('王芳', '省总群', `批准 ${r.id}`)]),
    );
    expect(replies.filter((r) => r.startsWith('已批准')).length).toBe(3);
    const after = await b.app.database.prisma.hostRequest.findMany({ where: { month: '2020-09' } });
    expect(after.filter((r) => r.status === 'APPROVED').length).toBe(3);
    expect(after.filter((r) => r.status === 'WAITLISTED').length).toBe(2);
    const month = await b.app.database.prisma.hostMonth.findFirstOrThrow({ where: { month: '2020-09' } });
    expect(month.approved).toBe(3);
    expect(await b.app.database.prisma.auditLog.count({ where: { action: 'approve', entityId: { in: reqs.map((r) => String(r.id)) } } })).toBe(3);
  });

  it('驳回 needs a reason (asked when missing) and records it', async () => {
    const b = bot();
    const pending = await b.app.database.prisma.hostRequest.findFirstOrThrow({ where: { status: 'PENDING' } });
    expect(await b.say(ADMIN, '省总群', `驳回 ${pending.id}`)).toContain('请告诉我驳回的理由');
    // A rejection is shown before it goes out: anything but 「是」 is a new reason, shown again.
    expect(await b.say(ADMIN, '省总群', '嗯这个再想想')).toMatch(new RegExp(`将驳回 #${pending.id} \\S+ 2020-07「\\S+」，理由：嗯这个再想想`));
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('PENDING');
    expect(await b.say(ADMIN, '省总群', '场地容量不足，建议改到下月')).toContain('理由：场地容量不足，建议改到下月\n驳回后会通知申报单位');
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('PENDING');
    expect(await b.say(ADMIN, '省总群', '是')).toMatch(new RegExp(`已驳回 #${pending.id}：\\S+ 2020-07「\\S+」。理由：场地容量不足，建议改到下月`));
    const r = await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id: pending.id } });
    expect(r.status).toBe('REJECTED');
    expect(r.reason).toBe('场地容量不足，建议改到下月');
    expect(await b.app.database.prisma.auditLog.count({ where: { action: 'reject', entityId: String(r.id) } })).toBe(1);
  });

  it('设管理员 is for the superadmin only, and makes 审批列表 available', async () => {
    const b = bot();
    await b.say('王芳', '省总群', '帮助');
    expect(await b.say('张三', '长沙群', '设管理员 王芳')).toBe('「设管理员」只有超级管理员可以使用。发送「帮助」看看您能用的命令，例如：排行');
    expect(await b.say(ADMIN, '省总群', '设管理员 王芳')).toContain('已把 王芳设为管理员');
    expect(await b.say('王芳', '省总群', '审批列表')).not.toContain('只有省总工会管理员');
    expect(await b.say(ADMIN, '省总群', '设管理员 不存在的人')).toContain('没找到「不存在的人」');
    expect(await b.say(ADMIN, '省总群', '设管理员 王芳 撤销')).toContain('已取消 王芳 的管理员权限');
    expect(await b.say('王芳', '省总群', '审批列表')).toContain('只有省总工会管理员');
  });

  it('撤回申报: someone in the group who is not its contact may not; the requester is asked first', async () => {
    const b = bot();
    await request('钱七', '娄底群', '娄底', '书香娄底');
    const { id } = await b.app.database.prisma.hostRequest.findFirstOrThrow({ where: { theme: '书香娄底' } });
    await b.say('路人丙', '娄底群', '排行');
    expect(await b.say('路人丙', '娄底群', `撤回申报 ${id}`)).toBe(`申报 #${id} 是「娄底市总工会」的，只有申报人、该单位联系人或省总工会管理员可以撤回。`);
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
    expect(await b.say('钱七', '娄底群', `撤回申报 ${id}`)).toContain(`要撤回 #${id} 娄底市总工会 2020-07「书香娄底」吗？\n回复「是」确认`);
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
    expect(await b.say('钱七', '娄底群', '是')).toContain(`已撤回承办申报 #${id}`);
    expect((await b.app.database.prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('WITHDRAWN');
    expect(await b.app.database.prisma.auditLog.count({ where: { action: 'withdraw', entityId: String(id) } })).toBe(1);
  });

  it('a refusal names the word the sender typed (同意, not 批准)', async () => {
    const b = bot();
    expect(await b.say('路人丁', '路人群', '同意')).toContain('「同意」只有');
    await b.say('周八', '永州群', '绑定 永州');
    expect(await b.say('周八', '永州群', '同意 1')).toContain('「同意」只有省总工会管理员可以使用');
    expect(await b.say('周八', '永州群', '不通过 1 太晚了')).toContain('「不通过」只有省总工会管理员可以使用');
  });
});
