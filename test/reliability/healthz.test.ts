import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { HEALTH_WRITE_MS } from '../../src/server.js';
import { KINDS, PG_BASE } from '../helpers/db.js';
import { useWeComServer } from '../helpers/wecom.js';

describe.each(KINDS)('/healthz on %s: healthy only while the database takes writes', (kind) => {
  const s = useWeComServer(kind);

  /** Makes the database refuse or hold our writes until `restore` is called. */
  async function unwritable(): Promise<() => Promise<void>> {
    const { app } = s();
    if (kind === 'sqlite') {
      // SQLite's read-only switch, on the server's own (only) connection: reads go on, writes fail.
      await app.database.prisma.$executeRawUnsafe('PRAGMA query_only = 1');
      return async () => void (await app.database.prisma.$executeRawUnsafe('PRAGMA query_only = 0'));
    }
    // PostgreSQL: another session locks the table against writes (reads go on), as a long
    // migration or a stuck transaction would.
    const schema = new URL(app.config.DATABASE_URL).searchParams.get('schema')!;
    const other = new pg.Client({ connectionString: PG_BASE });
    await other.connect();
    await other.query('BEGIN');
    await other.query(`LOCK TABLE "${schema}"."OutboxChannel" IN EXCLUSIVE MODE`);
    return async () => {
      await other.query('COMMIT');
      await other.end();
    };
  }

  it('200 normally; 503 while writes fail, though reads still work; 200 again once restored', async () => {
    const { base, app, logs } = s();
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, database: kind });

    const restore = await unwritable();
    try {
      // Reads still answer: the old SELECT 1 check would have said healthy.
      expect(await app.database.prisma.unit.count()).toBeGreaterThan(0);
      const started = Date.now();
      const down = await fetch(`${base}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ ok: false, campaign: app.campaign.name, database: kind, error: 'database not writable' });
      expect(Date.now() - started).toBeLessThan(HEALTH_WRITE_MS + 2_000);
      expect(logs.some((l) => l.includes('the database takes no writes'))).toBe(true);
    } finally {
      await restore();
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
