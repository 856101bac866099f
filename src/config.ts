import { z } from 'zod';
import { parseYmd } from './time.js';

const ymdDate = (name: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      const d = parseYmd(s);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a date like 2020-06-01` });
        return z.NEVER;
      }
      return d;
    });

/** Environment variables the bot reads; a wrong value stops the start with its name. */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .default('file:./data/bot.db')
    .refine((u) => /^(file:|postgres(ql)?:\/\/)/i.test(u), 'DATABASE_URL must start with file: or postgresql://'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CAMPAIGN_NAME: z.string().trim().min(1).default('湘阅读·工力量'),
  CAMPAIGN_START: ymdDate('CAMPAIGN_START'),
  CAMPAIGN_END: ymdDate('CAMPAIGN_END'),
  CAMPAIGN_RANKING_START: ymdDate('CAMPAIGN_RANKING_START'),
  /** Comma-separated `platform:userId` pairs that are superadmins, e.g. `wecom:zhangsan,console:张三`. */
  SUPERADMINS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const items = s.split(/[,，\s]+/).filter(Boolean);
      const out: Array<{ platform: string; userId: string }> = [];
      for (const item of items) {
        const i = item.indexOf(':');
        if (i <= 0 || i === item.length - 1) {
          ctx.addIssue({ code: 'custom', message: `SUPERADMINS: "${item}" is not platform:userId` });
          return z.NEVER;
        }
        out.push({ platform: item.slice(0, i), userId: item.slice(i + 1) });
      }
      return out;
    }),
  /** Units seed file imported on first start and by `npm run seed`. */
  UNITS_FILE: z.string().default('prisma/seed/units.csv'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const res = schema.safeParse(env);
  if (!res.success) {
    const lines = res.error.issues.map((i) => {
      const name = String(i.path[0] ?? '');
      return i.message.startsWith(name) ? i.message : `${name}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = res.data;
  if (c.CAMPAIGN_START && c.CAMPAIGN_END && c.CAMPAIGN_END <= c.CAMPAIGN_START) {
    throw new ConfigError('Invalid configuration:\n  CAMPAIGN_END must be after CAMPAIGN_START');
  }
  return c;
}
