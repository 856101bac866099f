import type { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';

/**
 * One client type for the whole code base. The two generated clients come from the same models
 * and differ only in the SQL they compile to, so the PostgreSQL client is used through the
 * SQLite client's type.
 */
export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
