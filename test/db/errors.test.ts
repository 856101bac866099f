import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SQLITE_BUSY_TIMEOUT_MS } from '../../src/db/adapters.js';
import { openDatabase } from '../../src/db/client.js';
import { isConflict, isInfrastructure, isUniqueViolation } from '../../src/db/errors.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { sqliteFile } from '../../src/db/provider.js';
import { freshDb, KINDS, PG_BASE } from '../helpers/db.js';
import { usePrisma } from '../helpers/domain.js';
import { holdWriteLock } from '../helpers/sqlite-lock.js';

/**
 * What a database error means, from errors the real drivers raise through Prisma: the database
 * failing (worth retrying later: the inbox keeps the message) or our code failing (a bug, never
 * retried). A wrong answer either way loses a message or retries a bug for ever.
 */
async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected the database to fail');
}

describe.each(KINDS)('database errors on %s', (kind) => {
  const prisma = usePrisma(kind);

  it('a unique key taken twice is a conflict, not an outage', async () => {
    const p = prisma();
    await p.jobRun.create({ data: { job: 'errors', window: 'w1', startedAt: new Date() } });
    const err = await errorOf(() => p.jobRun.create({ data: { job: 'errors', window: 'w1', startedAt: new Date() } }));
    expect([isUniqueViolation(err), isConflict(err), isInfrastructure(err)]).toEqual([true, true, false]);
  });

  it('SQL that cannot run and a bug in our code are not outages', async () => {
    const p = prisma();
    const bad = await errorOf(() => p.$queryRawUnsafe('SELECT no_such_column FROM "Unit"'));
    expect(isInfrastructure(bad)).toBe(false);
    const missing = await errorOf(() => p.unit.update({ where: { id: -1 }, data: { name: 'x' } }));
    expect(isInfrastructure(missing)).toBe(false);
    expect(isInfrastructure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});

describe('PostgreSQL unreachable or going away', () => {
  it.runIf(KINDS.includes('postgresql'))('a refused connection is an outage', async () => {
    const db = openDatabase('postgresql://postgres@127.0.0.1:1/test');
    try {
      const err = await errorOf(() => db.prisma.unit.count());
      expect(isInfrastructure(err)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it.runIf(KINDS.includes('postgresql'))('a connection the server terminates (57P01) is an outage', async () => {
    const db = openDatabase(PG_BASE);
    const killer = openDatabase(PG_BASE);
    try {
      const tag = `errors-${randomUUID()}`;
      const err = await errorOf(() =>
        db.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET application_name = '${tag}'`);
          await killer.prisma.$queryRawUnsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${tag}'`);
          await tx.$queryRawUnsafe('SELECT 1');
        }),
      );
      expect(isInfrastructure(err)).toBe(true);
    } finally {
      await db.close();
      await killer.close();
    }
  });
});

describe('SQLite locked by another process', () => {
  it('a write that waited out the busy timeout is an outage', async () => {
    const file = await freshDb('sqlite');
    await applyMigrations(file.url);
    const db = openDatabase(file.url);
    try {
      await db.prisma.unit.create({ data: { name: '测试单位', kind: 'CITY' } });
      const lock = await holdWriteLock(sqliteFile(file.url), SQLITE_BUSY_TIMEOUT_MS + 1_500);
      const err = await errorOf(() => db.prisma.jobRun.create({ data: { job: 'errors', window: 'locked', startedAt: new Date() } }));
      await lock.done;
      expect(isInfrastructure(err)).toBe(true);
    } finally {
      await db.close();
      await file.drop();
    }
  }, 20_000);
});
