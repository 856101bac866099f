/**
 * `npm run build` (run by `npm start`): the server and its commands from TypeScript to dist/,
 * transpiled by esbuild file by file (no bundling, no type check: `npm test` type-checks). Needs
 * nothing from devDependencies, so `npm ci --omit=dev && npm start` works.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/**/*.ts', 'commands/**/*.ts'],
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
