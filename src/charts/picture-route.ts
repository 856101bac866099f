import type Router from '@koa/router';
import type { Db } from '../db/client.js';

/** A picture's token as pictures.ts makes it: 24 random bytes, base64url. */
const FILE = /^([A-Za-z0-9_-]{32})\.png$/;

/**
 * GET /pictures/<token>.png: a stored picture (src/charts/pictures.ts) by its unguessable token,
 * for platforms that show pictures by address (DingTalk's custom robot, with PUBLIC_BASE_URL).
 * 404 for an unknown token and after the picture's expiry, the same answer for both.
 */
export function mountPictures(o: { db: Db; clock: () => Date }) {
  return (router: Router) => {
    router.get('/pictures/:file', async (ctx) => {
      const token = FILE.exec(ctx.params.file ?? '')?.[1];
      const row = token ? await o.db.picture.findUnique({ where: { token }, select: { png: true, md5: true, expiresAt: true } }) : null;
      if (!row || row.expiresAt <= o.clock()) return ctx.throw(404, 'not found');
      ctx.type = 'image/png';
      ctx.set('etag', `"${row.md5}"`);
      // Cached by clients until it expires, never longer.
      const seconds = Math.max(0, Math.floor((row.expiresAt.getTime() - o.clock().getTime()) / 1000));
      ctx.set('cache-control', `public, max-age=${Math.min(seconds, 86_400)}, immutable`);
      ctx.body = Buffer.from(row.png);
    });
  };
}
