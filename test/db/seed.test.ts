import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { applyMigrations, root } from '../../src/db/migrate.js';
import { importUnits, readUnitsFile } from '../../src/domain/units.js';
import { freshDb, KINDS } from '../helpers/db.js';
import { run } from '../helpers/spawn.js';

const CITIES = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西土家族苗族自治州'];

describe('units seed file', () => {
  const rows = readUnitsFile(join(root, 'prisma/seed/units.csv'));
  it('holds the 14 市州总工会, 省直机关工会, 省直属工委 and 省产业工会 under the province', () => {
    const cities = rows.filter((r) => r.kind === 'CITY');
    expect(cities.length).toBe(14);
    for (const c of CITIES) expect(cities.filter((u) => u.name.startsWith(c)).length, c).toBe(1);
    expect(rows.some((r) => r.kind === 'ORGAN' && r.name === '省直机关工会')).toBe(true);
    expect(rows.some((r) => r.kind === 'DIRECT' && r.name === '省直属基层工会工作委员会')).toBe(true);
    expect(rows.filter((r) => r.kind === 'INDUSTRY').length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.kind !== 'PROVINCE').every((r) => r.parent === '湖南省总工会')).toBe(true);
  });
});

describe.each(KINDS)('npm run seed on %s', (kind) => {
  it('imports idempotently and keeps units created from chat', async () => {
    const db = await freshDb(kind);
    try {
      const first = await run(['scripts/seed.ts'], { DATABASE_URL: db.url });
      expect(first.stdout).toMatch(/units: \d+ created, 0 updated/);
      const database = openDatabase(db.url);
      try {
        const n = await database.prisma.unit.count();
        const cs = await database.prisma.unit.findUniqueOrThrow({ where: { name: '长沙市总工会' } });
        await database.prisma.unit.create({ data: { name: '长沙银行工会', kind: 'GRASSROOTS', parentId: cs.id } });
        const again = await importUnits(database.prisma, readUnitsFile(join(root, 'prisma/seed/units.csv')));
        expect(again).toEqual({ created: 0, updated: n });
        expect(await database.prisma.unit.count()).toBe(n + 1);
        expect((await database.prisma.unit.findUniqueOrThrow({ where: { name: '长沙市总工会' } })).id).toBe(cs.id);
      } finally {
        await database.close();
      }
      expect(await applyMigrations(db.url)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
