import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { t } from '../../src/texts.js';
import { shanghaiInstant } from '../../src/time.js';
import { freshDb, KINDS, type TestDb } from '../helpers/db.js';
import { run } from '../helpers/spawn.js';

const CAMPAIGN = { CAMPAIGN_START: '2020-05-01', CAMPAIGN_END: '2020-12-31', CAMPAIGN_RANKING_START: '2020-06-08' };

/** The lines right after `line` (which must be there) up to the next line that is not a push. */
function pushesAfter(lines: string[], line: string): string[] {
  const at = lines.indexOf(line);
  expect(at, `no line ${line}`).toBeGreaterThanOrEqual(0);
  const after = lines.slice(at + 1);
  const end = after.findIndex((l) => !l.startsWith('push @'));
  return end < 0 ? after : after.slice(0, end);
}

const TRANSCRIPT = `帮助
绑定 长沙
:as 李四 @株洲群
绑定 株洲
上报 荐读 三十五
登记社群
书香株洲
2020-06-01
120
每周共读一本书
:as 张三 @测试群
排行
`;

describe.each(KINDS)('npm run chat on %s', (kind) => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  async function chat(transcript: string[], env: Record<string, string> = {}) {
    const db = await freshDb(kind);
    dbs.push(db);
    const r = await run(['scripts/chat.ts'], { DATABASE_URL: db.url, ...CAMPAIGN, ...env }, transcript.join('\n') + '\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return { url: db.url, lines: r.stdout.split('\n') };
  }

  it('reads a transcript from standard input and prints every reply on bot> lines', async () => {
    const db = await freshDb(kind);
    dbs.push(db);
    const r = await run(['scripts/chat.ts'], { DATABASE_URL: db.url, CAMPAIGN_START: '2020-05-01', CAMPAIGN_END: '2030-12-31' }, TRANSCRIPT);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bot = r.stdout.split('\n').filter((l) => l.startsWith('bot> '));
    expect(bot[0]).toBe('bot> 湘阅读·工力量 活动助手，您可以发送：');
    expect(r.stdout).toContain('（现在是「李四」在「株洲群」群里说话）');
    expect(r.stdout).toContain('bot> 绑定成功：本群和您（李四）都已绑定到「株洲市总工会」（市州总工会）。');
    expect(r.stdout).toContain('好书荐读参与人数：35');
    expect(r.stdout).toMatch(/bot> 已登记社群 #\d+「书香株洲」/);
    expect(r.stdout).toContain('bot> 1. 株洲市总工会 35 人');
    // The console honours DATABASE_URL: the rows are in that database.
    const database = openDatabase(db.url);
    try {
      expect(await database.prisma.readingGroup.count({ where: { name: '书香株洲' } })).toBe(1);
      expect(await database.prisma.chat.count({ where: { platform: 'console' } })).toBe(2);
    } finally {
      await database.close();
    }
  });

  it(':time moves the clock, runs what is due, and prints pushes on push @群名> lines', async () => {
    const db = await freshDb(kind);
    dbs.push(db);
    const transcript = [
      ':time 2020-06-10 10:00',
      '绑定 长沙',
      '上报 荐读 35',
      ':as 李四 @株洲群',
      '绑定 株洲',
      ':time 2020-06-12 16:00',
      ':time 2020-06-15 09:00',
      ':time 2020-06-15 09:30',
      ':time 明天',
    ].join('\n');
    const r = await run(
      ['scripts/chat.ts'],
      { DATABASE_URL: db.url, CAMPAIGN_START: '2020-05-01', CAMPAIGN_END: '2020-12-31', CAMPAIGN_RANKING_START: '2020-06-08' },
      transcript,
    );
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('bot> 已上报「长沙市总工会」本周（6月8日—6月14日）好书荐读参与人数：35。发送「排行」看看排名吧！');
    // Friday 16:00: only 株洲 has not reported.
    expect(lines.filter((l) => l.startsWith('push @') && l.includes('还没有上报'))).toEqual([
      'push @株洲群> ⏰ 本周（6月8日—6月14日）「株洲市总工会」还没有上报好书荐读参与人数。',
    ]);
    // The pushes a jump caused come right after its :time line.
    expect(pushesAfter(lines, '（现在是 2020年6月12日 16:00，运行了：report-reminder 2020-06-12 16:00，推送 1 条，见下）')).toEqual([
      'push @株洲群> ⏰ 本周（6月8日—6月14日）「株洲市总工会」还没有上报好书荐读参与人数。',
      'push @株洲群> 请发送：上报 荐读 <人数>，例如：上报 荐读 35',
    ]);
    // Monday 09:00: each group its ranking, its own unit marked.
    expect(lines).toContain('push @测试群> 👉1. 长沙市总工会 35 人（+35）');
    expect(lines).toContain('push @株洲群> 1. 长沙市总工会 35 人（+35）');
    expect(lines).toContain('（现在是 2020年6月15日 09:30，没有到期的定时任务）');
    expect(lines).toContain('（用法：:time 2020-06-15 09:00 或 :time +3d（也可 +2h、+1w），北京时间）');
  });

  it(':as <名字> @私聊 speaks in that person\'s own private chat with the bot, where private-chat rules apply', async () => {
    const { url, lines } = await chat([
      ':help',
      ':as 王芳 @长沙群',
      '绑定 长沙',
      ':as 王芳 @私聊',
      '设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
      ':who',
      ':as 李四',
      '帮助',
      ':as @长沙群',
      ':who',
    ]);
    expect(lines).toContain('  :as <名字> @私聊            和机器人私聊（每人一个私聊，试试私聊里的规则）');
    expect(lines).toContain('（现在是「王芳」在和机器人私聊）');
    expect(lines).toContain('[王芳 @私聊] 设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc');
    // A push address is a group's: in a private chat the bot says where to send it instead.
    expect(lines).toContain(`bot> ${t('units.push.groupOnly')}`);
    expect(lines).toContain('（「王芳」在和机器人私聊）');
    // Another person, another private chat; and back to the group.
    expect(lines).toContain('（现在是「李四」在和机器人私聊）');
    expect(lines).toContain('[李四 @私聊] 帮助');
    expect(lines).toContain('（「李四」在「长沙群」群）');
    const database = openDatabase(url);
    try {
      const chats = await database.prisma.chat.findMany({ where: { platform: 'console' }, orderBy: { id: 'asc' } });
      expect(chats.map((c) => [c.platformChatId, c.isGroup])).toEqual([
        ['长沙群', true],
        ['single:王芳', false],
        ['single:李四', false],
      ]);
    } finally {
      await database.close();
    }
  });

  it('a long jump runs every window on the way: the pushes follow the :time line, in order, and their count is the one printed', async () => {
    const { url, lines } = await chat([
      ':time 2020-06-10 10:00',
      '绑定 长沙',
      '登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆 时间=6月12日下午2点',
      ':as 李四 @株洲群',
      '绑定 株洲',
      ':time +30d',
    ]);
    const timeLine = lines.find((l) => l.startsWith('（现在是 2020年7月10日 10:00'));
    expect(timeLine).toBeDefined();
    const count = Number(/推送 (\d+) 条/.exec(timeLine!)?.[1]);
    const pushes = pushesAfter(lines, timeLine!);
    // Asked for the count once a day, three times, numbered as they come — not 「第 3/3 次」 first.
    expect(pushes.filter((l) => l.includes('结束了吗')).map((l) => /（第 (\d)\/3 次提醒）/.exec(l)?.[1])).toEqual(['1', '2', '3']);
    // Four Fridays' reminders and four Mondays' rankings, to each of the two groups.
    expect(pushes.filter((l) => l.includes('还没有上报'))).toHaveLength(8);
    expect(pushes.filter((l) => l.includes('好书荐读周排行'))).toHaveLength(8);
    const database = openDatabase(url);
    try {
      // What the jump queued, as the outbox has it: each message sent and printed once, in order.
      const sent = await database.prisma.outbox.findMany({
        where: { createdAt: { gt: shanghaiInstant(2020, 6, 10, 10, 1) } },
        include: { chat: true },
        orderBy: { id: 'asc' },
      });
      expect(sent.every((m) => m.status === 'SENT')).toBe(true);
      expect(count).toBe(sent.length);
      // A ranking's picture prints as the path of the PNG written under data/charts.
      const pictures = new Map((await database.prisma.picture.findMany()).map((p) => [p.id, p.md5]));
      const printed = (m: (typeof sent)[number]) =>
        m.kind === 'image' ? [`🖼 排行图：${join('data', 'charts', `ranking-${pictures.get(JSON.parse(m.body).pictureId)!.slice(0, 16)}.png`)}`] : m.body.split('\n');
      expect(sent.filter((m) => m.kind === 'image')).toHaveLength(8);
      expect(pushes).toEqual(sent.flatMap((m) => printed(m).map((l) => `push @${m.chat!.platformChatId}> ${l}`)));
    } finally {
      await database.close();
    }
    // Four Mondays drawing their charts in a process of its own: longer than most on a loaded machine.
  }, 60_000);

  it('admins\' cards and notices, and a group\'s decision, print as pushes after the reply that caused them', async () => {
    const { lines } = await chat(
      [
        ':time 2020-06-10 10:00',
        ':as 省总王 @省总群',
        '设置承办名额 2020-07 1',
        ':as 王芳 @长沙群',
        '绑定 长沙',
        '申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日 地点=长沙市工人文化宫 人数=200',
        ':as 李四 @株洲群',
        '绑定 株洲',
        '申报承办 月份=2020-07 主题=书香株洲 日期=7月25日 地点=株洲市图书馆 人数=150',
        ':as 省总王 @省总群',
        '批准 1',
        ':as 王芳 @长沙群',
        '撤回申报 1',
        '是',
      ],
      { SUPERADMINS: 'console:省总王' },
    );
    const afterReplies = (typed: string) => {
      const at = lines.indexOf(typed);
      expect(at, `no line ${typed}`).toBeGreaterThanOrEqual(0);
      const rest = lines.slice(at + 1);
      const replies = rest.findIndex((l) => !l.startsWith('bot> '));
      return pushesAfter(rest, rest[replies - 1]);
    };
    // The approval card, to the admin's private chat, with what to send for each button.
    const card = afterReplies('[王芳 @长沙群] 申报承办 月份=2020-07 主题=劳模讲书 日期=7月18日 地点=长沙市工人文化宫 人数=200');
    expect(card).toContain(`push @私聊:省总王> ${t('notices.cardTitle', { id: 1, unit: '长沙市总工会' })}`);
    expect(card).toContain(`push @私聊:省总王> ${t('notices.cardTheme')}：劳模讲书`);
    expect(card).toContain('push @私聊:省总王> 按钮：［批准］= 发送「批准 1」  ［驳回］= 发送「驳回 1」');
    // The decision: the applicant's group, the group moved to the waitlist, the admin's card.
    expect(afterReplies('[省总王 @省总群] 批准 1')).toEqual([
      `push @长沙群> ${t('notices.approved', { id: 1, unit: '长沙市总工会', month: '2020-07', theme: '劳模讲书' })}`,
      `push @株洲群> ${t('notices.waitlisted', { id: 2, month: '2020-07', theme: '书香株洲' })}`,
      `push @私聊:省总王> （卡片「${t('notices.cardTitle', { id: 1, unit: '长沙市总工会' })}」已更新：${t('notices.cardDecided', { by: '省总王', decision: 'APPROVED' })}）`,
    ]);
    // Texts to a person: the admin hears the approved slot was given up and a waitlisted request is back.
    const withdrawn = afterReplies('[王芳 @长沙群] 是');
    expect(withdrawn).toContain(
      `push @私聊:省总王> ${t('notices.withdrawnToAdmins', { id: 1, unit: '长沙市总工会', month: '2020-07', theme: '劳模讲书', by: '王芳' })}`,
    );
    expect(withdrawn).toContain(
      `push @私聊:省总王> ${t('notices.promotedToAdmins', { id: 2, unit: '株洲市总工会', month: '2020-07', theme: '书香株洲', at: '2020年6月10日 10:00' })}`,
    );
  });
});
