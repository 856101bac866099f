import Koa from 'koa';
import Router from '@koa/router';
import type { Server } from 'node:http';
import type { App } from './app.js';
import { mountAdminExport } from './admin-export.js';
import { mountPictures } from './charts/picture-route.js';
import type { Receiver } from './platforms/receiver.js';

/**
 * The HTTP server: the health check, the admins' export, and the routes of the platforms'
 * receivers. Errors are logged and answered with a bare status, never a stack trace.
 */
export function createServer(app: App, receivers: readonly Receiver[] = []): Koa {
  const koa = new Koa();
  const router = new Router();
  koa.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      if (status >= 500) app.logger.error({ err, path: ctx.path }, 'request failed');
      ctx.status = status;
      ctx.body = status >= 500 ? 'internal error' : (err as Error).message;
    }
  });
  router.get('/healthz', async (ctx) => {
    const base = { campaign: app.campaign.name, database: app.database.provider };
    try {
      await probeWrite(app);
    } catch (err) {
      // A database that answers reads but takes no writes would lose every message it acknowledges.
      app.logger.error({ err }, 'health check: the database takes no writes');
      ctx.status = 503;
      ctx.body = { ok: false, ...base, error: 'database not writable' };
      return;
    }
    // Live platform states, e.g. whether DingTalk's stream is connected.
    const statuses = receivers.flatMap((receiver) => (receiver.status ? [[receiver.platform, receiver.status()] as const] : []));
    const platforms = statuses.length ? { platforms: Object.fromEntries(statuses) } : {};
    ctx.body = { ok: true, ...base, ...platforms };
  });
  mountAdminExport(app)(router);
  mountPictures({ db: app.database.prisma, clock: app.clock })(router);
  for (const receiver of receivers) receiver.routes?.(router);
  koa.use(router.routes()).use(router.allowedMethods());
  return koa;
}

export function listen(koa: Koa, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = koa.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

/** How long the health check waits for its write before it calls the database unhealthy. */
export const HEALTH_WRITE_MS = 3_000;
/** The row the health check writes: an outbox pace no channel has (channels are `platform:…`). */
const HEALTH_ROW = 'healthz';

/**
 * Writes one row, for real, and waits for it at most HEALTH_WRITE_MS: a database that is read-only,
 * full, locked or gone fails here. The row is an OutboxChannel no worker uses, upserted in place.
 */
async function probeWrite(app: App): Promise<void> {
  const now = app.clock();
  const write = app.database.prisma.outboxChannel.upsert({
    where: { key: HEALTH_ROW },
    create: { key: HEALTH_ROW, nextAt: now },
    update: { nextAt: now },
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no write within ${HEALTH_WRITE_MS} ms`)), HEALTH_WRITE_MS);
  });
  try {
    await Promise.race([write, late]);
  } finally {
    clearTimeout(timer);
  }
}
