import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_BASE = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let pgUp: boolean | undefined;
/** Whether PostgreSQL answers. In CI (REQUIRE_PG=1) a missing server fails the run instead of skipping. */
export async function postgresAvailable(): Promise<boolean> {
  if (pgUp !== undefined) return pgUp;
  const c = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    pgUp = true;
  } catch (err) {
    if (process.env.REQUIRE_PG === '1') throw new Error(`REQUIRE_PG=1 but PostgreSQL is not reachable at ${PG_BASE}: ${err}`);
    pgUp = false;
  } finally {
    await c.end().catch(() => {});
  }
  return pgUp;
}

export interface TestDb {
  url: string;
  drop(): Promise<void>;
}

export type Kind = 'sqlite' | 'postgresql';

/** A fresh, empty database of the kind: a temporary SQLite file, or a new PostgreSQL schema. */
export async function freshDb(kind: Kind): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bot-test-'));
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  return {
    url: `${PG_BASE}?schema=${schema}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

/**
 * The database kinds every integration test runs on: SQLite always, PostgreSQL when it answers
 * (and always in CI, where REQUIRE_PG=1 turns a missing server into a failure).
 */
export const KINDS: Kind[] = (await postgresAvailable()) ? ['sqlite', 'postgresql'] : ['sqlite'];
