/** What we use of better-sqlite3's statement and connection (it ships no types). */
interface Statement {
  readonly reader: boolean;
  run(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(on: boolean): { all(...args: unknown[]): unknown[] };
}
interface Connection {
  prepare(sql: string): unknown;
}

/**
 * Prisma's SQLite adapter (7.10) prepares every statement anew, which was 14 % of the server's
 * CPU under load: SQLite compiles the SQL each time. Prisma's statements are few and repeat, so
 * this keeps the compiled ones, by SQL text, for the adapter's connection. The adapter binds its
 * arguments with `prepare(sql).bind(args)`, which better-sqlite3 allows once per statement, so
 * each `prepare` hands out a light view that passes the arguments to the kept statement instead.
 *
 *   cacheStatements(adapter.client);
 */
export function cacheStatements(db: Connection, max = 500): void {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const kept = new Map<string, Statement>();
  const cached = (sql: string): Statement => {
    let stmt = kept.get(sql);
    if (stmt) {
      // Most recently used last, so the first entry is the one to drop.
      kept.delete(sql);
    } else {
      stmt = prepare(sql);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, stmt);
    return stmt;
  };
  db.prepare = (sql: string) => {
    const stmt = cached(sql);
    return {
      reader: stmt.reader,
      run: (...args: unknown[]) => stmt.run(...args),
      bind: (...args: unknown[]) => bound(stmt, args),
    };
  };
}

/** What the adapter uses of a bound statement. */
function bound(stmt: Statement, args: unknown[]) {
  return {
    reader: stmt.reader,
    run: () => stmt.run(...args),
    columns: () => stmt.columns(),
    raw: () => ({ all: () => stmt.raw(true).all(...args) }),
  };
}
