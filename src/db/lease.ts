import type { Db } from './client.js';

/**
 * A named lease in the database (the Lease table): at most one holder at a time across every
 * instance on the database, for something only one of them may do at once — e.g. hold the WeCom
 * smart bot's long connection, which WeCom allows once per bot (a second connection drops the
 * first). The holder renews it while it works; when the holder dies the lease runs out and
 * another instance takes it.
 *
 * Each claim is one conditional statement (an insert, or an update of a lease that ran out or is
 * already ours), so two instances claiming at the same moment cannot both win, on SQLite and on
 * PostgreSQL alike. Times are the instances' wall clocks: they are assumed to agree within a small
 * fraction of the lease's length (NTP does much better).
 */
export class Lease {
  constructor(
    private readonly prisma: Db,
    readonly name: string,
    /** This instance's id, unique per process. */
    readonly holder: string,
    private readonly o: { ttlMs: number; now?: () => Date },
  ) {}

  private now(): Date {
    return this.o.now ? this.o.now() : new Date();
  }

  /**
   * Takes the lease, or extends it when it is ours: until `ttlMs` from now. Returns when it now
   * runs out, or undefined when another holder has it. Throws when the database fails.
   */
  async claim(): Promise<Date | undefined> {
    const now = this.now();
    const until = new Date(now.getTime() + this.o.ttlMs);
    const changed = await this.prisma.$executeRaw`
      INSERT INTO "Lease" ("name", "holder", "until", "updatedAt") VALUES (${this.name}, ${this.holder}, ${until}, ${now})
      ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "until" = excluded."until", "updatedAt" = excluded."updatedAt"
      WHERE "Lease"."until" < ${now} OR "Lease"."holder" = ${this.holder}`;
    return changed === 1 ? until : undefined;
  }

  /** Gives the lease up, if ours, so another instance may take it at once. */
  async release(): Promise<void> {
    await this.prisma.lease.deleteMany({ where: { name: this.name, holder: this.holder } });
  }

  /** Who holds the lease now, and until when; undefined when nobody does. */
  async current(): Promise<{ holder: string; until: Date } | undefined> {
    const row = await this.prisma.lease.findUnique({ where: { name: this.name } });
    return row && row.until >= this.now() ? { holder: row.holder, until: row.until } : undefined;
  }
}
