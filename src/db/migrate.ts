/**
 * Applies prisma/migrations/<provider> to a database with Prisma's schema engine compiled to
 * WebAssembly, driven through our driver adapter: what `prisma migrate deploy` does, with no
 * native engine to download. Runs are recorded in `_prisma_migrations`, so this is idempotent.
 */
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine, MigrationList, DiffTarget } from '@prisma/schema-engine-wasm';
import { adapterFactory } from './adapters.js';
import { providerOf, sqliteFile, type Provider } from './provider.js';

/** The project's directory (the nearest holding package.json), from src/ or from compiled dist/src/. */
export const root = projectRoot(dirname(fileURLToPath(import.meta.url)));

function projectRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}
const require = createRequire(import.meta.url);

let wasmReady: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const bytes = readFileSync(join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm'));
    // The engine arms timers (timeouts of about 10 s) that would keep a finished process alive:
    // hand it unref'd ones so `npm run migrate` and the chat console exit as soon as they are done.
    const imports: Record<string, unknown> = { ...bg };
    for (const key of Object.keys(imports)) {
      if (key.startsWith('__wbg_setTimeout_')) {
        imports[key] = (fn: () => void, ms: number) => setTimeout(fn, ms >>> 0).unref();
      }
    }
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports as any });
    const exports = instance.exports as any;
    (bg as any).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

export function schemaPath(provider: Provider): string {
  return join(root, provider === 'sqlite' ? 'prisma/schema.prisma' : 'prisma/postgresql/schema.prisma');
}

export function migrationsDir(provider: Provider): string {
  return join(root, 'prisma/migrations', provider);
}

export function migrationList(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    } as any,
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: readFileSync(join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/** Opens the schema engine on a database; `use` runs with it and the engine is freed after. */
export async function withEngine<T>(url: string, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const provider = providerOf(url);
  if (provider === 'sqlite') mkdirSync(dirname(sqliteFile(url)), { recursive: true });
  const schema = readFileSync(schemaPath(provider), 'utf8');
  // The engine takes SQLite in EXCLUSIVE locking mode and `free()` does not close what it
  // opened, so we keep every connection it makes and close them ourselves.
  const raw = adapterFactory(url) as any;
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const track = (connect: () => Promise<any>) => async () => {
    const conn = await connect();
    opened.push(conn);
    return conn;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: raw.provider,
    adapterName: raw.adapterName,
    connect: track(() => raw.connect()),
    connectToShadowDb: track(() => raw.connectToShadowDb()),
  });
  const engine: SchemaEngine = await (bg as any).SchemaEngine.new(
    { datamodels: [[schemaPath(provider), schema]] },
    () => {},
    factory,
  );
  try {
    return await use(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose()));
  }
}

const noFilter = { externalTables: [], externalEnums: [] };

/**
 * Names of the migrations on disk that the database has not applied. Read with a plain
 * connection, so a server already running on the same SQLite file is no obstacle: the schema
 * engine (which locks SQLite exclusively) starts only when there is something to apply.
 */
export async function pendingMigrations(url: string): Promise<string[]> {
  const onDisk = migrationList(providerOf(url)).migrationDirectories.map((d) => d.path);
  // A first start on SQLite: the file's directory (./data) may not exist yet.
  if (providerOf(url) === 'sqlite') mkdirSync(dirname(sqliteFile(url)), { recursive: true });
  const conn = await (adapterFactory(url) as any).connect();
  try {
    const res = await conn.queryRaw({
      sql: 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    const done = new Set(res.rows.map((r: unknown[]) => String(r[0])));
    return onDisk.filter((name) => !done.has(name));
  } catch (err) {
    const kind = (err as { cause?: { kind?: string } }).cause?.kind;
    const missing = kind === 'TableDoesNotExist' || /_prisma_migrations/.test(String((err as Error).message));
    if (missing) return onDisk;
    throw err;
  } finally {
    await conn.dispose();
  }
}

/** Applies pending migrations; returns the names just applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  await ensurePgSchema(url);
  if (!(await pendingMigrations(url)).length) return [];
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: migrationList(providerOf(url)), filters: noFilter });
    return out.appliedMigrationNames;
  });
}

/** SQL that takes a database from `from` to the schema file's models (used to write new migrations). */
export async function diffSql(url: string, from: DiffTarget): Promise<string> {
  const provider = providerOf(url);
  return withEngine(url, async (engine) => {
    const to: DiffTarget = {
      tag: 'schemaDatamodel',
      files: [{ path: schemaPath(provider), content: readFileSync(schemaPath(provider), 'utf8') }],
    };
    const res: any = await engine.diff({ from, to, script: true, exitCode: null, filters: noFilter });
    return res.stdout ?? '';
  });
}

/** A `?schema=` that does not exist yet is created, as Prisma's own CLI does. */
async function ensurePgSchema(url: string): Promise<void> {
  if (providerOf(url) !== 'postgresql') return;
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  if (!schema) return;
  u.searchParams.delete('schema');
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
