import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unitOverview } from '../../src/domain/overview.js';
import { readUnitsFile, resolveUnit, topUnitNamed, unitToBind } from '../../src/domain/units.js';
import { KINDS } from '../helpers/db.js';
import { inTx, useDomainDb } from '../helpers/domain.js';

describe('the units file', () => {
  it('names the file, the line and the row when a 类型 is unknown', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'units-')), 'units.csv');
    writeFileSync(file, '# 单位名称,简称,类型,上级单位\n湖南省总工会,,省总工会,\n长沙市总工会,长沙,市级工会,湖南省总工会\n');
    expect(() => readUnitsFile(file)).toThrow(`${file}:3: expected 单位名称,简称,类型,上级单位 with a known 类型, got "长沙市总工会,长沙,市级工会,湖南省总工会"`);
  });
});

describe.each(KINDS)('units on %s', (kind) => {
  const domain = useDomainDb(kind);

  it('finds a unit by full name, short name, or name without its ending; several give a choice', async () => {
    const d = domain();
    await inTx(d, async (tx) => {
      for (const typed of ['长沙市总工会', '长沙', '长沙市', '长沙市工会']) {
        const found = await resolveUnit(tx, typed);
        expect('unit' in found && found.unit.name, typed).toBe('长沙市总工会');
      }
      const several = await resolveUnit(tx, '湘');
      expect('choices' in several && several.choices.length).toBeGreaterThan(1);
      expect(await resolveUnit(tx, '火星总工会')).toEqual({ none: true });
      expect(await resolveUnit(tx, '  ')).toEqual({ none: true });
    });
  });

  it('binding to 上级/基层 registers the 基层单位 once, under a level-1 parent only', async () => {
    const d = domain();
    const first = await inTx(d, (tx) => unitToBind(tx, '长沙市总工会/长沙测试银行工会'));
    expect('unit' in first && first.created).toBe(true);
    const again = await inTx(d, (tx) => unitToBind(tx, '长沙 / 长沙测试银行工会'));
    expect('unit' in again && again.created).toBe(false);
    const unit = await d.prisma.unit.findUniqueOrThrow({ where: { name: '长沙测试银行工会' }, include: { parent: true } });
    expect(unit).toMatchObject({ kind: 'GRASSROOTS', parent: { name: '长沙市总工会' } });
    expect(await inTx(d, (tx) => topUnitNamed(tx, '长沙测试银行工会'))).toMatchObject({ name: '长沙市总工会' });

    await expect(inTx(d, (tx) => unitToBind(tx, '长沙测试银行工会/某支行工会'))).rejects.toMatchObject({
      key: 'units.grassrootsWrongParent',
      message: '基层单位只能建在市州总工会、省产业工会、省直机关工会或省直属工委下面，「长沙测试银行工会」不行。例如：绑定 长沙市总工会/长沙银行工会',
    });
    await expect(inTx(d, (tx) => unitToBind(tx, '长沙/银'))).rejects.toMatchObject({ message: '基层单位名称需要 2—40 个字，且不能包含斜杠，例如：绑定 长沙市总工会/长沙银行工会' });
    await expect(inTx(d, (tx) => unitToBind(tx, '株洲/长沙测试银行工会'))).rejects.toMatchObject({
      message: '「长沙测试银行工会」已经登记在别的上级单位下了，请联系省总工会管理员核对。',
    });
    await expect(inTx(d, (tx) => unitToBind(tx, '火星总工会/某工会'))).rejects.toMatchObject({
      message: '没有找到「火星总工会」。请写市州、产业工会的名称，例如：绑定 长沙；基层单位请写成：绑定 长沙市总工会/单位全称',
    });
    expect(await d.prisma.unit.count({ where: { name: '某支行工会' } })).toBe(0);
  });

  it('an ambiguous parent offers its units, each answer keeping the 基层单位 to create', async () => {
    const d = domain();
    const choice = await inTx(d, (tx) => unitToBind(tx, '湘/湘测试工会'));
    if (!('ambiguous' in choice)) throw new Error('expected a choice');
    expect(choice.ambiguous).toBe('湘');
    expect(choice.answers).toEqual(choice.units.map((unit) => `${unit.name}/湘测试工会`));
    expect(await d.prisma.unit.count({ where: { name: '湘测试工会' } })).toBe(0);
  });

  it('我的 lists a unit’s to-dos: this week’s count, activities past their time, open host requests', async () => {
    const d = domain();
    const now = new Date('2020-06-10T10:00:00+08:00');
    const unit = await d.prisma.unit.findUniqueOrThrow({ where: { name: '岳阳市总工会' } });
    const overview = () => inTx(d, (tx) => unitOverview(tx, { campaignId: d.campaign.id, unitId: unit.id, now }));
    expect(await overview()).toEqual({ groups: 0, todos: [{ kind: 'report' }] });

    const base = { campaignId: d.campaign.id, unitId: unit.id, contactName: '王五' };
    await d.prisma.countReport.create({ data: { campaignId: d.campaign.id, unitId: unit.id, metric: 'recommend', week: '2020-06-08', count: 12 } });
    const past = await d.prisma.activity.create({ data: { ...base, kind: 'SALON', theme: '读懂中国', place: '图书馆', startsAt: new Date('2020-06-09T14:00:00+08:00') } });
    await d.prisma.activity.create({ data: { ...base, kind: 'SALON', theme: '还没到', place: '图书馆', startsAt: new Date('2020-06-20T14:00:00+08:00') } });
    await d.prisma.activity.create({ data: { ...base, kind: 'SALON', theme: '已完成', place: '图书馆', startsAt: new Date('2020-06-01T14:00:00+08:00'), status: 'HELD', participantCount: 30 } });
    const request = await d.prisma.hostRequest.create({
      data: { ...base, month: '2020-07', theme: '劳模讲书', proposedAt: new Date('2020-07-18T14:00:00+08:00'), place: '文化宫', expectedParticipants: 200 },
    });
    await d.prisma.hostRequest.create({
      data: { ...base, month: '2020-08', theme: '撤回了', proposedAt: new Date('2020-08-18T14:00:00+08:00'), place: '文化宫', expectedParticipants: 200, status: 'WITHDRAWN' },
    });
    await d.prisma.readingGroup.create({ data: { ...base, name: '书香岳阳', foundedOn: new Date('2020-06-01T00:00:00+08:00'), memberCount: 50 } });

    const after = await overview();
    expect(after.groups).toBe(1);
    expect(after.todos.map((todo) => (todo.kind === 'activity' ? todo.activity.id : todo.kind === 'host' ? todo.request.id : todo.kind))).toEqual([past.id, request.id]);
  });
});
