// Derives the PostgreSQL schema from prisma/schema.prisma (the single source of truth) and
// generates one Prisma client per provider. No engine is downloaded: the `prisma-client`
// generator with driver adapters needs none, and `prisma generate` only needs
// PRISMA_SCHEMA_ENGINE_BINARY to point at an existing executable (it is never called).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');

/** The PostgreSQL schema: same models, another provider and client folder. */
export function derivePostgres(schema) {
  const out = schema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../src/generated/sqlite"', 'output       = "../../src/generated/postgresql"');
  if (out === schema || !out.includes('"postgresql"') || !out.includes('generated/postgresql')) {
    throw new Error('prisma/schema.prisma: could not derive the PostgreSQL schema (provider or output line changed?)');
  }
  return '// GENERATED from prisma/schema.prisma by scripts/generate.mjs. Do not edit.\n' + out;
}

const pgDir = join(root, 'prisma/postgresql');
mkdirSync(pgDir, { recursive: true });
writeFileSync(join(pgDir, 'schema.prisma'), derivePostgres(source));

const cli = join(root, 'node_modules/prisma/build/index.js');
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
for (const schema of ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  execFileSync(process.execPath, [cli, 'generate', '--schema', schema], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}
console.log('prisma: generated clients for sqlite and postgresql');
