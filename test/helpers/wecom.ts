import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startPlatforms } from '../../src/platforms/index.js';
import { createServer, listen } from '../../src/server.js';
import { FakeWeCom, WeComCallbacks } from '../fakes/wecom.js';
import { CAMPAIGN_ENV, Clock } from './bot.js';
import { freshDb, type Kind, type TestDb } from './db.js';

/** Keys the tests configure: 43-character EncodingAESKeys, as WeCom's admin panel makes them. */
export const BOT_KEYS = { token: 'botTokenQDG6eK', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };
export const APP_CORP = 'wwfakecorp';
export const APP_KEYS = { token: 'appTokenX9', aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut', receiveId: APP_CORP };
export const AGENT_ID = '1000002';

export interface WeComServer {
  app: App;
  base: string;
  fake: FakeWeCom;
  clock: Clock;
  bot: WeComCallbacks;
  appCb: WeComCallbacks;
  /** Log lines (JSON) written at warn and above. */
  logs: string[];
}

/**
 * The real HTTP server with WeCom configured (smart bot and application) on a fresh database of
 * `kind`, the fake WeCom API behind WECOM_API_BASE, and callback builders on the test clock.
 */
export function useWeComServer(kind: Kind, env: Record<string, string> = {}, start = '2020-06-10T10:00:00+08:00'): () => WeComServer {
  let s: WeComServer | undefined;
  let db: TestDb | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    const fake = await new FakeWeCom().start();
    fake.corpId = APP_CORP;
    db = await freshDb(kind);
    const clock = new Clock(new Date(start));
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const config = loadConfig({
      ...CAMPAIGN_ENV,
      DATABASE_URL: db.url,
      WECOM_BOT_TOKEN: BOT_KEYS.token,
      WECOM_BOT_AES_KEY: BOT_KEYS.aesKey,
      WECOM_CORP_ID: APP_CORP,
      WECOM_APP_TOKEN: APP_KEYS.token,
      WECOM_APP_AES_KEY: APP_KEYS.aesKey,
      WECOM_AGENT_ID: AGENT_ID,
      WECOM_APP_SECRET: fake.secret,
      WECOM_API_BASE: fake.base,
      ...env,
    });
    const app = await startApp(config, createLogger('warn', sink), clock.read);
    server = await listen(createServer(app, startPlatforms(app).routes), 0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    s = { app, base, fake, clock, logs, bot: new WeComCallbacks(BOT_KEYS, clock.read), appCb: new WeComCallbacks(APP_KEYS, clock.read) };
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await s?.app.close();
    await s?.fake.stop();
    await db?.drop();
  });
  return () => {
    if (!s) throw new Error('server not started');
    return s;
  };
}
