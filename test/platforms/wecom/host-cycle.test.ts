import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../../src/jobs/index.js';
import { KINDS } from '../../helpers/db.js';
import { flushOutbox } from '../../helpers/server.js';
import { useWeComServer, type WeComServer } from '../../helpers/wecom.js';

/** A unit's group with a push robot, and a way to speak in it. */
async function unitGroup(s: WeComServer, unit: string) {
  const chatid = `wrk-${randomUUID()}`;
  const key = randomUUID();
  const user = `c-${randomUUID().slice(0, 6)}`;
  const say = async (text: string) => (await s.bot.postBot(s.base, s.bot.botText(text, { chatid, userid: user }))).reply.stream.content as string;
  await say(`绑定 ${unit}`);
  await say(`设置推送 ${key}`);
  const pushes = () => s.fake.calls('/cgi-bin/webhook/send').filter((c) => c.query.key === key).map((c) => c.body.markdown.content as string);
  return { say, pushes };
}

describe.each(KINDS)('the 承办 cycle through WeCom on %s', (kind) => {
  const s = useWeComServer(kind, { SUPERADMINS: 'wecom:boss' });

  it('request → cards to every admin → first click decides → every card updated → group told; a later click is told who decided', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const { worker } = createBackground(srv.app);
    const flush = () => flushOutbox(worker, srv.clock);
    const admin = async (userid: string, text: string) => (await srv.appCb.postApp(srv.base, srv.appCb.appText(userid, text))).reply ?? '';
    expect(await admin('boss', '设管理员 wang2')).toContain('没找到「wang2」');
    // wang2 becomes known by writing to the bot once, then is made an admin.
    await admin('wang2', '我的');
    expect(await admin('boss', '设管理员 wang2')).toContain('管理员');

    const cs = await unitGroup(srv, '长沙');
    expect(await cs.say('申报承办 月份=2020-08 主题=劳模讲书 日期=8月8日下午2点 地点=长沙市工人文化宫 人数=200')).toContain('已提交');
    const { id } = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '劳模讲书' } });
    await flush();
    const cards = srv.fake.calls('/cgi-bin/message/send').filter((c) => c.body.msgtype === 'template_card' && c.body.template_card.main_title.title.includes(`#${id}`));
    expect(cards.map((c) => c.body.touser).sort()).toEqual(['boss', 'wang2']);
    const card = cards[0].body.template_card;
    expect(card.main_title.title).toBe(`承办申报 #${id}：长沙市总工会`);
    expect(card.main_title.desc).toBe('2020-08 剩余名额 3/3');
    expect(card.horizontal_content_list).toEqual(expect.arrayContaining([{ keyname: '主题', value: '劳模讲书' }, { keyname: '地点', value: '长沙市工人文化宫' }]));
    expect(card.button_list.map((b: { key: string }) => b.key)).toEqual([`approve:${id}`, `reject:${id}`]);

    // boss clicks 批准.
    const updatesBefore = srv.fake.calls('/cgi-bin/message/update_template_card').length;
    await srv.appCb.postApp(srv.base, srv.appCb.appCardClick('boss', card.task_id, `approve:${id}`, srv.fake.issueResponseCode()));
    await srv.app.inflight.drain();
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
    const updates = () => srv.fake.calls('/cgi-bin/message/update_template_card').slice(updatesBefore).map((c) => [c.body.userids.join(), c.body.button.replace_name]);
    // The clicked card at once (by the click's code)…
    expect(updates()).toEqual([['boss', '已批准']]);
    // …then, through the outbox, both admins' cards (by their send codes).
    await flush();
    expect(updates().sort()).toEqual([['boss', '已批准'], ['boss', '已由boss批准'], ['wang2', '已由boss批准']].sort());
    expect(await prisma.outbox.count({ where: { kind: 'card-update', status: 'SENT' } })).toBe(2);
    expect(cs.pushes().some((p) => p.startsWith(`🎉 承办申报 #${id}（长沙市总工会 2020-08「劳模讲书」）已获省总工会批准`))).toBe(true);

    // wang2 clicks 批准 on the old card afterwards: told who decided, nothing changes.
    await srv.appCb.postApp(srv.base, srv.appCb.appCardClick('wang2', card.task_id, `approve:${id}`, srv.fake.issueResponseCode()));
    await srv.app.inflight.drain();
    const told = srv.fake.calls('/cgi-bin/message/send').filter((c) => c.body.touser === 'wang2' && c.body.msgtype === 'text').at(-1)!;
    expect(told.body.text.content).toMatch(new RegExp(`申报 #${id} 已由boss于 2020年6月10日 \\d\\d:\\d\\d 批准，无需再处理`));
    expect(await prisma.auditLog.count({ where: { action: 'approve', entityId: String(id) } })).toBe(1);
  });

  it('two admins clicking at the same moment: one decision', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    await srv.appCb.postApp(srv.base, srv.appCb.appText('wang3', '我的'));
    await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', '设管理员 wang3'));
    const zz = await unitGroup(srv, '株洲');
    await zz.say('申报承办 月份=2020-08 主题=书香株洲 日期=8月15日下午2点 地点=株洲市图书馆 人数=120');
    const { id } = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '书香株洲' } });
    await Promise.all([
      srv.appCb.postApp(srv.base, srv.appCb.appCardClick('boss', `hostreq-${id}-a`, `approve:${id}`, srv.fake.issueResponseCode())),
      srv.appCb.postApp(srv.base, srv.appCb.appCardClick('wang3', `hostreq-${id}-b`, `approve:${id}`, srv.fake.issueResponseCode())),
    ]);
    await srv.app.inflight.drain();
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
    expect(await prisma.auditLog.count({ where: { action: 'approve', entityId: String(id) } })).toBe(1);
    expect((await prisma.hostMonth.findFirstOrThrow({ where: { month: '2020-08' } })).approved).toBe(2);
    // The one who lost the race is told who won.
    const texts = srv.fake.calls('/cgi-bin/message/send').filter((c) => c.body.msgtype === 'text' && ['boss', 'wang3'].includes(c.body.touser)).map((c) => c.body.text.content as string);
    expect(texts.some((t) => t.includes(`已批准 #${id}`))).toBe(true);
    expect(texts.some((t) => new RegExp(`申报 #${id} 已由(boss|wang3)于`).test(t))).toBe(true);
  });

  it('驳回 on a card asks for the reason in the application chat; the group hears it with the reason', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const { worker } = createBackground(srv.app);
    const yy = await unitGroup(srv, '岳阳');
    await yy.say('申报承办 月份=2020-09 主题=洞庭书会 日期=9月5日下午2点 地点=岳阳楼 人数=80');
    const { id } = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '洞庭书会' } });
    await srv.appCb.postApp(srv.base, srv.appCb.appCardClick('boss', `hostreq-${id}-c`, `reject:${id}`, srv.fake.issueResponseCode()));
    await srv.app.inflight.drain();
    const ask = srv.fake.calls('/cgi-bin/message/send').filter((c) => c.body.touser === 'boss' && c.body.msgtype === 'text').at(-1)!;
    expect(ask.body.text.content).toContain('请告诉我驳回的理由');
    const shown = await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', '九月场地已排满，建议改到十月'));
    expect(shown.reply).toContain(`将驳回 #${id} 岳阳市总工会 2020-09「洞庭书会」，理由：九月场地已排满，建议改到十月`);
    const answer = await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', '是'));
    expect(answer.reply).toContain(`已驳回 #${id}`);
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id } })).reason).toBe('九月场地已排满，建议改到十月');
    srv.clock.set(new Date(srv.clock.now.getTime() + 4_000).toISOString());
    await worker.drain();
    expect(yy.pushes().some((p) => p.includes(`承办申报 #${id}`) && p.includes('未获批准。理由：九月场地已排满'))).toBe(true);
  });

  it('a full month waitlists the rest and tells them; a withdrawal moves the oldest back and tells its group and the admins', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const { worker } = createBackground(srv.app);
    const flush = () => flushOutbox(worker, srv.clock);
    expect((await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', '设置承办名额 2020-10 1'))).reply).toContain('2020-10 的承办名额已设为 1 个');
    const a = await unitGroup(srv, '常德');
    const b = await unitGroup(srv, '益阳');
    await a.say('申报承办 月份=2020-10 主题=桃花源读书 日期=10月10日下午2点 地点=常德市图书馆 人数=90');
    await b.say('申报承办 月份=2020-10 主题=竹乡共读 日期=10月17日下午2点 地点=益阳市图书馆 人数=90');
    const ra = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '桃花源读书' } });
    const rb = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '竹乡共读' } });
    expect((await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', `批准 ${ra.id}`))).reply).toContain('转为候补');
    await flush();
    expect(b.pushes().some((p) => p.includes(`承办申报 #${rb.id}`) && p.includes('已列入候补'))).toBe(true);

    expect(await a.say(`撤回申报 ${ra.id}`)).toContain('已获批准。撤回后名额会让给其他单位');
    expect(await a.say('是')).toContain(`候补申报 #${rb.id} 已转为待审批`);
    await flush();
    expect(b.pushes().some((p) => p.includes(`#${rb.id}`) && p.includes('已从候补转为待审批'))).toBe(true);
    const adminNotes = srv.fake.calls('/cgi-bin/message/send').filter((c) => c.body.touser === 'boss' && c.body.msgtype === 'text' && c.body.text.content.includes('有承办名额空出'));
    expect(adminNotes.at(-1)!.body.text.content).toContain(`候补的 #${rb.id} 益阳市总工会「竹乡共读」已转为待审批`);

    // Raising the capacity brings waitlisted requests back too.
    await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', `批准 ${rb.id}`));
    const c = await unitGroup(srv, '郴州');
    await c.say('申报承办 月份=2020-10 主题=林邑书香 日期=10月24日下午2点 地点=郴州市图书馆 人数=90');
    const rc = await prisma.hostRequest.findFirstOrThrow({ where: { theme: '林邑书香' } });
    expect(rc.status).toBe('WAITLISTED');
    expect((await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', '设置承办名额 2020-10 2'))).reply).toContain(`候补的 #${rc.id} 已转为待审批`);
    expect((await prisma.hostRequest.findUniqueOrThrow({ where: { id: rc.id } })).status).toBe('PENDING');
    expect((await srv.appCb.postApp(srv.base, srv.appCb.appText('boss', '设置承办名额 2020-10 0'))).reply).toContain('名额请发 1 到 20 之间的整数');
  });
});
