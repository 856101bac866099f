/**
 * Applies pending migrations in a child process, so the schema engine's WebAssembly memory
 * (about 60 MB, which WebAssembly never hands back) leaves with that process instead of staying
 * in the server for its whole life. Used by `npm start`; tests and scripts call applyMigrations.
 *
 *   const applied = await applyMigrationsApart(config.DATABASE_URL);
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyMigrations, pendingMigrations } from './migrate.js';

const self = fileURLToPath(import.meta.url);

export async function applyMigrationsApart(url: string): Promise<string[]> {
  // Nothing pending (every start but the first after a release): no second process.
  if (!(await pendingMigrations(url)).length) return [];
  return new Promise((resolve, reject) => {
    // From TypeScript sources (tests, scripts) the child needs tsx's loader; compiled, it does not.
    const child = spawn(process.execPath, self.endsWith('.ts') ? ['--import', 'tsx', self] : [self], {
      env: { ...process.env, MIGRATE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('[')) resolve(JSON.parse(last) as string[]);
      else reject(new Error(`migrations failed (exit code ${code})`));
    });
  });
}

if (process.argv[1] === self && process.env.MIGRATE_URL) {
  console.log(JSON.stringify(await applyMigrations(process.env.MIGRATE_URL)));
}
