import { describe, expect, it } from 'vitest';
import { useBot } from '../helpers/bot.js';
import { KINDS } from '../helpers/db.js';

/** A new 基层单位 named near an existing one is asked about; one named like a 市州 is refused. */
describe.each(KINDS)('基层单位 spelling variants on %s', (kind) => {
  const bot = useBot(kind);
  const grassroots = (parent: string) =>
    bot().app.database.prisma.unit.findMany({ where: { parent: { name: parent } }, orderBy: { id: 'asc' } }).then((us) => us.map((u) => u.name));

  it('长沙银行, then 长沙银行工会 and 長沙銀行: asked whether the existing one is meant', async () => {
    const b = bot();
    expect(await b.say('甲', '银行群', '绑定 长沙市总工会/长沙银行')).toContain('长沙银行');
    const asked = await b.say('乙', '银行二群', '绑定 长沙市总工会/长沙银行工会');
    expect(asked).toContain('是指已有的「长沙银行」吗？回复「是」，或发「新建 长沙银行工会」');
    expect(await b.say('乙', '银行二群', '是')).toContain('「长沙银行」');
    expect(await grassroots('长沙市总工会')).toEqual(['长沙银行']);
    // Traditional characters are the same name.
    expect(await b.say('丙', '银行三群', '绑定 长沙市总工会/長沙銀行')).toContain('「长沙银行」');
    expect(await grassroots('长沙市总工会')).toEqual(['长沙银行']);
    // One character off: asked; 「新建」 makes the new one.
    expect(await b.say('丁', '支行群', '绑定 长沙市总工会/长沙银行行')).toContain('是指已有的「长沙银行」吗');
    expect(await b.say('丁', '支行群', '新建 长沙银行开福支行')).toContain('长沙银行开福支行');
    expect(await grassroots('长沙市总工会')).toEqual(['长沙银行', '长沙银行开福支行']);
  });

  it('a 基层单位 named like its parent or another 市州 is refused', async () => {
    const b = bot();
    expect(await b.say('戊', '株洲某群', '绑定 株洲市总工会/株洲')).toContain('「株洲」和「株洲市总工会」同名，不能登记为基层单位');
    expect(await b.say('戊', '株洲某群', '绑定 株洲市总工会/湘潭市')).toContain('和「湘潭市总工会」同名');
    expect(await grassroots('株洲市总工会')).toEqual([]);
  });
});
