import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { linkRefusal } from '../../src/domain/export-links.js';
import { csvField, displayWidth, exportLink, MAX_WIDTH } from '../../src/domain/exports.js';
import { KINDS } from '../helpers/db.js';
import { run } from '../helpers/spawn.js';
import { useWeComServer, type WeComServer } from '../helpers/wecom.js';

const TOKEN = 'admin-token-0123456789abcdef';

async function fill(s: WeComServer) {
  const say = (user: string, chat: string, text: string) =>
    s.app.dispatcher.handle({ platform: 'console', chatId: chat, chatTitle: chat, chatType: 'group', senderId: user, senderName: user, text, messageId: `${Math.random()}` });
  await say('张三', '长沙银行群', '绑定 长沙市总工会/长沙银行工会');
  // Held (its count reported): 参与人数 shows it.
  await say('张三', '长沙银行群', '登记活动 类型=沙龙 主题=读懂中国 地点=长沙图书馆 时间=6月5日下午2点 人数=30 电话=13800000000');
  const held = await s.app.database.prisma.activity.findFirstOrThrow({ where: { theme: '读懂中国' } });
  await say('张三', '长沙银行群', `活动完成 ${held.id} 人数 40`);
  await say('张三', '长沙银行群', '登记活动 类型=快闪 主题=红色诵读 地点=五一广场 时间=6月21日上午10点');
  await say('张三', '长沙银行群', '登记社群 名称=书香长沙 成立=2020-06-01 人数=120 特色=每周线上共读，月末分享 电话=13800000000');
  await say('李四', '株洲群', '绑定 株洲');
  await say('李四', '株洲群', '登记社群 名称=株洲读书会 成立=2020-05-20 人数=60 特色=晨读打卡');
}

async function sheetRows(buf: Buffer, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as any);
  const ws = book.getWorksheet(name)!;
  const rows: unknown[][] = [];
  // A merged title counts once (ExcelJS repeats the master's value in every merged cell).
  ws.eachRow((row) => {
    const cells: unknown[] = [];
    row.eachCell((cell) => {
      if (!cell.isMerged || cell.master.address === cell.address) cells.push(cell.value);
    });
    rows.push(cells);
  });
  return rows;
}

