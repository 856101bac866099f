import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { freshDb, KINDS, type TestDb } from '../helpers/db.js';
import { run } from '../helpers/spawn.js';

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
    expect(lines).toContain('（现在是 2020年6月12日 16:00，运行了：report-reminder 2020-06-12 16:00）');
    // Monday 09:00: each group its ranking, its own unit marked.
    expect(lines).toContain('push @测试群> 👉1. 长沙市总工会 35 人（+35）');
    expect(lines).toContain('push @株洲群> 1. 长沙市总工会 35 人（+35）');
    expect(lines).toContain('（现在是 2020年6月15日 09:30，没有到期的定时任务）');
    expect(lines).toContain('（用法：:time 2020-06-15 09:00，北京时间）');
  });
});
