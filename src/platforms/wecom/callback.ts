import type Router from '@koa/router';
import type { Context } from 'koa';
import { open, Rejected, type CallbackKeys, type SignedQuery } from './crypto.js';
import type { WeComDeps } from './deps.js';

/** What both WeCom callbacks share: the signed query, refusals, and the URL check. */

export function query(ctx: Context): SignedQuery & { echostr?: string } {
  const one = (k: string) => {
    const v = ctx.query[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return { msg_signature: one('msg_signature'), timestamp: one('timestamp'), nonce: one('nonce'), echostr: one('echostr') };
}

/** Runs a verification step; a refusal is logged with its reason and answered with its status and nothing more. */
export function guard<T>(ctx: Context, deps: Pick<WeComDeps, 'logger'>, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (!(err instanceof Rejected)) throw err;
    deps.logger.warn({ path: ctx.path, method: ctx.method, reason: err.reason }, 'wecom callback refused');
    ctx.throw(err.status, 'refused');
  }
}

/**
 * WeCom's URL check when a callback address is saved: a signed GET whose `echostr` we answer,
 * decrypted, as bare text (no quotes, newline or BOM). Koa has already URL-decoded it once.
 */
export function mountUrlCheck(router: Router, path: string, keys: CallbackKeys, deps: WeComDeps): void {
  router.get(path, (ctx) => {
    const q = query(ctx);
    ctx.type = 'text/plain';
    ctx.body = guard(ctx, deps, () => open(keys, q, q.echostr, deps.clock()));
  });
}
