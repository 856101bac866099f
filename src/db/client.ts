import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { PrismaClient as PgClient } from '../generated/postgresql/client.js';
import { adapterFactory } from './adapters.js';
import { GroupCommit } from './group-commit.js';
import { providerOf, type Provider } from './provider.js';
import type { Db } from './types.js';

export type { Db, Tx } from './types.js';

export interface Database {
  prisma: Db;
  provider: Provider;
  /** The message path's writes, grouped into one commit on SQLite (group-commit.ts). */
  writes: GroupCommit;
  close(): Promise<void>;
}

export function openDatabase(url: string): Database {
  const provider = providerOf(url);
  const adapter = adapterFactory(url) as any;
  const prisma = (provider === 'postgresql' ? new PgClient({ adapter }) : new SqliteClient({ adapter })) as Db;
  return { prisma, provider, writes: new GroupCommit(prisma, provider), close: () => prisma.$disconnect() };
}
