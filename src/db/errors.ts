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
