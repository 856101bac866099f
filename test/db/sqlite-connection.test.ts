import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { sqliteFile } from '../../src/db/provider.js';
import { t } from '../../src/texts.js';
import { useBot } from '../helpers/bot.js';
import { holdWriteLock } from '../helpers/sqlite-lock.js';

describe('SQLite connection set-up', () => {
  const bot = useBot('sqlite');

  it('a message that arrives while another process holds the write lock for a second waits for it and is handled', async () => {
    const b = bot();
    expect(await b.say('王芳', '长沙群', '绑定 长沙')).toContain('绑定成功');
    const lock = await holdWriteLock(sqliteFile(b.app.config.DATABASE_URL), 1_000);
    const started = Date.now();
    const reply = await b.say('王芳', '长沙群', '上报 荐读 35');
    const waited = Date.now() - started;
    await lock.done;
    expect(reply).not.toBe(t('bot.apology'));
    expect(reply).toContain('已上报');
    expect(waited).toBeGreaterThanOrEqual(500);
    expect(await b.app.database.prisma.countReport.count({ where: { count: 35 } })).toBe(1);
  });

  it('a transaction that cannot take the write lock fails on its own and holds up none after it', async () => {
    const prisma = bot().app.database.prisma;
    await prisma.$executeRawUnsafe('PRAGMA query_only = 1');
    try {
      // Reading still works in a transaction; writing fails, inside it, and is rolled back.
      expect(await prisma.$transaction((tx) => tx.unit.count())).toBeGreaterThan(0);
      await expect(prisma.$transaction((tx) => tx.chat.create({ data: { platform: 'console', platformChatId: 'ro-1', title: 'ro' } }))).rejects.toThrow(/readonly/);
    } finally {
      await prisma.$executeRawUnsafe('PRAGMA query_only = 0');
    }
    const started = Date.now();
    await prisma.$transaction((tx) => tx.chat.create({ data: { platform: 'console', platformChatId: 'ro-2', title: 'rw' } }), { maxWait: 2_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await prisma.chat.count({ where: { platformChatId: { in: ['ro-1', 'ro-2'] } } })).toBe(1);
  });

  it('every connection is in WAL mode with synchronous=FULL and a 5 s busy timeout', async () => {
    const b = bot();
    // A connection opened on the file as it is now (already in WAL mode), as a restart or the console opens it.
    const again = openDatabase(b.app.config.DATABASE_URL);
    try {
      for (const prisma of [b.app.database.prisma, again.prisma]) {
        const one = async (pragma: string) => Object.values(((await prisma.$queryRawUnsafe(`PRAGMA ${pragma}`)) as object[])[0])[0];
        expect(await one('journal_mode')).toBe('wal');
        expect(Number(await one('synchronous'))).toBe(2);
        expect(Number(await one('busy_timeout'))).toBe(5000);
      }
    } finally {
      await again.close();
    }
  });
});
