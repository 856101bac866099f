import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot, type Bot } from '../helpers/bot.js';

/** 修改社群, 删除社群, 修改活动, 取消活动, 撤回荐书 and 撤销, through the dispatcher as people type them. */

const START = '2020-06-10T10:00:00+08:00';
const CONFIRM = '回复「是」确认；回复其他内容则取消。';

const group = (b: Bot, name: string) => b.app.database.prisma.readingGroup.findFirstOrThrow({ where: { name } });
const activity = (b: Bot, theme: string) => b.app.database.prisma.activity.findFirstOrThrow({ where: { theme } });

/**
 * Audit rows are stamped by the database's clock, the tests' by a clock they move: each change a
 * test undoes (or lets age) is stamped with the bot's time, as it would be in production.
 */
const stamp = (b: Bot, user: string) =>
  b.app.database.prisma.auditLog.updateMany({ where: { actor: `console:${user}` }, data: { createdAt: b.clock.now } });
const minutesLater = (b: Bot, minutes: number) => b.clock.set(new Date(b.clock.now.getTime() + minutes * 60_000).toISOString());

describe.each(KINDS)('corrections on %s', (kind) => {
  const bot = useBot(kind, START);

  it('修改社群 shows old → new, by field and value or by named pairs, and audits both', async () => {
    const b = bot();
    await b.say('王芳', '长沙群', '绑定 长沙');
    await b.say('王芳', '长沙群', '登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周线上共读 电话=13800000000');
    const g = await group(b, '书香长沙');
    expect(await b.say('王芳', '长沙群', `修改社群 ${g.id} 人数 150`)).toBe(`已修改社群 #${g.id}「书香长沙」：\n参与人数：120 → 150`);
    expect(await b.say('王芳', '长沙群', `修改社群 ${g.id} 特色=每周共读，月末线下分享 联系人=李四 成立=5月20日`)).toBe(
      [`已修改社群 #${g.id}「书香长沙」：`, '成立时间：2020年6月1日 → 2020年5月20日', '组织方式和特色：每周线上共读 → 每周共读，月末线下分享', '联系人：王芳 → 李四'].join(
        '\n',
      ),
    );
    expect(await b.say('王芳', '长沙群', `编辑社群 #${g.id} 名称改为书香星城`)).toBe(`已修改社群 #${g.id}「书香星城」：\n社群名称：书香长沙 → 书香星城`);
    const row = await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } });
    expect([row.name, row.memberCount, row.features, row.contactName, row.contactPhone]).toEqual(['书香星城', 150, '每周共读，月末线下分享', '李四', '13800000000']);
    const audits = await b.app.database.prisma.auditLog.findMany({ where: { entity: 'ReadingGroup', entityId: String(g.id), action: 'edit' }, orderBy: { id: 'asc' } });
    expect(JSON.parse(audits[0].detail)).toEqual({ name: '书香长沙', memberCount: [120, 150] });
    expect(JSON.parse(audits[2].detail)).toEqual({ name: ['书香长沙', '书香星城'] });

    // Nothing new, an unknown field, a value the registration would refuse, a number that is no community.
    expect(await b.say('王芳', '长沙群', `修改社群 ${g.id} 人数=150`)).toContain('没有改动');
    expect(await b.say('王芳', '长沙群', `修改社群 ${g.id} 颜色=红色`)).toBe(
      '没看懂「颜色」要改哪一项。可以改：名称、成立、人数、特色、联系人、电话。例如：修改社群 3 人数=150',
    );
    expect(await b.say('王芳', '长沙群', `修改社群 ${g.id} 人数 很多`)).toContain('参与人数「很多」里没有看到人数');
    expect(await b.say('王芳', '长沙群', `修改社群 ${g.id} 成立=2020-07-01`)).toBe('成立时间 2020年7月1日 还没到（今天是 2020年6月10日），请发今天或以前的日期。例如：修改社群 3 成立=6月1日');
    expect(await b.say('王芳', '长沙群', '修改社群 9999 人数=1')).toBe('没有编号为 9999 的社群。发送「社群列表」查看编号。');
    // Only the number: the bot asks what to change.
    expect(await b.say('王芳', '长沙群', `修改社群 ${g.id}`)).toContain('要改哪一项、改成什么？');
    expect(await b.say('王芳', '长沙群', '电话 13900000000')).toBe(`已修改社群 #${g.id}「书香星城」：\n电话：13800000000 → 13900000000`);

    const help = await b.say('王芳', '长沙群', '帮助 修改社群');
    expect(help).toContain('「修改社群」（英文：edit-group）：修改读书社群的名称、人数、特色、联系人、电话或成立时间');
    expect(help).toContain('用法：修改社群 <编号> <字段> <新值>，或 修改社群 <编号> 名称=… 人数=… 特色=… 联系人=… 电话=… 成立=…');
    expect(help).toContain('  修改社群 3 人数 150');
  });

  it('删除社群 takes it out of lists; its name may be registered again; the audit log keeps it', async () => {
    const b = bot();
    await b.say('刘一', '常德群', '绑定 常德');
    await b.say('刘一', '常德群', '登记社群 名称=书香常德 成立=2020-06-01 人数=80 特色=晨读打卡');
    await b.say('刘一', '常德群', '登记社群 名称=桃花源书友会 成立=2020-06-02 人数=20 特色=周末共读');
    const g = await group(b, '书香常德');
    expect(await b.say('刘一', '常德群', `删除社群 ${g.id}`)).toBe(
      `已删除社群 #${g.id}「书香常德」（常德市总工会），不再计入列表、导出和排行。删错了可在 30 分钟内发送「撤销」恢复。`,
    );
    const list = await b.say('刘一', '常德群', '社群列表');
    expect(list).toContain('读书社群 1 个，共 20 人');
    expect(list).not.toContain('书香常德');
    expect(await b.say('刘一', '常德群', `更新社群 ${g.id} 人数 90`)).toBe(`没有编号为 ${g.id} 的社群。发送「社群列表」查看编号。`);
    expect(await b.say('刘一', '常德群', `删除社群 ${g.id}`)).toContain(`没有编号为 ${g.id} 的社群`);
    expect((await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } })).deletedAt).not.toBeNull();

    const again = await b.say('刘一', '常德群', '登记社群 名称=书香常德 成立=2020-06-05 人数=60 特色=线上分享');
    expect(again).toContain(`已登记社群 #${g.id}「书香常德」`);
    expect(await b.say('刘一', '常德群', '社群列表')).toContain('读书社群 2 个，共 80 人');
    const audits = await b.app.database.prisma.auditLog.findMany({ where: { entity: 'ReadingGroup', entityId: String(g.id) }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['create', 'delete', 'create']);
    expect(JSON.parse(audits[2].detail).revived.memberCount).toEqual([80, 60]);
    // A renamed community cannot take a name its unit already uses.
    const peach = await group(b, '桃花源书友会');
    expect(await b.say('刘一', '常德群', `修改社群 ${peach.id} 名称=书香常德`)).toBe(
      `本单位社群 #${g.id} 用过名称「书香常德」，请换一个，例如：修改社群 ${peach.id} 名称=书香常德读书会`,
    );
    // Undoing the second registration puts back the deleted community as it was.
    expect(await b.say('刘一', '常德群', '撤销')).toContain(`登记社群 #${g.id}「书香常德」`);
    expect(await b.say('刘一', '常德群', '是')).toBe(`已撤销：登记社群 #${g.id}「书香常德」\n社群 #${g.id} 已删除。`);
    const back = await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } });
    expect([back.memberCount, back.features, back.deletedAt?.toISOString()]).toEqual([80, '晨读打卡', audits[1] && JSON.parse(audits[1].detail).deletedAt[1]]);
  });

  it('修改活动 and 取消活动: the registration rules hold, a cancelled activity is gone from lists and counts', async () => {
    const b = bot();
    await b.say('陈二', '衡阳群', '绑定 衡阳');
    await b.say('陈二', '衡阳群', '登记活动 沙龙 雁城共读 市图书馆 6月20日下午2点 人数=40');
    const a = await activity(b, '雁城共读');
    expect(await b.say('陈二', '衡阳群', `修改活动 ${a.id} 时间 6月21日 下午3点`)).toBe(
      `已修改阅读沙龙 #${a.id}「雁城共读」：\n活动时间：2020年6月20日 14:00 → 2020年6月21日 15:00`,
    );
    expect(await b.say('陈二', '衡阳群', `改活动 ${a.id} 地点 改成 市图书馆二楼 类型=读书月 人数=60`)).toBe(
      [`已修改主题读书月 #${a.id}「雁城共读」：`, '类型：阅读沙龙 → 主题读书月', '活动地点：市图书馆 → 市图书馆二楼', '参与人数：40 → 60'].join('\n'),
    );
    expect(await b.say('陈二', '衡阳群', `修改活动 ${a.id} 时间=2021年1月5日下午2点`)).toContain('不在活动期内');
    b.clock.set('2020-06-21T18:00:00+08:00');
    await b.say('陈二', '衡阳群', `活动完成 ${a.id} 人数 55`);
    expect(await b.say('陈二', '衡阳群', `修改活动 ${a.id} 时间=6月28日下午3点`)).toContain('已经办完，时间不能改到以后');

    expect(await b.say('陈二', '衡阳群', `取消活动 ${a.id}`)).toBe(
      `已取消主题读书月 #${a.id}「雁城共读」（衡阳市总工会），不再计入列表、导出、提醒和排行。取消错了可在 30 分钟内发送「撤销」恢复。`,
    );
    expect(await b.say('陈二', '衡阳群', '活动列表')).toContain('还没有登记活动');
    expect(await b.say('陈二', '衡阳群', `活动完成 ${a.id} 人数 50`)).toBe(`没有编号为 ${a.id} 的活动。发送「活动列表」查看编号。`);
    expect(await b.say('陈二', '衡阳群', `修改活动 ${a.id} 地点=体育馆`)).toContain(`没有编号为 ${a.id} 的活动`);
    const row = await b.app.database.prisma.activity.findUniqueOrThrow({ where: { id: a.id } });
    expect([row.status, row.participantCount, row.deletedAt !== null]).toEqual(['HELD', 55, true]);
    const cancel = await b.app.database.prisma.auditLog.findFirstOrThrow({ where: { entity: 'Activity', entityId: String(a.id), action: 'cancel' } });
    expect(JSON.parse(cancel.detail)).toMatchObject({ theme: '雁城共读', deletedAt: [null, row.deletedAt!.toISOString()] });
    b.clock.set(START);
  });

  it('a change to someone else’s record names the earlier author and value', async () => {
    const b = bot();
    await b.say('王芳', '株洲群', '绑定 株洲');
    await b.say('王芳', '株洲群', '登记社群 名称=书香株洲 成立=2020-06-01 人数=120 特色=每周共读');
    await b.say('王芳', '株洲群', '登记活动 快闪 红色经典诵读 神农广场 6月20日下午2点');
    const g = await group(b, '书香株洲');
    const a = await activity(b, '红色经典诵读');
    // 李四 speaks in 株洲's group, for 株洲.
    expect(await b.say('李四', '株洲群', `更新社群 ${g.id} 人数 150`)).toBe(`已更新社群 #${g.id}「书香株洲」：参与人数 120 → 150（原由 王芳 登记）`);
    expect(await b.say('李四', '株洲群', `更新社群 ${g.id} 人数 160`)).toBe(`已更新社群 #${g.id}「书香株洲」：参与人数 150 → 160`);
    expect(await b.say('王芳', '株洲群', `修改社群 ${g.id} 人数=170`)).toBe(`已修改社群 #${g.id}「书香株洲」：\n参与人数：160 → 170\n（原由 李四 修改）`);
    expect(await b.say('李四', '株洲群', `修改活动 ${a.id} 地点=炎帝广场`)).toBe(
      `已修改读书快闪 #${a.id}「红色经典诵读」：\n活动地点：神农广场 → 炎帝广场\n（原由 王芳 登记）`,
    );
    b.clock.set('2020-06-20T18:00:00+08:00');
    expect(await b.say('王芳', '株洲群', `活动完成 ${a.id} 人数 300`)).toBe(`已记录读书快闪 #${a.id}「红色经典诵读」完成，参与 300 人。辛苦了！`);
    expect(await b.say('李四', '株洲群', `活动完成 ${a.id} 人数 320`)).toBe(
      `已记录读书快闪 #${a.id}「红色经典诵读」完成，参与 320 人（原为 300 人，原由 王芳 上报，已更正）。辛苦了！`,
    );
    const row = await b.app.database.prisma.activity.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.heldAt?.toISOString()).toBe(new Date('2020-06-20T18:00:00+08:00').toISOString());
    b.clock.set(START);
  });

  it('a stranger from another unit is refused every correction, with what to do instead', async () => {
    const b = bot();
    await b.say('周五', '岳阳群', '绑定 岳阳');
    await b.say('周五', '岳阳群', '登记社群 名称=书香岳阳 成立=2020-06-01 人数=50 特色=读书打卡');
    await b.say('周五', '岳阳群', '登记活动 沙龙 洞庭读书会 岳阳楼 6月20日下午2点');
    await b.say('周五', '岳阳群', '荐书 《岳阳楼记》 微博');
    const g = await group(b, '书香岳阳');
    const a = await activity(b, '洞庭读书会');
    const rec = await b.app.database.prisma.recommendation.findFirstOrThrow({ where: { bookTitle: '岳阳楼记' } });
    await b.say('赵六', '湘潭群', '绑定 湘潭');
    for (const text of [`修改社群 ${g.id} 人数=1`, `删除社群 ${g.id}`, `修改活动 ${a.id} 地点=湘潭`, `取消活动 ${a.id}`, `撤回荐书 ${rec.id}`, `更新社群 ${g.id} 人数 5000`]) {
      const reply = await b.say('赵六', '湘潭群', text);
      expect(reply, text).toContain('不属于您');
      expect(reply, text).toContain('发送「我的」');
    }
    expect((await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } })).deletedAt).toBeNull();
    expect((await b.app.database.prisma.activity.findUniqueOrThrow({ where: { id: a.id } })).deletedAt).toBeNull();
    expect((await b.app.database.prisma.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).deletedAt).toBeNull();
    // Nothing of 赵六's to undo: 撤销 says so and what it can do.
    const nothing = await b.say('赵六', '湘潭群', '撤销');
    expect(nothing).toContain('您 30 分钟内没有可以撤销的操作');
    expect(nothing).toContain('例如：刚登记的社群填错了，发送「撤销」就会删除它');
  });

  it('撤回荐书: by title or number, by its recorder or a contact of its unit; it stops counting', async () => {
    const b = bot();
    await b.say('孙七', '邵阳群', '绑定 邵阳');
    await b.say('孙七', '邵阳群', '荐书 《活着》 微博');
    await b.say('孙七', '邵阳群', '荐书 《围城》 喜马拉雅 荐书人=钱八');
    await b.say('吴九', '邵阳群', '荐书 《边城》 微博');
    expect(await b.say('孙七', '邵阳群', '撤回荐书 《活着》')).toMatch(
      /^已撤回 孙七 推荐的《活着》（编号 \d+），不再计入「邵阳市总工会」。撤回错了可在 30 分钟内发送「撤销」恢复。$/,
    );
    expect(await b.say('孙七', '邵阳群', '撤回荐书 《活着》')).toContain('没有找到您登记的《活着》荐书记录');
    expect(await b.say('孙七', '邵阳群', '撤回荐书 《围城》')).toContain('已撤回 钱八 推荐的《围城》');
    const border = await b.app.database.prisma.recommendation.findFirstOrThrow({ where: { bookTitle: '边城' } });
    // 孙七 is 邵阳's contact: a colleague's recommendation, by its number.
    expect(await b.say('孙七', '邵阳群', `撤回荐书 ${border.id}`)).toContain('已撤回 吴九 推荐的《边城》');
    const left = await b.app.database.prisma.recommendation.findMany({ where: { unit: { name: '邵阳市总工会' }, deletedAt: null } });
    expect(left).toEqual([]);
    expect(await b.say('孙七', '邵阳群', '撤回荐书 9999')).toContain('没有编号为 9999 的荐书记录');
    // A recommendation is undone by withdrawing it.
    await b.say('孙七', '邵阳群', '荐书 《平凡的世界》 微博');
    const plain = await b.app.database.prisma.recommendation.findFirstOrThrow({ where: { bookTitle: '平凡的世界' } });
    expect(await b.say('孙七', '邵阳群', '撤销上一步')).toContain(`荐书 孙七《平凡的世界》（编号 ${plain.id}）\n撤销后：\n荐书记录 #${plain.id} 将被撤回。`);
    expect(await b.say('孙七', '邵阳群', '好的')).toContain(`荐书记录 #${plain.id} 已撤回。`);
    expect((await b.app.database.prisma.recommendation.findUniqueOrThrow({ where: { id: plain.id } })).deletedAt).not.toBeNull();
  });

  it('撤销 undoes the sender’s own last change within 30 minutes, one step at a time, after a yes', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    await b.say('郑十', '益阳群', '绑定 益阳');
    await b.say('郑十', '益阳群', '登记社群 名称=书香益阳 成立=2020-06-01 人数=100 特色=共读');
    await b.say('郑十', '益阳群', '登记活动 沙龙 资江共读 市图书馆 6月12日下午2点 人数=30');
    const g = await group(b, '书香益阳');
    const a = await activity(b, '资江共读');
    await b.say('郑十', '益阳群', `修改社群 ${g.id} 人数=130 名称=书香资阳`);
    await stamp(b, '郑十');

    // A change: back to the values before, after saying what and asking.
    minutesLater(b, 29);
    expect(await b.say('郑十', '益阳群', '撤销')).toBe(
      [`要撤销您29 分钟前的这一步吗？`, `修改社群 #${g.id}「书香资阳」`, '撤销后：', '社群名称：书香资阳 → 书香益阳', '参与人数：130 → 100', CONFIRM].join('\n'),
    );
    expect(await b.say('郑十', '益阳群', '是')).toBe([`已撤销：修改社群 #${g.id}「书香资阳」`, '社群名称：书香资阳 → 书香益阳', '参与人数：130 → 100'].join('\n'));
    expect(await prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } })).toMatchObject({ name: '书香益阳', memberCount: 100, updatedById: null });

    // Anything but a yes changes nothing.
    expect(await b.say('郑十', '益阳群', '撤回上一步')).toContain(`登记阅读沙龙 #${a.id}「资江共读」`);
    expect(await b.say('郑十', '益阳群', '算了')).toBe('好的，已取消「撤销」。');
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: a.id } })).deletedAt).toBeNull();

    // A registration: the activity is cancelled; the next step back deletes the community.
    expect(await b.say('郑十', '益阳群', '撤回刚才的')).toContain(`活动 #${a.id} 将被取消。`);
    expect(await b.say('郑十', '益阳群', '确认')).toBe(`已撤销：登记阅读沙龙 #${a.id}「资江共读」\n活动 #${a.id} 已取消。`);
    expect(await b.say('郑十', '益阳群', '活动列表')).toContain('还没有登记活动');
    await b.say('郑十', '益阳群', '撤销');
    expect(await b.say('郑十', '益阳群', '是')).toBe(`已撤销：登记社群 #${g.id}「书香益阳」\n社群 #${g.id} 已删除。`);
    expect(await b.say('郑十', '益阳群', '社群列表')).toContain('还没有登记社群');
    const undos = await prisma.auditLog.findMany({ where: { actor: 'console:郑十', action: 'undo' }, orderBy: { id: 'asc' } });
    expect(undos.map((u) => JSON.parse(u.detail).action)).toEqual(['edit', 'create', 'create']);
    expect(JSON.parse(undos[0].detail)).toMatchObject({ memberCount: [130, 100], name: ['书香资阳', '书香益阳'] });

    // Nothing left: says so, with an example; a number after 撤销 is another command's work.
    expect(await b.say('郑十', '益阳群', '撤销')).toContain('您 30 分钟内没有可以撤销的操作');
    expect(await b.say('郑十', '益阳群', '撤销 4')).toContain('「撤销」不带编号');
    b.clock.set(START);
  });

  it('撤销 brings back what was deleted, cancelled or withdrawn, and puts a count back', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    await b.say('冯一', '郴州群', '绑定 郴州');
    await b.say('冯一', '郴州群', '登记社群 名称=书香郴州 成立=2020-06-01 人数=70 特色=共读');
    await b.say('冯一', '郴州群', '登记活动 沙龙 林城共读 市图书馆 6月12日下午2点 人数=30');
    await b.say('冯一', '郴州群', '荐书 《人世间》 微博');
    const g = await group(b, '书香郴州');
    const a = await activity(b, '林城共读');
    const rec = await prisma.recommendation.findFirstOrThrow({ where: { bookTitle: '人世间' } });

    b.clock.set('2020-06-12T18:00:00+08:00');
    await b.say('冯一', '郴州群', `活动完成 ${a.id} 人数 28`);
    await b.say('冯一', '郴州群', `删除社群 ${g.id}`);
    await b.say('冯一', '郴州群', `取消活动 ${a.id}`);
    await b.say('冯一', '郴州群', '撤回荐书 《人世间》');
    for (const [effect, check] of [
      [`荐书记录 #${rec.id} 已恢复。`, async () => expect((await prisma.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).deletedAt).toBeNull()],
      [`活动 #${a.id} 已恢复。`, async () => expect(await b.say('冯一', '郴州群', '活动列表')).toContain('已完成，28 人参与')],
      [`社群 #${g.id} 已恢复。`, async () => expect(await b.say('冯一', '郴州群', '社群列表')).toContain('书香郴州')],
      ['参与人数：28 → 30\n状态：已完成 → 计划中', async () => expect(await b.say('冯一', '郴州群', '活动列表')).toContain('待上报人数')],
    ] as const) {
      expect(await b.say('冯一', '郴州群', '撤销')).toContain(CONFIRM);
      expect(await b.say('冯一', '郴州群', '是')).toContain(effect);
      await check();
    }
    const row = await prisma.activity.findUniqueOrThrow({ where: { id: a.id } });
    expect([row.status, row.participantCount, row.heldAt, row.updatedById]).toEqual(['PLANNED', 30, null, null]);
    b.clock.set(START);
  });

  it('撤销 leaves alone a change made more than 30 minutes ago, and one changed again since', async () => {
    const b = bot();
    await b.say('褚二', '娄底群', '绑定 娄底');
    await b.say('褚二', '娄底群', '登记社群 名称=书香娄底 成立=2020-06-01 人数=40 特色=共读');
    const g = await group(b, '书香娄底');
    await stamp(b, '褚二');
    minutesLater(b, 31);
    expect(await b.say('褚二', '娄底群', '撤销')).toContain('您 30 分钟内没有可以撤销的操作');
    expect((await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } })).deletedAt).toBeNull();

    await b.say('褚二', '娄底群', `更新社群 ${g.id} 人数 45`);
    await b.say('卫三', '娄底群', `更新社群 ${g.id} 人数 48`);
    expect(await b.say('褚二', '娄底群', '撤销')).toBe(`社群 #${g.id} 的参与人数之后又改成了 48，不能撤销。请直接修改，例如：修改社群 ${g.id} 参与人数=48`);
    expect((await b.app.database.prisma.readingGroup.findUniqueOrThrow({ where: { id: g.id } })).memberCount).toBe(48);
    b.clock.set(START);
  });

  it('a head count above the plausible one for its kind is shown and confirmed first', async () => {
    const b = bot();
    const prisma = b.app.database.prisma;
    await b.say('蒋四', '怀化群', '绑定 怀化');
    expect(await b.say('蒋四', '怀化群', '登记社群 名称=书香怀化 成立=2020-06-01 人数=5000 特色=共读')).toBe(
      `读书社群参与人数记为 5000 人？读书社群一般不超过 2000 人，请再核对一下。\n${CONFIRM}`,
    );
    expect(await b.say('蒋四', '怀化群', '不对')).toBe('好的，没有执行「登记社群」。');
    expect(await prisma.readingGroup.count({ where: { name: '书香怀化' } })).toBe(0);
    await b.say('蒋四', '怀化群', '登记社群 名称=书香怀化 成立=2020-06-01 人数=1500 特色=共读');
    const g = await group(b, '书香怀化');
    expect(await b.say('蒋四', '怀化群', `更新社群 ${g.id} 人数 2500`)).toContain('读书社群参与人数记为 2500 人？');
    expect(await b.say('蒋四', '怀化群', '是')).toBe(`已更新社群 #${g.id}「书香怀化」：参与人数 1500 → 2500`);

    expect(await b.say('蒋四', '怀化群', '登记活动 沙龙 五溪共读 市图书馆 6月20日下午2点 人数=400')).toContain('阅读沙龙参与人数记为 400 人？阅读沙龙一般不超过 300 人');
    await b.say('蒋四', '怀化群', '是');
    await b.say('蒋四', '怀化群', '登记活动 快闪 街头诵读 鹤城广场 6月20日下午3点');
    const salon = await activity(b, '五溪共读');
    const flash = await activity(b, '街头诵读');
    expect(salon.participantCount).toBe(400);
    b.clock.set('2020-06-20T18:00:00+08:00');
    expect(await b.say('蒋四', '怀化群', `活动完成 ${salon.id} 人数 200000`)).toBe(
      `阅读沙龙参与人数记为 200000 人？阅读沙龙一般不超过 300 人，请再核对一下。\n${CONFIRM}`,
    );
    expect(await b.say('蒋四', '怀化群', '不是')).toBe('好的，没有执行「活动完成」。');
    expect(await b.say('蒋四', '怀化群', `活动完成 ${flash.id} 人数 800`)).toContain('参与 800 人');
    expect(await b.say('蒋四', '怀化群', `活动完成 ${flash.id} 人数 1500`)).toContain('读书快闪参与人数记为 1500 人？读书快闪一般不超过 1000 人');
    expect(await b.say('蒋四', '怀化群', '是')).toContain('参与 1500 人（原为 800 人，已更正）');
    expect(await b.say('蒋四', '怀化群', `修改活动 ${salon.id} 人数=350`)).toContain('阅读沙龙参与人数记为 350 人？');
    expect(await b.say('蒋四', '怀化群', `修改活动 ${salon.id} 类型=读书月 人数=350`)).toContain('参与人数：400 → 350');
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: salon.id } })).participantCount).toBe(350);
    // The absurd stays refused outright.
    expect(await b.say('蒋四', '怀化群', `活动完成 ${flash.id} 人数 2000000`)).toContain('太大了');
    await b.say('蒋四', '怀化群', '取消');
    b.clock.set(START);

    expect(await b.say('蒋四', '怀化群', '申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日下午2点 地点=市工人文化宫 人数=5000')).toBe(
      `承办的主题读书月活动预计人数记为 5000 人？承办的主题读书月活动一般不超过 3000 人，请再核对一下。\n${CONFIRM}`,
    );
    expect(await b.say('蒋四', '怀化群', '是')).toContain('预计人数：5000');
    expect(await b.say('蒋四', '怀化群', '申报承办 月份=2020-08 主题=劳模讲书 日期=8月18日下午2点 地点=市工人文化宫 人数=200000')).toContain('太大了');
    await b.say('蒋四', '怀化群', '取消');
  });
});
