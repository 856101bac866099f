import Koa from 'koa';
import Router from '@koa/router';
import type { Server } from 'node:http';
import type { App } from './app.js';
import { mountAdminExport } from './admin-export.js';
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
    await app.database.prisma.$queryRaw`SELECT 1`;
    // Live platform states, e.g. whether DingTalk's stream is connected.
    const statuses = receivers.flatMap((receiver) => (receiver.status ? [[receiver.platform, receiver.status()] as const] : []));
    const platforms = statuses.length ? { platforms: Object.fromEntries(statuses) } : {};
    ctx.body = { ok: true, campaign: app.campaign.name, database: app.database.provider, ...platforms };
  });
  mountAdminExport(app)(router);
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
