import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Download links for the exported tables: the query carries what to export and until when, and
 * an HMAC-SHA256 of both under ADMIN_TOKEN, so a link works for 24 hours and cannot be altered.
 */
export const LINK_TTL_MS = 24 * 60 * 60 * 1000;

export interface ExportQuery {
  table: string;
  format: string;
  unit?: string;
}

function payload(q: ExportQuery, expires: number): string {
  return `table=${q.table}&format=${q.format}&unit=${q.unit ?? ''}&expires=${expires}`;
}

export function sign(secret: string, q: ExportQuery, expires: number): string {
  return createHmac('sha256', secret).update(payload(q, expires)).digest('base64url');
}

export function signedLink(base: string, secret: string, q: ExportQuery, now: Date): string {
  const expires = now.getTime() + LINK_TTL_MS;
  const p = new URLSearchParams({ table: q.table, format: q.format, ...(q.unit ? { unit: q.unit } : {}), expires: String(expires), sig: sign(secret, q, expires) });
  return `${base}/admin/export?${p}`;
}

/** Why a signed query is refused, or undefined when it is good. */
export function linkRefusal(secret: string, q: ExportQuery, expires: string | undefined, sig: string | undefined, now: Date): string | undefined {
  if (!expires || !sig || !/^\d+$/.test(expires)) return 'unsigned';
  const want = Buffer.from(sign(secret, q, Number(expires)));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'bad signature';
  if (Number(expires) < now.getTime()) return 'expired';
  return undefined;
}
