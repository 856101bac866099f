import type { Db, Tx } from './types.js';
import type { Provider } from './provider.js';

/** Most writes one commit carries. */
const MAX_BATCH = 64;
/** Prisma's interactive transaction limits, as the dispatcher has always used them. */
const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

interface Job {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * The writes of the message path, grouped into one commit on SQLite. With synchronous=FULL each
 * commit waits for the disk (about 4 ms here: three per 上报 capped a process near 100 messages a
 * second), and the SQLite connection runs one transaction at a time anyway. So writes that arrive
 * while a commit is under way wait for the next one, which carries all of them: each in a
 * SAVEPOINT of its own, so one that fails (a refusal, a unique key already taken) is undone alone
 * and the others stand; each caller learns its outcome only once the commit is on disk. A batch
 * whose commit fails runs its writes again one by one, so no write is failed by another's error.
 *
 * On PostgreSQL each write is its own transaction, as before: the server already groups the
 * commits of concurrent connections into one flush, and batching would queue them on one connection.
 *
 *   const reply = await writes.transaction(async (tx) => …);   // interactive, all or nothing
 *   await writes.write((tx) => tx.processedMessage.create(…)); // one statement
 */
export class GroupCommit {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(
    private readonly prisma: Db,
    private readonly provider: Provider,
  ) {}

  /** `work` in a transaction of its own (PostgreSQL) or in the next group commit (SQLite). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.provider !== 'sqlite') return this.prisma.$transaction(work, TX_OPTIONS);
    return this.enqueue(work);
  }

  /** A write of one statement: run at once (PostgreSQL), or in the next group commit (SQLite). */
  write<T>(work: (db: Tx) => Promise<T>): Promise<T> {
    if (this.provider !== 'sqlite') return work(this.prisma);
    return this.enqueue(work);
  }

  private enqueue<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // better-sqlite3 commits synchronously: the callbacks of requests that arrived meanwhile
        // have not run yet. The batch starts after them (setImmediate runs once the pending I/O
        // callbacks have), so the writes they make join it.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        await this.commit(this.queue.splice(0, MAX_BATCH));
        // Again after the callbacks of what arrived during that commit.
        if (this.queue.length) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(jobs: Job[]): Promise<void> {
    if (jobs.length === 1) {
      await settle(jobs[0], () => this.prisma.$transaction(jobs[0].work, TX_OPTIONS));
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
    try {
      await this.prisma.$transaction(async (tx) => {
        outcomes.length = 0;
        for (const job of jobs) {
          await tx.$executeRawUnsafe('SAVEPOINT group_write');
          try {
            const value = await job.work(tx);
            await tx.$executeRawUnsafe('RELEASE SAVEPOINT group_write');
            outcomes.push({ ok: true, value });
          } catch (err) {
            // Undone alone; its caller gets its error once the others are committed.
            await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT group_write');
            await tx.$executeRawUnsafe('RELEASE SAVEPOINT group_write');
            outcomes.push({ ok: false, err });
          }
        }
      }, TX_OPTIONS);
    } catch {
      // The batch itself failed (its commit: the database locked past its timeout, the disk
      // full; or a write that broke the transaction): not swallowed — each write is tried alone
      // and its caller gets its own error if it fails again (the one that broke the batch does).
      for (const job of jobs) await settle(job, () => this.prisma.$transaction(job.work, TX_OPTIONS));
      return;
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i];
      if (o.ok) job.resolve(o.value);
      else job.reject(o.err);
    });
  }
}

async function settle(job: Job, run: () => Promise<unknown>): Promise<void> {
  try {
    job.resolve(await run());
  } catch (err) {
    job.reject(err);
  }
}
