/**
 * One schema-engine session: load the wasm engine, bind it to a driver adapter for one database,
 * run a command, and release every connection the engine opened (a leaked pg pool would keep the
 * CLI process alive, and a leaked SQLite handle would keep the file open).
 */
import { readFile } from "node:fs/promises";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type {
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { Provider } from "../database-url.js";
import { schemaPath } from "./migrations-dir.js";
import { loadSchemaEngine } from "./wasm.js";

/** No tables or enums are managed outside Prisma. */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface EngineTarget {
  provider: Provider;
  /** SQLite: the database file (":memory:" when only a shadow database is needed). PostgreSQL: the URL. */
  database: string;
  /** Project root holding prisma/ (tests point it at a copy). */
  root: string;
  /** Receives the engine's JSON log lines (debugging). */
  log?: (line: string) => void;
}

export interface EngineSession {
  engine: SchemaEngine;
  schema: SchemasContainer;
}

export async function withEngine<T>(
  target: EngineTarget,
  run: (session: EngineSession) => Promise<T>,
): Promise<T> {
  const [wasm, schema] = await Promise.all([loadSchemaEngine(), readSchema(target)]);
  // Only the provider in use is loaded: a SQLite start must not pay for `pg`, nor PostgreSQL for SQLite.
  const connections = trackConnections(
    target.provider === "sqlite"
      ? (await import("./sqlite-adapter.js")).sqliteMigrationAdapter(target.database)
      : (await import("./pg-adapter.js")).pgMigrationAdapter(target.database),
  );
  const log = target.log ?? (() => {});
  const engine = await wasm.SchemaEngine.new(
    { datamodels: schema.files.map((file): [string, string] => [file.path, file.content]) },
    log,
    bindMigrationAwareSqlAdapterFactory(connections.factory),
  );
  try {
    return await run({ engine, schema });
  } finally {
    engine.free();
    await connections.disposeAll();
  }
}

async function readSchema(target: EngineTarget): Promise<SchemasContainer> {
  const file = schemaPath(target.provider, target.root);
  return { files: [{ path: file, content: await readFile(file, "utf8") }] };
}

/** Records every connection the engine opens so all of them can be closed, each exactly once. */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => {
      open.delete(adapter);
      disposed ??= dispose();
      return disposed;
    };
    open.add(adapter);
    return adapter;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => track(await factory.connect()),
      connectToShadowDb: async () => track(await factory.connectToShadowDb()),
    } satisfies SqlMigrationAwareDriverAdapterFactory,
    disposeAll: async () => {
      await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    },
  };
}
