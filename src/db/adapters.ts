import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { providerOf, sqliteFile } from './provider.js';
import { cacheStatements } from './sqlite-statements.js';
import { countingConnection } from './statements.js';

/** The driver adapter factory for a database URL (no native Prisma engine involved). */
export function adapterFactory(url: string) {
  if (providerOf(url) === 'postgresql') {
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    // `?schema=` selects a PostgreSQL schema: the adapter qualifies its queries with it, and the
    // search_path makes the migrations' unqualified DDL land there too.
    return new CountedPg(
      { connectionString: u.toString(), ...(schema ? { options: `-c search_path="${schema}"` } : {}) },
      schema ? { schema } : undefined,
    );
  }
  return new SqliteConnection({ url: sqliteFile(url), timeout: SQLITE_BUSY_TIMEOUT_MS });
}

/**
 * How long a SQLite statement waits for another connection's write lock (the chat console or a
 * script on the same file) before it fails. better-sqlite3 waits synchronously, so the server
 * stands still meanwhile: long enough for another process's transaction, short enough to notice.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** What we use of the adapter's better-sqlite3 connection (it ships no types). */
interface Connection {
  pragma(source: string): unknown;
  prepare(sql: string): unknown;
}

/**
 * The SQLite adapter factory with each connection set up for what the bot promises — a message it
 * acknowledged is not lost, and a lock held by another process is waited for, not failed:
 * - WAL, so readers (the console, a second process) never block the writer, nor it them;
 * - synchronous=FULL: each commit is on disk before it returns (better-sqlite3's WAL default is
 *   NORMAL, whose last commits a power cut may undo);
 * - busy_timeout, so a statement waits for another connection's lock;
 * - transactions begin IMMEDIATE: a transaction that has read and then writes while another
 *   process holds the write lock fails at once in WAL mode, without waiting (SQLITE_BUSY; SQLite
 *   calls no busy handler for that upgrade). Taking the write lock at BEGIN waits for it instead.
 *   Prisma runs this connection's transactions one at a time, so nothing is lost in the process.
 *   When BEGIN IMMEDIATE itself fails (the lock still held after the busy timeout, a read-only
 *   database) the transaction begins as Prisma asked (a plain BEGIN, which takes no lock and
 *   cannot fail), so that its first write meets the same error, inside the transaction, and Prisma
 *   rolls it back. The adapter (7.10) takes its transaction lock before BEGIN and gives it back only
 *   on commit or rollback: a BEGIN that threw would keep every later transaction waiting.
 * - compiled statements kept for reuse (see sqlite-statements.ts).
 */
class SqliteConnection extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const db = (adapter as unknown as { client: Connection }).client;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    cacheStatements(db);
    const prepare = db.prepare.bind(db) as (sql: string) => { run(): unknown };
    const begin = {
      reader: false,
      run: () => {
        try {
          return prepare('BEGIN IMMEDIATE').run();
        } catch {
          // Not lost: the transaction's first write fails with the same error (see above).
          return prepare('BEGIN').run();
        }
      },
    };
    db.prepare = (sql: string) => (sql === 'BEGIN' ? begin : prepare(sql));
    return countingConnection(adapter);
  }
}

/** PostgreSQL's adapter factory with each statement counted (statements.ts). */
class CountedPg extends PrismaPg {
  override async connect() {
    return countingConnection(await super.connect());
  }
}
