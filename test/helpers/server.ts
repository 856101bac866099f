import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { startApp, startPlatforms, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer, listen } from '../../src/server.js';
import { CAMPAIGN_ENV, Clock } from './bot.js';
import { freshDb, type Kind, type TestDb } from './db.js';

export interface TestServer<F> {
  app: App;
  /** http://127.0.0.1:<port> of our server. */
  base: string;
  fake: F;
  clock: Clock;
  /** Log lines (JSON) written at warn and above. */
  logs: string[];
}

/**
 * The real HTTP server with its platforms started, on a fresh database of `kind`, for the
 * enclosing describe block: `fake` is a platform fake started first, `env(fake)` the variables
 * that point the platform at it. Its clock is the test's.
 */
export function useServer<F extends { start(): Promise<F>; stop(): Promise<void> }>(
  kind: Kind,
  makeFake: () => F,
  env: (fake: F, clock: Clock) => Record<string, string>,
  start = '2020-06-10T10:00:00+08:00',
): () => TestServer<F> {
  let s: TestServer<F> | undefined;
  let db: TestDb | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    const fake = await makeFake().start();
    db = await freshDb(kind);
    const clock = new Clock(new Date(start));
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const config = loadConfig({ ...CAMPAIGN_ENV, DATABASE_URL: db.url, ...env(fake, clock) });
    const app = await startApp(config, createLogger('warn', sink), clock.read);
    server = await listen(createServer(app, await startPlatforms(app)), 0, '127.0.0.1');
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

/**
 * Sends what the outbox holds as the clock moves on a few seconds at a time, so that a group's
 * second and third message (3.1 s apart per robot) go out too.
 */
export async function flushOutbox(worker: { drain(): Promise<number> }, clock: Clock, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await worker.drain();
    clock.set(new Date(clock.now.getTime() + 4_000).toISOString());
  }
}
