/**
 * Counts the SQL statements the process sends to its databases, by kind: what a message costs is
 * read from here (test/scale/statements.test.ts, the benchmark). One integer increment per
 * statement; the texts are kept only while `record` is on.
 *
 *   const before = statementCounts();
 *   …
 *   const spent = statementsSince(before);
 */
export interface StatementCounts {
  /** SELECT, INSERT, UPDATE, DELETE, WITH …: a round trip that does work. */
  data: number;
  /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT. */
  control: number;
}

const counts: StatementCounts = { data: 0, control: 0 };
let recorded: string[] | undefined;

export function statementCounts(): StatementCounts {
  return { ...counts };
}

export function statementsSince(before: StatementCounts): StatementCounts {
  return { data: counts.data - before.data, control: counts.control - before.control };
}

/** Keeps the text of each statement from now on (undefined stops it); returns the list it fills. */
export function recordStatements(on: boolean): string[] | undefined {
  recorded = on ? [] : undefined;
  return recorded;
}

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|END)\b/i;

/** Called by the adapters (adapters.ts) for each statement. */
export function countStatement(sql: string): void {
  if (CONTROL.test(sql)) counts.control++;
  else counts.data++;
  recorded?.push(sql);
}

interface Queryable {
  queryRaw(query: { sql: string }): Promise<unknown>;
  executeRaw(query: { sql: string }): Promise<unknown>;
}
interface Connection extends Queryable {
  startTransaction(isolationLevel?: unknown): Promise<Queryable>;
}

/** Wraps a driver adapter connection (and the transactions it starts) so that each statement is counted. */
export function countingConnection<C>(conn: C): C {
  const c = conn as unknown as Connection;
  watch(c);
  const start = c.startTransaction.bind(c);
  c.startTransaction = async (level) => {
    const tx = await start(level);
    countStatement('BEGIN');
    watch(tx);
    return tx;
  };
  return conn;
}

function watch(q: Queryable): void {
  const query = q.queryRaw.bind(q);
  const execute = q.executeRaw.bind(q);
  q.queryRaw = (s) => {
    countStatement(s.sql);
    return query(s);
  };
  q.executeRaw = (s) => {
    countStatement(s.sql);
    return execute(s);
  };
}
