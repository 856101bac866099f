import { describe, expect, it } from 'vitest';
import { KINDS } from '../helpers/db.js';
import { useBot } from '../helpers/bot.js';
import { formatDateTime } from '../../src/time.js';

/** Messages as union contacts actually type them: the same command, many spellings. */
describe.each(KINDS)('real-looking variants on %s', (kind) => {
  const bot = useBot(kind);

  it.each([
    '登记活动 类型=沙龙 主题=读懂中国 地点=市图书馆 时间=6月20日下午2点',
    '登记活动 类型：沙龙，主题：读懂中国，地点：市图书馆，时间：6月20日下午2点',
    '@阅读助手 登记活动 沙龙 读懂中国 市图书馆 2020/6/20 14:00',
    '/event 类型=沙龙 主题=读懂中国 地点=市图书馆 时间=2020-06-20 14:00',
    '登记活动　类型＝阅读沙龙　主题＝读懂中国　地点＝市图书馆　时间＝下周六下午两点',
    '登记活动 沙龙 「读懂中国」 市图书馆 6月20号14点',
  ])('%s', async (text) => {
    const b = bot();
    await b.say('张三', '长沙群', '绑定 长沙');
    const r = await b.say('张三', '长沙群', text);
    expect(r).toContain('已登记阅读沙龙');
    expect(r).toContain('「读懂中国」');
    const a = await b.app.database.prisma.activity.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect([a.kind, a.theme, a.place, formatDateTime(a.startsAt)]).toEqual(['SALON', '读懂中国', '市图书馆', '2020年6月20日 14:00']);
    // Each spelling registers the same activity: the next one would be asked whether it is a second one.
    await b.app.database.prisma.activity.update({ where: { id: a.id }, data: { deletedAt: new Date() } });
  });

  it.each([
    ['上报 荐读 35', 35],
    ['上报荐读35', 35],
    ['上报 荐读 三十五', 35],
    ['上报 荐读=35人', 35],
    ['上报：荐读，一百零二人', 102],
    ['report 40', 40],
    ['@阅读助手 /上报 人数=两千', 2000],
  ])('%s → %d', async (text, n) => {
    const b = bot();
    await b.say('李四', '株洲群', '绑定 株洲');
    let reply = await b.say('李四', '株洲群', text);
    // A figure far above the week's earlier one (2000 after 40) is confirmed first.
    if (reply.includes('请再核对')) reply = await b.say('李四', '株洲群', '是');
    expect(reply).toMatch(new RegExp(`好书荐读参与人数(：(\\d+ → )?|已经是 )${n}`));
    const row = await b.app.database.prisma.countReport.findFirstOrThrow({ where: { unit: { name: '株洲市总工会' } } });
    expect(row.count).toBe(n);
  });
});
