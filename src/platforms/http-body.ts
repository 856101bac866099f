import type { Context } from 'koa';
import getRawBody from 'raw-body';

/** Platform callbacks are small; anything larger is refused before it is read. */
export const MAX_CALLBACK_BYTES = 1024 * 1024;

/** The request body as UTF-8 text; a body over the limit is answered 413, an unreadable one 400. */
export async function readText(ctx: Context, limit = MAX_CALLBACK_BYTES): Promise<string> {
  try {
    return await getRawBody(ctx.req, { limit, length: ctx.get('content-length') || undefined, encoding: 'utf-8' });
  } catch (err) {
    const status = (err as { status?: number }).status;
    ctx.throw(status === 413 ? 413 : 400, status === 413 ? 'body too large' : 'unreadable body');
  }
}
