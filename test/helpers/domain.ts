import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database, type Tx } from '../../src/db/client.js';
import { isConflict } from '../../src/db/errors.js';
import { applyMigrations, root } from '../../src/db/migrate.js';
import type { Actor } from '../../src/domain/actor.js';
import { ensureCampaign, type CampaignSettings } from '../../src/domain/campaign.js';
import { UserError } from '../../src/domain/errors.js';
import { importUnits, readUnitsFile } from '../../src/domain/units.js';
import type { Campaign, Role } from '../../src/generated/sqlite/client.js';
import { freshDb, type Kind, type TestDb } from './db.js';

/** Domain tests: the domain functions alone, on a fresh database, without the app or its commands. */

export type Prisma = Database['prisma'];

export interface DomainDb {
  prisma: Prisma;
  campaign: Campaign;
}

/** A client, or anything carrying one (a DomainDb, a Database). */
type HasPrisma = Prisma | { prisma: Prisma };
const prismaOf = (d: HasPrisma): Prisma => ('prisma' in d ? d.prisma : d);

/**
 * A fresh, migrated database of `kind` for the describe block, prepared by `prepare`; the
 * returned function gives what `prepare` made once the block's beforeAll has run.
 */
function useDatabase<T>(kind: Kind, prepare: (prisma: Prisma) => Promise<T>): () => T {
  let db: TestDb | undefined;
  let database: Database | undefined;
  let ready: { value: T } | undefined;
  beforeAll(async () => {
    db = await freshDb(kind);
    await applyMigrations(db.url);
    database = openDatabase(db.url);
    ready = { value: await prepare(database.prisma) };
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });
  return () => {
    if (!ready) throw new Error('database not ready');
    return ready.value;
  };
}

const seedUnits = (prisma: Prisma) => importUnits(prisma, readUnitsFile(join(root, 'prisma/seed/units.csv')));

/** A fresh, migrated database of `kind`, with the seeded units unless `units` is false: no campaign. */
export function usePrisma(kind: Kind, { units = true }: { units?: boolean } = {}): () => Prisma {
  return useDatabase(kind, async (prisma) => {
    if (units) await seedUnits(prisma);
    return prisma;
  });
}

/**
 * A fresh database of `kind` with the seeded units and a campaign from 2020-05-01 to the end of
 * 2020 (made on 2020-06-10), with any further `settings` (a contact email, a logo).
 */
export function useDomainDb(kind: Kind, settings: Partial<CampaignSettings> = {}): () => DomainDb {
  return useDatabase(kind, async (prisma) => {
    await seedUnits(prisma);
    const campaign = await ensureCampaign(
      prisma,
      { name: 'test', start: new Date('2020-05-01T00:00:00+08:00'), end: new Date('2020-12-31T23:59:59+08:00'), ...settings },
      new Date('2020-06-10T10:00:00+08:00'),
    );
    return { prisma, campaign };
  });
}

/** A member of `unitName` (none when null) with `role`, as the domain sees them. */
export async function actorFor(d: HasPrisma, name: string, unitName: string | null, role: Role = 'CONTACT'): Promise<Actor> {
  const prisma = prismaOf(d);
  const unit = unitName ? await prisma.unit.findUniqueOrThrow({ where: { name: unitName } }) : null;
  const member = await prisma.member.create({ data: { platform: 'console', platformUserId: name, displayName: name, unitId: unit?.id, role } });
  return { memberId: member.id, name, ref: `console:${name}`, platform: 'console', messageId: `m-${name}`, isAdmin: role !== 'CONTACT', unit };
}

/** Runs a domain function in a transaction, as the dispatcher does for a message. */
export function inTx<T>(d: HasPrisma, work: (tx: Tx) => Promise<T>): Promise<T> {
  return prismaOf(d).$transaction((tx) => work(tx));
}

/** `inTx` as the dispatcher runs it under contention: with longer waits, and again after a write conflict. */
export async function inTxRetrying<T>(d: HasPrisma, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prismaOf(d).$transaction((tx) => work(tx), { maxWait: 15_000, timeout: 30_000 });
    } catch (err) {
      // A conflict, or a transaction that could not start in time on a loaded machine (P2028), is tried again.
      const busy = (err as { code?: string } | null)?.code === 'P2028' || /P2028|Unable to start a transaction/i.test(String(err));
      if (!(isConflict(err) || busy) || attempt >= 5) throw err;
    }
  }
}

/** The refusal (a UserError's key and message) `promise` ends in; any other error is thrown again. */
export async function refusal(promise: Promise<unknown>): Promise<{ key: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UserError) return { key: err.key, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

/** The text key of the refusal `promise` ends in. */
export const refusalKey = async (promise: Promise<unknown>): Promise<string> => (await refusal(promise)).key;
