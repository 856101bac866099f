import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { providerOf, sqliteFile } from './provider.js';
import { cacheStatements } from './sqlite-statements.js';

/** The driver adapter factory for a database URL (no native Prisma engine involved). */
export function adapterFactory(url: string) {
  if (providerOf(url) === 'postgresql') {
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    // `?schema=` selects a PostgreSQL schema: the adapter qualifies its queries with it, and the
    // search_path makes the migrations' unqualified DDL land there too.
    return new PrismaPg(
      { connectionString: u.toString(), ...(schema ? { options: `-c search_path="${schema}"` } : {}) },
      schema ? { schema } : undefined,
    );
  }
  return new SqliteStatementsKept({ url: sqliteFile(url) });
}

/** The SQLite adapter factory, with each connection's compiled statements kept for reuse. */
class SqliteStatementsKept extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    cacheStatements((adapter as unknown as { client: Parameters<typeof cacheStatements>[0] }).client);
    return adapter;
  }
}
