import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { App } from './app.js';
import { linkRefusal } from './domain/export-links.js';
import { exportTable, type TableNo } from './domain/exports.js';
import { topUnitNamed } from './domain/units.js';
import { t } from './texts.js';

/**
 * GET /admin/export?table=1|2&format=xlsx|csv[&unit=长沙]: the notice's tables for admins, with
 * `Authorization: Bearer <ADMIN_TOKEN>` or a signed link from 导出 (valid 24 hours). Off when
 * ADMIN_TOKEN is not set.
 */
export function mountAdminExport(app: App) {
  return (router: Router) => {
    router.get('/admin/export', async (ctx) => {
      const secret = app.config.ADMIN_TOKEN;
      if (!secret) return ctx.throw(404, 'not found');
      const one = (k: string) => {
        const v = ctx.query[k];
        return Array.isArray(v) ? v[0] : v;
      };
      const q = { table: one('table') ?? '', format: one('format') ?? 'xlsx', unit: one('unit') || undefined };
      const bearer = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1] ?? '';
      const byToken = sameToken(bearer, secret);
      const refusal = byToken ? undefined : linkRefusal(secret, q, one('expires'), one('sig'), app.clock());
      if (refusal) {
        app.logger.warn({ path: ctx.path, reason: refusal }, 'export refused');
        ctx.throw(refusal === 'expired' ? 410 : 401, refusal === 'expired' ? t('admin.export.linkExpired') : 'unauthorized');
      }
      if (q.table !== '1' && q.table !== '2') return ctx.throw(400, 'table must be 1 or 2');
      const format = q.format;
      if (format !== 'xlsx' && format !== 'csv') return ctx.throw(400, 'format must be xlsx or csv');
      const prisma = app.database.prisma;
      const unit = q.unit ? await topUnitNamed(prisma, q.unit) : undefined;
      if (q.unit && !unit) return ctx.throw(400, `unit not found: ${q.unit}`);
      const unitId = unit?.id;
      const { body, filename } = await exportTable(prisma, app.campaign.id, { table: Number(q.table) as TableNo, unitId }, format);
      ctx.type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
      ctx.attachment(filename);
      ctx.body = body;
    });
  };
}

/** A key of this process for comparing tokens: their digests say nothing outside it. */
const TOKEN_KEY = randomBytes(32);

/**
 * Whether the bearer token is ADMIN_TOKEN, compared as fixed-length HMAC digests of their bytes:
 * the time taken tells neither the token's length nor how much of it matched, and a token of
 * any length or characters (non-ASCII ones included) is simply wrong rather than an error.
 */
function sameToken(given: string, secret: string): boolean {
  const digest = (s: string) => createHmac('sha256', TOKEN_KEY).update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}
