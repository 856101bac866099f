import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Another process (the chat console, a script) takes SQLite's write lock with BEGIN IMMEDIATE and
 * holds it for `ms`; resolves once it holds it, with the process's exit.
 */
export async function holdWriteLock(file: string, ms: number): Promise<{ done: Promise<unknown> }> {
  const script = `
    const Database = require(${JSON.stringify(betterSqlite3)});
    const db = new Database(${JSON.stringify(file)});
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare("UPDATE Unit SET name = name WHERE id = (SELECT min(id) FROM Unit)").run();
    console.log('locked');
    setTimeout(() => { db.prepare('COMMIT').run(); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = once(child, 'close');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('locked') && resolve());
    child.once('close', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return { done };
}
