/**
 * What a database error means for the caller, in one place: Prisma's codes, PostgreSQL's SQLSTATEs
 * and SQLite's messages differ, and every retry decision rests on them.
 */

/** A unique key already taken (Prisma P2002): someone else created the row first. */
export function isUniqueViolation(err: unknown): boolean {
  return codeOf(err) === 'P2002';
}

/**
 * A unique-key race or a write conflict between concurrent transactions (P2034, PostgreSQL
 * 40001 serialisation failure / 40P01 deadlock): the same work may simply run again.
 */
export function isConflict(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'P2002' || code === 'P2034' || /\b(40001|40P01)\b|deadlock|could not serialize/i.test(String(err));
}

function codeOf(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/**
 * Whether the database, not our code, failed: unreachable, refusing connections, shut down, out
 * of resources, locked past the busy timeout, read-only, its disk full. Such a failure is worth
 * retrying later (the inbox does, with back-off); any other error is a bug, retried never.
 * Looks through Prisma's wrapping (its P1xxx codes, the driver adapter's error and cause) to the
 * driver's own code: a Node socket errno, a PostgreSQL SQLSTATE, an SQLite result code.
 */
export function isInfrastructure(err: unknown): boolean {
  return layers(err).some(({ code, message }) => {
    if (code) {
      if (INFRA_CODES.has(code) || /^P10\d\d$/.test(code)) return true;
      // SQLSTATE classes: 08 connection, 53 insufficient resources, 57P admin/crash shutdown, 58 system; 25006 read-only.
      if (/^(08|53|58)[0-9A-Z]{3}$/.test(code) || /^57P0\d$/.test(code) || code === '25006' || code === '55P03') return true;
      if (/^SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY|CANTOPEN|PROTOCOL|NOMEM)/.test(code)) return true;
    }
    return INFRA_MESSAGE.test(message);
  });
}

/** Prisma: P2024 pool timeout, P2028 a transaction it could not start or that timed out. Node socket errnos. */
const INFRA_CODES = new Set(['P2024', 'P2028', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const INFRA_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection (closed|refused|timeout)|terminating connection|Can't reach database|server closed the connection|timeout exceeded when trying to connect|database is locked|database table is locked|readonly database|disk is full|disk I\/O error|Transaction already closed|Unable to start a transaction/i;

/** The error and what it wraps, each with its code and message. */
function layers(err: unknown): Array<{ code?: string; message: string }> {
  const out: Array<{ code?: string; message: string }> = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 6) return;
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; originalCode?: unknown };
    const code = typeof o.code === 'string' ? o.code : typeof o.originalCode === 'string' ? o.originalCode : undefined;
    out.push({ code, message: typeof o.message === 'string' ? o.message : '' });
    visit(o.cause, depth + 1);
    visit(o.meta?.driverAdapterError, depth + 1);
  };
  visit(err, 0);
  if (!out.length) out.push({ message: String(err) });
  return out;
}
