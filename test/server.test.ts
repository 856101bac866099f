import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteFile } from '../src/db/provider.js';
import { freshDb } from './helpers/db.js';
import { run, start } from './helpers/spawn.js';
import { WeComCallbacks } from './fakes/wecom.js';

describe('npm start', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  it('with nothing configured but a database path: migrates, seeds, serves /healthz', async () => {
    const db = await freshDb('sqlite');
    cleanup.push(db.drop);
    const { child, line } = await start(['src/main.ts'], { DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, /bot started/);
    cleanup.push(async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'close');
      }
    });
    const port = JSON.parse(line).address.port;
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, campaign: '湘阅读·工力量', database: 'sqlite' });
    expect(existsSync(sqliteFile(db.url))).toBe(true);
    const missing = await fetch(`http://127.0.0.1:${port}/nope`);
    expect(missing.status).toBe(404);
    // The console can share the running server's SQLite file.
    const chat = await run(['scripts/chat.ts'], { DATABASE_URL: db.url }, '绑定 长沙\n');
    expect(chat.stdout).toContain('bot> 绑定成功');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
  });

  it('with WeCom credentials set: the callbacks are mounted and verify WeCom\'s URL check', async () => {
    const db = await freshDb('sqlite');
    cleanup.push(db.drop);
    const keys = { token: 'tok', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };
    const env = { DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WECOM_BOT_TOKEN: keys.token, WECOM_BOT_AES_KEY: keys.aesKey };
    const { child, line } = await start(['src/main.ts'], env, /bot started/);
    cleanup.push(async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'close');
      }
    });
    const started = JSON.parse(line);
    expect(started.platforms).toEqual(['wecom-bot']);
    expect(line).not.toContain(keys.aesKey);
    const cb = new WeComCallbacks(keys);
    const echostr = cb.seal('4242');
    const q = cb.signedQuery(echostr);
    q.set('echostr', echostr);
    const res = await fetch(`http://127.0.0.1:${started.address.port}/wecom/bot?${q}`);
    expect(await res.text()).toBe('4242');
    // The application part is off: its route is not there.
    expect((await fetch(`http://127.0.0.1:${started.address.port}/wecom/app?${q}`)).status).toBe(404);
  });

  it('a bad environment variable stops the start with a message naming it', async () => {
    const r = await run(['src/main.ts'], { PORT: 'abc', DATABASE_URL: 'file:/nonexistent/never.db' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).not.toMatch(/at .+\.ts:\d+/);
  });
});
