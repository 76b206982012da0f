import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// The Prisma CLI needs a native schema engine that it downloads on first use; that
// download is not possible everywhere Brewline runs (offline CI, locked-down hosts).
// The WebAssembly build of the same engine drives migrations through the pg driver
// adapter and records them in `_prisma_migrations` exactly like `prisma migrate deploy`.

const require = createRequire(import.meta.url);
let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The package does not export its .wasm file; resolve it beside the JS glue.
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(glue), "schema_engine_bg.wasm");
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return wasmReady;
}

const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");

/**
 * The pg adapter runs a migration script by splitting it on every ";", which breaks
 * function bodies ($$ ... $$). Postgres's simple query protocol runs a multi-statement
 * script as sent (as the native engine does), so hand it the whole script instead.
 */
type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function wholeScriptAdapter(connectionString: string, opened: Adapter[]): PrismaPg {
  const factory = new PrismaPg({ connectionString });
  const wholeScript = (adapter: Adapter) => {
    opened.push(adapter);
    adapter.executeScript = async (script: string) => {
      await (adapter.underlyingDriver() as { query: (sql: string) => Promise<unknown> }).query(script);
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => wholeScript(await connect());
  // `diff` replays the migrations into a shadow database through a second connection.
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => wholeScript(await connectToShadowDb());
  return factory;
}

async function withSchemaEngine<T>(
  connectionString: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  // The engine does not close its connections; one holds Prisma's migration advisory lock
  // until its pool drops it as idle (10 s later), stalling the next migration run.
  const opened: Adapter[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(wholeScriptAdapter(connectionString, opened));
  const logs: string[] = [];
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    (line: string) => logs.push(line),
    adapter,
  );
  try {
    return await fn(engine);
  } catch (error) {
    if (logs.length > 0) console.error(logs.slice(-5).join("\n"));
    throw error;
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}

export async function readMigrationList(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const content = await readFile(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8")
          .then((value) => ({ tag: "ok" as const, value }))
          .catch((error: Error) => ({ tag: "error" as const, value: error.message }));
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/**
 * Applies every pending migration in prisma/migrations; returns the names applied.
 * `only`: just these (a restore first rebuilds the schema its backup was taken at).
 */
export async function applyMigrations(connectionString: string, options: { only?: readonly string[] } = {}): Promise<string[]> {
  const migrationsList = await readMigrationList();
  if (options.only) {
    const wanted = new Set(options.only);
    const unknown = [...wanted].filter((name) => !migrationsList.migrationDirectories.some((d) => d.path === name));
    if (unknown.length > 0) throw new Error(`unknown migrations: ${unknown.join(", ")}`);
    migrationsList.migrationDirectories = migrationsList.migrationDirectories.filter((d) => wanted.has(d.path));
  }
  return withSchemaEngine(connectionString, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database at `fromSchema` (the schema.prisma text the existing
 * migrations were made from) to the current schema.prisma. A schema-to-schema diff:
 * replaying the migrations into a shadow database instead needs catalog reads that the
 * WebAssembly engine cannot deserialize through the pg adapter ("char" columns).
 * Without fromSchema (no migrations yet) it diffs from an empty database.
 */
export async function diffToSchema(connectionString: string, fromSchema: string | null): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  return withSchemaEngine(connectionString, async (engine) => {
    const result = await engine.diff({
      from: fromSchema === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "previous.prisma", content: fromSchema }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: { externalTables: [], externalEnums: [] },
    } as Parameters<SchemaEngine["diff"]>[0]);
    return (result as { stdout?: string }).stdout ?? "";
  });
}
