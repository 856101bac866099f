import cron from 'node-cron';
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

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

/** WeCom's EncodingAESKey: 43 characters of base64 without the trailing '='. */
const aesKey = (name: string) =>
  optionalString.refine((s) => s === undefined || /^[A-Za-z0-9+/]{43}$/.test(s), `${name} must be the 43-character EncodingAESKey`);

const baseUrl = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((u) => /^https?:\/\/[^/\s]+/.test(u), `${name} must be an http(s) URL`)
    .transform((u) => u.replace(/\/+$/, ''));

const cronExpr = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((e) => cron.validate(e), `${name} must be a cron expression like "${fallback}"`);

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
  // The notice's own values; next year's campaign sets its own.
  CAMPAIGN_CONTACT_EMAIL: z.string().trim().email().default('hnnzgb@163.com'),
  CAMPAIGN_LOGO: z.string().trim().min(1).default('湘悦读·工力量'),
  CAMPAIGN_START: ymdDate('CAMPAIGN_START'),
  /** The campaign's last day, included whole (src/domain/campaign.ts decides what a date covers). */
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

  // WeCom (企业微信): the smart bot in group chats, and the application admins use for cards.
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_AES_KEY: aesKey('WECOM_BOT_AES_KEY'),
  WECOM_CORP_ID: optionalString,
  WECOM_APP_TOKEN: optionalString,
  WECOM_APP_AES_KEY: aesKey('WECOM_APP_AES_KEY'),
  WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
  WECOM_APP_SECRET: optionalString,
  WECOM_API_BASE: baseUrl('WECOM_API_BASE', 'https://qyapi.weixin.qq.com'),
  /**
   * The smart bot over WeCom's long connection instead of the callback (no public address needed):
   * 智能机器人 › API 模式 › 连接方式「使用长连接」 gives the BotID and Secret.
   */
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  WECOM_WS_URL: z
    .string()
    .default('wss://openws.work.weixin.qq.com')
    .refine((u) => /^wss?:\/\/[^/\s]+/.test(u), 'WECOM_WS_URL must be a ws(s) URL'),
  /**
   * How long a callback waits for a command's reply before answering WeCom without it (the reply
   * then follows by stream refresh or the application API). WeCom's own deadline is about 5 s.
   */
  WECOM_REPLY_WAIT_MS: z.coerce.number().int().min(0).max(4500).default(2500),

  // DingTalk (钉钉): the app's robot by Stream (default) or HTTP, cards, and the app robot OpenAPI.
  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  /** The robot's code; for an enterprise-internal app robot it is the app's ClientID (AppKey). */
  DINGTALK_ROBOT_CODE: optionalString,
  /** An interactive card template made in DingTalk's card builder; without it approval cards are actionCards. */
  DINGTALK_CARD_TEMPLATE_ID: optionalString,
  DINGTALK_MODE: z.enum(['stream', 'http']).default('stream'),
  DINGTALK_API_BASE: baseUrl('DINGTALK_API_BASE', 'https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: baseUrl('DINGTALK_OAPI_BASE', 'https://oapi.dingtalk.com'),
  /** HTTP mode: how long the callback waits to put the reply in its response before sending it by sessionWebhook. */
  DINGTALK_REPLY_WAIT_MS: z.coerce.number().int().min(0).max(4500).default(2500),

  // Scheduled jobs: cron expressions read in Asia/Shanghai (minute hour day-of-month month day-of-week).
  SCHEDULE_WEEKLY_RANKING: cronExpr('SCHEDULE_WEEKLY_RANKING', '0 9 * * 1'),
  SCHEDULE_REPORT_REMINDER: cronExpr('SCHEDULE_REPORT_REMINDER', '0 16 * * 5'),
  SCHEDULE_ACTIVITY_REMINDERS: cronExpr('SCHEDULE_ACTIVITY_REMINDERS', '0 * * * *'),
  SCHEDULE_HOST_WINDOW: cronExpr('SCHEDULE_HOST_WINDOW', '0 10 20 * *'),
  SCHEDULE_DELIVERABLES: cronExpr('SCHEDULE_DELIVERABLES', '0 10 * * *'),
  SCHEDULE_HOUSEKEEPING: cronExpr('SCHEDULE_HOUSEKEEPING', '30 3 * * *'),
  /** Hour (Shanghai) of the day before an activity when its group is reminded. */
  ACTIVITY_EVE_HOUR: z.coerce.number().int().min(0).max(23).default(18),
  /** How long a worker's claim on a message lasts; after a crash the message is sent again once it runs out. */
  OUTBOX_CLAIM_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /**
   * How long a received message is its callback's to handle and answer: after a crash another
   * instance's inbox worker handles it (and sends a reply still owed) once this runs out.
   */
  INBOX_CLAIM_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),

  /** Bearer token for GET /admin/export, and the key that signs the download links 导出 gives. */
  ADMIN_TOKEN: optionalString.refine((s) => s === undefined || s.length >= 16, 'ADMIN_TOKEN must be at least 16 characters'),
  /** The address people reach this server at, for download links, e.g. https://bot.example.org */
  PUBLIC_BASE_URL: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim().replace(/\/+$/, '') : undefined))
    .refine((u) => u === undefined || /^https?:\/\/[^/\s]+/.test(u), 'PUBLIC_BASE_URL must be an http(s) URL'),
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
  // Both days are included: a campaign may start and end on the same day.
  if (c.CAMPAIGN_START && c.CAMPAIGN_END && c.CAMPAIGN_END < c.CAMPAIGN_START) {
    throw new ConfigError('Invalid configuration:\n  CAMPAIGN_END must not be before CAMPAIGN_START');
  }
  const missing = halfConfigured(c);
  if (missing) throw new ConfigError(`Invalid configuration:\n  ${missing}`);
  // WeCom puts a smart bot in callback mode or long-connection mode, never both.
  if (c.WECOM_BOT_ID && (c.WECOM_BOT_TOKEN || c.WECOM_BOT_AES_KEY)) {
    throw new ConfigError(
      'Invalid configuration:\n  WECOM_BOT_ID/WECOM_BOT_SECRET (long connection) and WECOM_BOT_TOKEN/WECOM_BOT_AES_KEY (callback) exclude each other: a smart bot uses one of the two',
    );
  }
  return c;
}

/** Groups of variables that turn a platform part on only together. */
const TOGETHER: Array<{ part: string; names: Array<keyof Config> }> = [
  { part: 'the WeCom smart bot', names: ['WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY'] },
  { part: 'the WeCom smart bot long connection', names: ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] },
  { part: 'the WeCom application', names: ['WECOM_CORP_ID', 'WECOM_APP_TOKEN', 'WECOM_APP_AES_KEY', 'WECOM_AGENT_ID', 'WECOM_APP_SECRET'] },
  { part: 'DingTalk', names: ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET'] },
];

/** A platform part is on when all its variables are set; some but not all is a mistake worth stopping for. */
function halfConfigured(c: Config): string | undefined {
  for (const { part, names } of TOGETHER) {
    const set = names.filter((n) => c[n] !== undefined);
    if (set.length && set.length < names.length) {
      const lacking = names.filter((n) => c[n] === undefined);
      return `${lacking.join(', ')} missing: ${part} needs ${names.join(', ')} (${set.join(', ')} set)`;
    }
  }
  return undefined;
}
