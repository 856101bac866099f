/**
 * Pictures rendered once and shared: a weekly ranking push to 2,000 groups of 20 units draws 20
 * pictures, stored in the Picture table by what they show (`key`), and every group's image
 * message refers to its picture by id. A picture is also served at an unguessable address
 * (`/pictures/<token>.png`, src/charts/picture-route.ts) until it expires, for the platforms that
 * show a picture only by URL (DingTalk's custom robot); expired rows are deleted by housekeeping.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OutgoingPicture } from '../bot/sender.js';
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';

/** How long a pushed picture is kept (and its address answers): people scroll back to last week's ranking. */
export const PICTURE_KEEP_MS = 30 * 86_400_000;


/** The address path of a picture's token. */
export function picturePath(token: string): string {
  return `/pictures/${token}.png`;
}

/** md5 of the raw bytes, hex. */
export function md5Hex(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's header; throws on anything that is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

let rendered = 0;
/** How many pictures this process has rendered for the Picture table (a figure for tests and benchmarks). */
export function picturesRendered(): number {
  return rendered;
}

/** Renders under way, by database, then by key. */
const inFlightBy = new WeakMap<Db, Map<string, Promise<{ id: number; rendered: boolean }>>>();

/**
 * The picture stored under `key`, rendered by `render` only when there is none: concurrent asks
 * in this process share one render, and two instances racing keep the first row. Its expiry moves
 * to `expiresAt` when that is later (a picture asked for again lives on).
 */
export async function storedPicture(db: Db, key: string, expiresAt: Date, render: () => Promise<Buffer>): Promise<{ id: number; rendered: boolean }> {
  let inFlight = inFlightBy.get(db);
  if (!inFlight) inFlightBy.set(db, (inFlight = new Map()));
  const pending = inFlight.get(key);
  if (pending) return pending.then((p) => ({ id: p.id, rendered: false }));
  const work = (async () => {
    const found = await db.picture.findUnique({ where: { key }, select: { id: true, expiresAt: true } });
    if (found) {
      if (found.expiresAt < expiresAt) await db.picture.update({ where: { id: found.id }, data: { expiresAt } });
      return { id: found.id, rendered: false };
    }
    const png = await render();
    rendered++;
    const { width, height } = pngSize(png);
    try {
      const row = await db.picture.create({
        data: { key, token: randomBytes(24).toString('base64url'), png: new Uint8Array(png), md5: md5Hex(png), width, height, expiresAt },
        select: { id: true },
      });
      return { id: row.id, rendered: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another instance stored it first.
      const row = await db.picture.findUniqueOrThrow({ where: { key }, select: { id: true } });
      return { id: row.id, rendered: true };
    }
  })().finally(() => inFlight!.delete(key));
  inFlight.set(key, work);
  return work;
}

/**
 * A stored picture as the senders take it, or undefined when it is gone or expired. A broadcast
 * sends each picture to many groups: the last few are kept here (a picture never changes; its
 * expiry only moves later), so its bytes are read from the database once, not once per group.
 */
export async function loadPicture(db: Db, id: number, now: Date): Promise<OutgoingPicture | undefined> {
  let loaded = loadedBy.get(db);
  if (!loaded) loadedBy.set(db, (loaded = new Map()));
  const kept = loaded.get(id);
  if (kept && kept.expiresAt > now) return kept.picture;
  const row = await db.picture.findUnique({ where: { id }, select: { png: true, md5: true, token: true, expiresAt: true } });
  if (!row || row.expiresAt <= now) return undefined;
  const picture = { png: Buffer.from(row.png), md5: row.md5, path: picturePath(row.token) };
  loaded.delete(id);
  loaded.set(id, { picture, expiresAt: row.expiresAt });
  while (loaded.size > KEEP_LOADED) loaded.delete(loaded.keys().next().value!);
  return picture;
}

/** Pictures kept by loadPicture (~80 KB each): a broadcast's, one per unit highlighted. */
const KEEP_LOADED = 32;
/** By database (ids are a database's own), then by id. */
const loadedBy = new WeakMap<Db, Map<number, { picture: OutgoingPicture; expiresAt: Date }>>();

/** Deletes the pictures past their expiry; returns how many. */
export async function deleteExpiredPictures(db: Db, now: Date): Promise<number> {
  return (await db.picture.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
