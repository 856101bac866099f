import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';

describe.each(KINDS)('绑定 / 我的 / 帮助 on %s', (kind) => {
  const bot = useBot(kind);

  it('an unbound member may use only 帮助, 绑定 and 我的', async () => {
    const b = bot();
    const help = await b.say('新人', '新群', '帮助');
    expect(help).toContain('绑定 <单位>');
    expect(help).not.toContain('上报 荐读');
    expect(await b.say('新人', '新群', '上报 荐读 3')).toBe('请先绑定单位再使用「上报」，例如：绑定 长沙。');
    expect(await b.say('新人', '新群', '我的')).toContain('我的单位：未绑定');
    expect(await b.app.database.prisma.countReport.count()).toBe(0);
  });

  it('binds chat and sender by short name, and 我的 shows it', async () => {
    const b = bot();
    const r = await b.say('张三', '长沙群', '绑定 长沙');
    expect(r).toContain('绑定成功');
    expect(r).toContain('长沙市总工会');
    const chat = await b.app.database.prisma.chat.findUniqueOrThrow({
      where: { platform_platformChatId: { platform: 'console', platformChatId: '长沙群' } },
      include: { unit: true },
    });
    expect(chat.unit?.name).toBe('长沙市总工会');
    const me = await b.say('张三', '长沙群', '/me');
    expect(me).toContain('我的单位：长沙市总工会（市州总工会）');
    expect(me).toContain('本群绑定：长沙市总工会');
    const audit = await b.app.database.prisma.auditLog.findFirst({ where: { action: 'bind' } });
    expect(audit?.actor).toBe('console:张三');
  });

  it('creates a 基层单位 under its parent with 上级/基层', async () => {
    const b = bot();
    const r = await b.say('赵六', '银行群', '绑定 长沙市总工会/长沙银行工会');
    expect(r).toContain('已新建基层单位「长沙银行工会」');
    const u = await b.app.database.prisma.unit.findUniqueOrThrow({ where: { name: '长沙银行工会' }, include: { parent: true } });
    expect(u.kind).toBe('GRASSROOTS');
    expect(u.parent?.name).toBe('长沙市总工会');
    // Binding again finds the same unit rather than creating another.
    expect(await b.say('赵七', '银行群2', '绑定 长沙/长沙银行工会')).not.toContain('已新建');
    expect(await b.app.database.prisma.unit.count({ where: { name: '长沙银行工会' } })).toBe(1);
  });

  it('a choice that leaves units out says how many and how to name one', async () => {
    const b = bot();
    const ask = await b.say('钱十', '湖南群', '绑定 湖南');
    expect(ask).toMatch(/还有 \d+ 个没列出；不在其中请写单位全称，例如：绑定 \S+/);
    await b.say('钱十', '湖南群', '取消');
  });

  it('ambiguous names get a numbered choice, answered by number', async () => {
    const b = bot();
    const ask = await b.say('钱八', '湘群', '绑定 湘');
    expect(ask).toMatch(/对应多个单位，请回复序号：\n1\. /);
    const first = /1\. (\S+)/.exec(ask)![1];
    const done = await b.say('钱八', '湘群', '1');
    expect(done).toContain(`绑定到「${first}」`);
  });

  it('a number outside the choice is asked again; an ambiguous parent keeps the 基层单位 to create', async () => {
    const b = bot();
    const ask = await b.say('钱九', '湘群2', '绑定 湘/湘江测试工会');
    const count = ask.split('\n').filter((line) => /^\d+\. /.test(line)).length;
    expect(await b.say('钱九', '湘群2', '99')).toContain(`请回复 1—${count} 之间的序号，或写出单位全称。`);
    const first = /1\. (\S+)/.exec(ask)![1];
    const done = await b.say('钱九', '湘群2', '1');
    expect(done).toContain('已新建基层单位「湘江测试工会」');
    const unit = await b.app.database.prisma.unit.findUniqueOrThrow({ where: { name: '湘江测试工会' }, include: { parent: true } });
    expect(unit.parent?.name).toBe(first);
  });

  it('unknown units get a clear answer showing the right form', async () => {
    const b = bot();
    const r = await b.say('孙九', '某群', '绑定 火星总工会');
    expect(r).toContain('没有找到「火星总工会」');
    expect(r).toContain('绑定 长沙');
  });

  it('only the bound unit or an admin may rebind a chat', async () => {
    const b = bot();
    await b.say('甲', '共享群', '绑定 株洲');
    const r = await b.say('乙', '共享群', '绑定 湘潭');
    expect(r).toContain('本群已绑定「株洲市总工会」');
    const chat = await b.app.database.prisma.chat.findFirstOrThrow({ where: { platformChatId: '共享群' }, include: { unit: true } });
    expect(chat.unit?.name).toBe('株洲市总工会');
  });

  it('帮助 <命令> shows usage and two examples; unknown commands get the nearest one', async () => {
    const b = bot();
    const r = await b.say('张三', '长沙群', '帮助 登记社群');
    expect(r).toContain('用法：登记社群');
    expect(r.split('\n').filter((l) => l.startsWith('  登记社群')).length).toBe(2);
    // A typo of a command word is a guess: the bot asks before it acts.
    expect(await b.say('张三', '长沙群', '帮主')).toContain('您是想发送「帮助」吗？');
    expect(await b.say('张三', '长沙群', '是')).toContain('发送「帮助 命令名」');
    expect(await b.say('张三', '长沙群', '登记社区群 x')).toContain('您是不是想用「登记社群」？');
    expect(await b.say('张三', '长沙群', '登记社')).toContain('登记社群');
  });
});
