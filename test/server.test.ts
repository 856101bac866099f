import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../src/db/migrate.js';
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

  it('SIGTERM to the `npm start` process stops the server under it too: nothing left running or listening', async () => {
    const db = await freshDb('sqlite');
    cleanup.push(db.drop);
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d) => (out += d));
    npm.stderr.on('data', (d) => (out += d));
    // 'exit', not 'close': a server left behind would hold npm's output pipes open.
    const npmExited = once(npm, 'exit');
    // `npm start` builds first, then runs the server: its start line says its pid and port.
    const started = await new Promise<{ pid: number; address: { port: number } }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start: not ready in time:\n${out}`)), 90_000);
      npm.stdout.on('data', () => {
        const line = out.split('\n').find((l) => l.includes('"bot started"'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line));
        }
      });
      npm.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
    });
    cleanup.push(async () => {
      if (alive(started.pid)) process.kill(started.pid, 'SIGKILL');
    });
    const healthz = `http://127.0.0.1:${started.address.port}/healthz`;
    expect((await fetch(healthz)).status).toBe(200);
    expect(started.pid).not.toBe(npm.pid);

    const signalled = Date.now();
    npm.kill('SIGTERM');
    await npmExited;
    while (alive(started.pid) && Date.now() - signalled < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(alive(started.pid)).toBe(false);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await expect(fetch(healthz)).rejects.toThrow();
    // It stopped gracefully, not killed.
    expect(out).toContain('"msg":"stopped"');
  }, 120_000);

  it('a bad environment variable stops the start with a message naming it', async () => {
    const r = await run(['src/main.ts'], { PORT: 'abc', DATABASE_URL: 'file:/nonexistent/never.db' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).not.toMatch(/at .+\.ts:\d+/);
  });
});

/** Whether a process is still there (a zombie left for its parent to reap is not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}
