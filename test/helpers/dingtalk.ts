import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startPlatforms } from '../../src/platforms/index.js';
import { createServer, listen } from '../../src/server.js';
import { FakeDingTalk } from '../fakes/dingtalk.js';
import { CAMPAIGN_ENV, Clock } from './bot.js';
import { freshDb, type Kind, type TestDb } from './db.js';

export interface DingTalkServer {
  app: App;
  base: string;
  fake: FakeDingTalk;
  clock: Clock;
  logs: string[];
}

/**
 * The real server with DingTalk configured against a fake DingTalk (gateway, OpenAPI, robots),
 * on a fresh database of `kind`. Stream mode unless `env` says DINGTALK_MODE=http.
 */
export function useDingTalkServer(kind: Kind, env: Record<string, string> = {}, start = '2020-06-10T10:00:00+08:00'): () => DingTalkServer {
  let s: DingTalkServer | undefined;
  let db: TestDb | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    const fake = await new FakeDingTalk().start();
    db = await freshDb(kind);
    const clock = new Clock(new Date(start));
    // Signatures and session expiry are checked against the fake's clock, which is the test clock.
    fake.now = () => clock.now.getTime();
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
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_API_BASE: fake.base,
      DINGTALK_OAPI_BASE: fake.base,
      ...env,
    });
    const app = await startApp(config, createLogger('warn', sink), clock.read);
    server = await listen(createServer(app, startPlatforms(app).routes), 0, '127.0.0.1');
    s = { app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, fake, clock, logs };
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
