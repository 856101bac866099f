import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, diffSql, migrationsDir, root, schemaPath } from '../../src/db/migrate.js';
import { applyMigrationsApart } from '../../src/db/migrate-apart.js';
import { openDatabase } from '../../src/db/client.js';
import { freshDb, KINDS, PG_BASE } from '../helpers/db.js';

describe.each(KINDS)('migrations on %s', (kind) => {
  it('apply from empty, then are a no-op; the tables work through the generated client', async () => {
    const db = await freshDb(kind);
    try {
      const first = await applyMigrations(db.url);
      expect(first.length).toBeGreaterThan(0);
      expect(await applyMigrations(db.url)).toEqual([]);
      const database = openDatabase(db.url);
      try {
        const u = await database.prisma.unit.create({ data: { name: '测试单位', kind: 'CITY' } });
        expect(await database.prisma.unit.findUnique({ where: { id: u.id } })).toMatchObject({ name: '测试单位', kind: 'CITY' });
      } finally {
        await database.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('apply in a child process too (npm start), creating a missing SQLite directory', async () => {
    const db = await freshDb(kind);
    const url = kind === 'sqlite' ? db.url.replace(/([^/]+)$/, 'new/dir/$1') : db.url;
    try {
      const all = readdirSync(migrationsDir(kind), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
      expect(await applyMigrationsApart(url)).toEqual(all);
      expect(await applyMigrationsApart(url)).toEqual([]);
      expect(await applyMigrations(url)).toEqual([]);
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('the latest migration was made from the current schema (never hand-diverged)', async () => {
    const dirs = readdirSync(migrationsDir(kind), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const snapshot = join(migrationsDir(kind), dirs.at(-1)!, 'schema.prisma');
    expect(readFileSync(snapshot, 'utf8')).toBe(readFileSync(schemaPath(kind), 'utf8'));
    const url = kind === 'sqlite' ? 'file::memory:' : PG_BASE;
    const pending = await diffSql(url, { tag: 'schemaDatamodel', files: [{ path: snapshot, content: readFileSync(snapshot, 'utf8') }] });
    expect(pending).toMatch(/empty migration/);
  });
});

describe('schemas', () => {
  it('the PostgreSQL schema is derived from prisma/schema.prisma', () => {
    const src = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');
    const pg = readFileSync(join(root, 'prisma/postgresql/schema.prisma'), 'utf8');
    const strip = (s: string) => s.replace(/^\/\/ GENERATED.*\n/, '').replace(/provider\s*=\s*"(sqlite|postgresql)"/, '').replace(/output\s*=.*\n/, '');
    expect(strip(pg)).toBe(strip(src));
  });
});
