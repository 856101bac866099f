import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../../src/db/migrate.js';

export const TSX = join(root, 'node_modules/.bin/tsx');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script of ours to completion with `input` on standard input. */
export function run(args: string[], env: Record<string, string>, input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Starts a long-running script and resolves once a stdout line matches. The script runs in one
 * node process (`node --import tsx`, or plain node for compiled JS with `tsx: false`), not under
 * a launcher, so a signal sent to `child` — SIGKILL included — reaches the server itself.
 */
export function start(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  { tsx = true }: { tsx?: boolean } = {},
): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(tsx ? ['--import', 'tsx'] : []), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready in time:\n${out}\n${err}`));
    }, 45_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => ready.test(l));
      if (line) {
        clearTimeout(timer);
        resolve({ child, line });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${out}\n${err}`));
    });
  });
}
