import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';

/**
 * What went out before the database heard of it. A send and its SENT mark cannot be one step: a
 * process killed between them leaves the message SENDING, and whoever takes it up again sends it
 * a second time. Under load that gap is long — the mark queues behind the other messages'
 * transactions (SQLite has one writer; PostgreSQL's pool is busy) — and a crash mid-burst sent a
 * third to a half of the late replies twice.
 *
 * So each send is written here the moment it returns, before the mark: one line appended to a
 * file of this process's own (a write(2) of a few bytes, on no queue; it survives the process
 * being killed, the kernel holds it). At start, and before any message is taken up again, the
 * files of processes that are gone are read back and their messages marked SENT. What is left
 * is a send under way as the process died: sent or not, nobody can tell, and it goes again.
 *
 * The files live beside the data (`<SQLite file>.sent/`, or `data/sent-<digest of the database
 * URL>/` for PostgreSQL), one per process and database (`<pid>.<random>.log`); a file is emptied whenever every send written in
 * it has its mark. Instances on other machines do not see each other's files: a message taken
 * over from a dead instance elsewhere may still go twice (README, Reliability).
 */
export interface SentEntry {
  id: number;
  at: string;
  result?: string;
}

/** Where the logs of the database at `databaseUrl` are kept; undefined for an in-memory SQLite. */
export function sentLogDir(databaseUrl: string, cwd = process.cwd()): string | undefined {
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.slice('file:'.length).split('?')[0];
    if (!path || path === ':memory:' || path.startsWith(':memory')) return undefined;
    return `${path}.sent`;
  }
  return join(cwd, 'data', `sent-${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12)}`);
}

/** The logs open in this process (two apps on one database in one process, as in tests, keep one each). */
const OPEN = new Set<string>();

/** Whether a process with this id is running (ours is, by definition). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SentLog {
  private fd?: number;
  /** Sends written whose SENT mark has not been stored yet. */
  private pending = 0;
  private written = 0;
  private readonly owed: SentEntry[] = [];

  private constructor(
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Settles the logs that dead processes left (their messages marked SENT), then opens this
   * process's own. Call before any worker takes up a SENDING message.
   */
  static async open(dir: string, prisma: Db, logger: Logger): Promise<SentLog> {
    mkdirSync(dir, { recursive: true });
    const mine = join(dir, `${process.pid}.${randomUUID().slice(0, 8)}.log`);
    for (const name of readdirSync(dir)) {
      const pid = Number(/^(\d+)\.[0-9a-f]+\.log$/.exec(name)?.[1]);
      // A file with our own pid not open here is a dead process's whose id we were given.
      if (!pid || (pid !== process.pid && alive(pid)) || OPEN.has(join(dir, name))) continue;
      const file = join(dir, name);
      const settled = await settle(prisma, readEntries(file, logger));
      if (settled) logger.info({ file: name, settled }, 'outbox: sends made before a crash marked SENT');
      unlinkSync(file);
    }
    const log = new SentLog(mine, logger);
    log.fd = openSync(mine, 'a');
    OPEN.add(mine);
    return log;
  }

  /** Writes that message `id` went out; call the moment the send returns, before marking it. */
  sent(id: number, at: Date, result?: string): void {
    if (this.fd === undefined) return;
    const entry: SentEntry = { id, at: at.toISOString(), ...(result ? { result } : {}) };
    appendFileSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.pending++;
    this.written++;
  }

  /**
   * The mark of a written send could not be stored (the database went away): it is tried again
   * by `settleOwed`, which the outbox worker runs before it takes up any message, so this process
   * does not send it again either.
   */
  markFailed(id: number, at: Date, result?: string): void {
    this.owed.push({ id, at: at.toISOString(), ...(result ? { result } : {}) });
  }

  /** Stores the marks that failed before; how many were stored. */
  async settleOwed(prisma: Db): Promise<number> {
    let done = 0;
    while (this.owed.length) {
      await settle(prisma, [this.owed[0]]);
      this.owed.shift();
      this.marked();
      done++;
    }
    return done;
  }

  /** The mark of a written send is stored: once none is owed, the file is emptied. */
  marked(): void {
    if (this.fd === undefined) return;
    this.pending = Math.max(0, this.pending - 1);
    if (this.pending === 0 && this.written > 0) {
      ftruncateSync(this.fd, 0);
      this.written = 0;
    }
  }

  /** Closes the file; with nothing owed it is removed. */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    if (this.pending > 0 || this.owed.length > 0) {
      this.logger.warn({ file: this.file, pending: this.pending }, 'outbox: closing with sends not yet marked; the next start marks them');
      return;
    }
    OPEN.delete(this.file);
    if (existsSync(this.file)) unlinkSync(this.file);
    // The folder goes too when no other log is kept in it.
    try {
      rmdirSync(dirname(this.file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw err;
    }
  }
}

function readEntries(file: string, logger: Logger): SentEntry[] {
  const entries: SentEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as SentEntry);
    } catch (err) {
      // The last line of a process killed mid-write: that send counts as unknown, and goes again.
      logger.warn({ file, err }, 'outbox: an unreadable line in a sent log; that message may go again');
    }
  }
  return entries;
}

/** Marks SENT every logged message not marked yet; how many were. */
async function settle(prisma: Db, entries: readonly SentEntry[]): Promise<number> {
  let settled = 0;
  for (const e of entries) {
    const done = await prisma.outbox.updateMany({
      where: { id: e.id, status: { not: 'SENT' } },
      data: { status: 'SENT', sentAt: new Date(e.at), claimedUntil: null, lastError: '', ...(e.result ? { result: e.result } : {}) },
    });
    settled += done.count;
  }
  return settled;
}