describe.each(KINDS)('the notice’s tables on %s', (kind) => {
  const s = useWeComServer(kind, { SUPERADMINS: 'console:省总王处', ADMIN_TOKEN: TOKEN, PUBLIC_BASE_URL: 'https://bot.example.org' });

  it('附件1 and 附件2 as .xlsx: a sheet per 市州/产业工会 with the notice’s title, unit line and columns, and a province summary', async () => {
    const srv = s();
    await fill(srv);
    const get = (q: string) => fetch(`${srv.base}/admin/export?${q}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const r1 = await get('table=1&format=xlsx');
    expect(r1.status).toBe(200);
    expect(r1.headers.get('content-disposition')).toContain('.xlsx');
    const x1 = Buffer.from(await r1.arrayBuffer());
    expect(await sheetRows(x1, '长沙市总工会')).toEqual([
      ['基层单位职工主题读书月活动情况统计表'],
      ['市州、省产业工会：长沙市总工会'],
      ['序号', '活动组织单位', '活动主题', '活动地点', '活动时间', '参与人数', '联系人'],
      [1, '长沙银行工会', '读懂中国', '长沙图书馆', '2020年6月5日 14:00', 40, '张三 13800000000'],
    ]);
    expect((await sheetRows(x1, '全省汇总')).slice(1, 2)).toEqual([['市州、省产业工会：全省']]);
    const x2 = Buffer.from(await (await get('table=2&format=xlsx')).arrayBuffer());
    expect((await sheetRows(x2, '株洲市总工会')).slice(2)).toEqual([
      ['序号', '活动组织单位', '社群名称', '成立时间', '参与人数', '主要活动组织方式和特色', '联系人'],
      [1, '株洲市总工会', '株洲读书会', '2020年5月20日', 60, '晨读打卡', '李四'],
    ]);
    expect((await sheetRows(x2, '全省汇总')).slice(3).map((r) => r[2])).toEqual(['书香长沙', '株洲读书会']);
  });

  it('.csv is UTF-8 with a BOM, one unit or the province', async () => {
    const srv = s();
    const r = await fetch(`${srv.base}/admin/export?table=2&format=csv&unit=长沙`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const buf = Buffer.from(await r.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.toString('utf8').slice(1).split('\r\n')).toEqual([
      '基层单位“同城共读”微信读书社群活动情况统计表',
      '市州、省产业工会：长沙市总工会',
      '序号,活动组织单位,社群名称,成立时间,参与人数,主要活动组织方式和特色,联系人',
      '1,长沙银行工会,书香长沙,2020年6月1日,120,每周线上共读，月末分享,张三 13800000000',
      '',
    ]);
  });

  it('导出 gives an admin a signed link valid 24 hours; no token, a changed link or an old one is refused', async () => {
    const srv = s();
    const say = (user: string, text: string) =>
      srv.app.dispatcher.handle({ platform: 'console', chatId: '省总群', chatTitle: '省总群', chatType: 'group', senderId: user, senderName: user, text, messageId: `${Math.random()}` });
    expect(await say('路人', '导出 附件1')).toContain('只有省总工会管理员可以使用');
    expect(await say('省总王处', '导出')).toContain('请写明导出哪张表');
    const reply = await say('省总王处', '导出 附件2 长沙 csv');
    const link = /https:\/\/bot\.example\.org\/admin\/export\?\S+/.exec(reply)![0];
    expect(reply).toContain('24 小时内有效');
    const local = link.replace('https://bot.example.org', srv.base);
    const ok = await fetch(local);
    expect(ok.status).toBe(200);
    expect((await ok.text()).includes('书香长沙')).toBe(true);
    expect((await fetch(`${srv.base}/admin/export?table=1&format=xlsx`)).status).toBe(401);
    expect((await fetch(local.replace('table=2', 'table=1'))).status).toBe(401);
    srv.clock.set(new Date(srv.clock.now.getTime() + 25 * 3_600_000).toISOString());
    expect((await fetch(local)).status).toBe(410);
  });

  it('exportLink signs a link for a unit named as people type it, refuses an unknown one, and writes the audit row', async () => {
    const srv = s();
    const prisma = srv.app.database.prisma;
    const row = await prisma.member.create({ data: { platform: 'console', platformUserId: 'export-admin', displayName: '导出管理员', role: 'ADMIN' } });
    const actor: Actor = { memberId: row.id, name: row.displayName, ref: 'console:export-admin', platform: 'console', messageId: 'export-1', isAdmin: true, unit: null };
    const links = { base: 'https://bot.example.org', secret: TOKEN };
    const now = new Date('2020-06-10T02:00:00Z');
    const link = await prisma.$transaction((tx) => exportLink(tx, actor, { table: 2, format: 'csv', unitName: '长沙银行工会', links, now }));
    expect(link).toMatchObject({ table: 2, format: 'csv', unit: '长沙市总工会', expiresAt: new Date('2020-06-11T02:00:00Z') });
    const query = new URL(link.url).searchParams;
    expect(linkRefusal(TOKEN, { table: '2', format: 'csv', unit: '长沙市总工会' }, query.get('expires')!, query.get('sig')!, now)).toBeUndefined();
    const whole = await prisma.$transaction((tx) => exportLink(tx, actor, { table: 1, format: 'xlsx', links, now }));
    expect(whole.unit).toBeUndefined();
    const rows = await prisma.auditLog.findMany({ where: { action: 'export', memberId: row.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.entity, r.entityId, r.detail])).toEqual([
      ['Table', '2', JSON.stringify({ unit: '长沙市总工会', format: 'csv' })],
      ['Table', '1', JSON.stringify({ unit: '全省', format: 'xlsx' })],
    ]);
    await expect(prisma.$transaction((tx) => exportLink(tx, actor, { table: 1, format: 'xlsx', unitName: '火星', links, now }))).rejects.toMatchObject({
      message: '没有找到单位「火星」。请写市州或产业工会的名称，例如：导出 附件1 长沙',
    });
    await expect(prisma.$transaction((tx) => exportLink(tx, actor, { table: 1, format: 'xlsx', now }))).rejects.toMatchObject({ key: 'admin.export.linksOff' });
  });

  it('npm run export writes the same table to a file', async () => {
    const srv = s();
    const out = join(mkdtempSync(join(tmpdir(), 'export-')), '附件1.xlsx');
    const r = await run(['scripts/export.ts', '--table', '1', '--unit', '长沙市总工会', '--out', out], { DATABASE_URL: srv.app.config.DATABASE_URL });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = await sheetRows(readFileSync(out), '长沙市总工会');
    expect(rows[3]).toEqual([1, '长沙银行工会', '读懂中国', '长沙图书馆', '2020年6月5日 14:00', 40, '张三 13800000000']);
    const bad = await run(['scripts/export.ts', '--table', '3', '--out', out], { DATABASE_URL: srv.app.config.DATABASE_URL });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run export');
  });
});

/** What a spreadsheet would run as a formula, typed by a user as a theme. */
const FORMULAS = ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)'];
const LONG_FEATURES = '每周一三五晚上线上领读经典名著，周末组织读书分享会和征文比赛，月末评选读书之星并在工会公众号推送优秀读后感';

describe.each(KINDS)('the tables as the province can trust them on %s', (kind) => {
  const s = useWeComServer(kind, { ADMIN_TOKEN: TOKEN });
  const get = async (q: string) => {
    const r = await fetch(`${s().base}/admin/export?${q}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    return Buffer.from(await r.arrayBuffer());
  };
  const book = async (buf: Buffer) => {
    const b = new ExcelJS.Workbook();
    await b.xlsx.load(buf as any);
    return b;
  };
  const allText = async (buf: Buffer) => {
    const texts: string[] = [];
    (await book(buf)).eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void texts.push(String(cell.value)))));
    return texts.join('\n');
  };

  it('is filled through the bot; a cancelled activity and a deleted community get deletedAt', async () => {
    const srv = s();
    const say = async (user: string, chat: string, text: string) =>
      srv.app.dispatcher.handle({ platform: 'console', chatId: chat, chatTitle: chat, chatType: 'group', senderId: user, senderName: user, text, messageId: `${Math.random()}` });
    await say('张三', '长沙银行群', '绑定 长沙市总工会/长沙银行工会');
    for (const [i, theme] of FORMULAS.entries()) {
      expect(await say('张三', '长沙银行群', `登记活动 类型=沙龙 主题=${theme} 地点=长沙图书馆 时间=6月2${i}日下午2点`)).toContain(`「${theme}」`);
    }
    expect(await say('张三', '长沙银行群', '登记活动 类型=快闪 主题=红色诵读 地点=五一广场 时间=6月25日上午10点 人数=80')).toContain('已登记');
    expect(await say('张三', '长沙银行群', '登记活动 类型=沙龙 主题=取消的沙龙 地点=长沙图书馆 时间=6月26日下午2点')).toContain('已登记');
    expect(await say('张三', '长沙银行群', '登记活动 类型=快闪 主题=取消的快闪 地点=橘子洲 时间=6月27日上午10点')).toContain('已登记');
    await say('李四', '株洲群', '绑定 株洲');
    expect(await say('李四', '株洲群', `登记社群 名称=株洲读书会 成立=2020-05-20 人数=60 特色=${LONG_FEATURES}`)).toContain('已登记社群');
    expect(await say('李四', '株洲群', '登记社群 名称=删除的社群 成立=2020-05-21 人数=30 特色=晨读')).toContain('已登记社群');
    const prisma = srv.app.database.prisma;
    const gone = new Date('2020-06-11T02:00:00Z');
    expect((await prisma.activity.updateMany({ where: { theme: { in: ['取消的沙龙', '取消的快闪'] } }, data: { deletedAt: gone } })).count).toBe(2);
    expect((await prisma.readingGroup.updateMany({ where: { name: '删除的社群' }, data: { deletedAt: gone } })).count).toBe(1);
  });

  it('.xlsx: a formula typed as a theme is a plain string cell in a Text column, never a formula', async () => {
    const ws = (await book(await get('table=1&format=xlsx'))).getWorksheet('长沙市总工会')!;
    const themes = [4, 5, 6, 7].map((r) => ws.getRow(r).getCell(3));
    expect(themes.map((c) => c.value)).toEqual(FORMULAS);
    for (const c of themes) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
      expect(c.numFmt).toBe('@');
    }
    // The numbers stay numbers.
    expect(ws.getRow(4).getCell(1).value).toBe(1);
  });

  it('.csv: a formula typed as a theme gets a single quote before it (and quotes around it when needed)', async () => {
    const lines = (await get('table=1&format=csv')).toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(3, 7).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      `1,长沙银行工会,"'=HYPERLINK(""http://x"")"`,
      "2,长沙银行工会,'+1",
      "3,长沙银行工会,'-1",
      "4,长沙银行工会,'@SUM(A1)",
    ]);
  });

  it('a .csv field starting with a tab, CR or NUL is neutralised too; one with a ; or a tab inside is quoted', () => {
    expect(['\tx', '\rx', '\0x', 'a;=1+1', 'a\tb', '读书；分享', '5'].map(csvField)).toEqual(['"\'\tx"', '"\'\rx"', "'\0x", '"a;=1+1"', '"a\tb"', '读书；分享', '5']);
  });

  it('附件1 .xlsx: sheets only for units with rows, the summary, and the 快闪 in their own sheet with 附件1’s columns', async () => {
    const buf = await get('table=1&format=xlsx');
    const b = await book(buf);
    expect(b.worksheets.map((w) => w.name)).toEqual(['长沙市总工会', '全省汇总', '城市读书快闪']);
    expect(await sheetRows(buf, '城市读书快闪')).toEqual([
      ['城市读书快闪活动情况统计表'],
      ['市州、省产业工会：全省'],
      ['序号', '活动组织单位', '活动主题', '活动地点', '活动时间', '参与人数', '联系人'],
      // 人数=80 was given when registering: a plan, not the count of a held activity, so 参与人数 is empty.
      [1, '长沙银行工会', '红色诵读', '五一广场', '2020年6月25日 10:00', '张三'],
    ]);
    // No 快闪 among the 读书月 activities.
    expect((await sheetRows(buf, '全省汇总')).slice(3).map((r) => r[2])).toEqual(FORMULAS);
    // One unit asked for: its sheet even when empty, and its 快闪.
    const xiangtan = await get(`table=1&format=xlsx&unit=${encodeURIComponent('湘潭')}`);
    expect((await book(xiangtan)).worksheets.map((w) => w.name)).toEqual(['湘潭市总工会', '城市读书快闪']);
    expect(await sheetRows(xiangtan, '城市读书快闪')).toHaveLength(3);
  });

  it('附件1 .csv: the 快闪 as a second table after an empty line', async () => {
    const lines = (await get('table=1&format=csv&unit=长沙')).toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(7)).toEqual([
      '',
      '城市读书快闪活动情况统计表',
      '市州、省产业工会：长沙市总工会',
      '序号,活动组织单位,活动主题,活动地点,活动时间,参与人数,联系人',
      '1,长沙银行工会,红色诵读,五一广场,2020年6月25日 10:00,,张三',
      '',
    ]);
  });

  it('附件2 .xlsx: columns as wide as their content (CJK counting double), long text wrapping at the cap', async () => {
    const buf = await get('table=2&format=xlsx');
    const b = await book(buf);
    expect(b.worksheets.map((w) => w.name)).toEqual(['株洲市总工会', '全省汇总']);
    const ws = b.getWorksheet('株洲市总工会')!;
    expect(ws.getRow(4).getCell(6).value).toBe(LONG_FEATURES);
    const features = ws.getColumn(6);
    expect(features.width).toBeGreaterThan(10);
    expect(features.width).toBe(MAX_WIDTH);
    expect(ws.getRow(4).getCell(6).alignment).toMatchObject({ wrapText: true });
    // 社群名称: its widest value, 株洲读书会 (5 CJK characters, 10), with a margin of 2; no wrapping.
    expect(displayWidth('株洲读书会')).toBe(10);
    expect(ws.getColumn(3).width).toBe(12);
    expect(ws.getRow(4).getCell(3).alignment?.wrapText).toBeUndefined();
  });

  it('a cancelled activity and a deleted community are in no export', async () => {
    for (const q of ['table=1&format=xlsx', 'table=1&format=xlsx&unit=长沙']) {
      const text = await allText(await get(q));
      expect(text).toContain('红色诵读');
      expect(text).not.toContain('取消的');
    }
    const csv1 = (await get('table=1&format=csv')).toString('utf8');
    expect(csv1).toContain('红色诵读');
    expect(csv1).not.toContain('取消的');
    const x2 = await allText(await get('table=2&format=xlsx'));
    expect(x2).toContain('株洲读书会');
    expect(x2).not.toContain('删除的社群');
    const csv2 = (await get('table=2&format=csv&unit=株洲')).toString('utf8');
    expect(csv2).toContain('株洲读书会');
    expect(csv2).not.toContain('删除的社群');
  });
});
