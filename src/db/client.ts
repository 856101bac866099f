import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { PrismaClient as PgClient } from '../generated/postgresql/client.js';
import { adapterFactory } from './adapters.js';
import { providerOf, type Provider } from './provider.js';

/**
 * One client type for the whole code base. The two generated clients come from the same models
 * and differ only in the SQL they compile to, so the PostgreSQL client is used through the
 * SQLite client's type.
 */
export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  prisma: Db;
  provider: Provider;
  close(): Promise<void>;
}

export function openDatabase(url: string): Database {
  const provider = providerOf(url);
  const adapter = adapterFactory(url) as any;
  const prisma = (provider === 'postgresql' ? new PgClient({ adapter }) : new SqliteClient({ adapter })) as Db;
  return { prisma, provider, close: () => prisma.$disconnect() };
}
