/**
 * Opens the Prisma client for a DATABASE_URL. Both providers' generated clients have the same model
 * API (one source schema), so the app is typed against the SQLite client and the PostgreSQL one is
 * cast to it; each provider's client and driver are loaded only when used.
 */
import { chmod, mkdir, open } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import type BetterSqlite3 from "better-sqlite3";
import { type Provider, pgPoolConfig, providerOf, sqliteFilePath } from "./database-url.js";
import { atStoreBoundary } from "./errors.js";
import type { PrismaClient } from "./generated/sqlite/client.js";
import { keepQueryPlansIn, queryPlanOption } from "./query-plans.js";
import { type SqliteChainWriter, sqliteChainWriter } from "./sqlite-chain-writer.js";
import { withStatementCache } from "./sqlite-statement-cache.js";

export { type Provider, providerOf } from "./database-url.js";

/** The application's database client (the SQLite-generated type; same API on PostgreSQL). */
export type Db = PrismaClient;

export interface OpenDbOptions {
  /** SQLite: how long a statement waits for another process's write lock before failing (ms). */
  sqliteBusyTimeoutMs?: number;
  /** PostgreSQL: connections in this process's pool. */
  pgPoolSize?: number;
  /** Where query plans are kept for the next process (query-plans.ts; process-wide, first wins). */
  queryPlanDir?: string;
}

export interface OpenedDb {
  db: Db;
  provider: Provider;
  /** SQLite only: audit appends on Prisma's connection, synced off the event loop. */
  chainWriter?: SqliteChainWriter;
  /** Closes the client and its connections; safe to call more than once. */
  close(): Promise<void>;
}

export async function openDb(url: string, options: OpenDbOptions = {}): Promise<OpenedDb> {
  const provider = providerOf(url);
  compileWasmOnce();
  if (options.queryPlanDir !== undefined) keepQueryPlansIn(options.queryPlanDir);
  const { db, chainWriter } =
    provider === "sqlite" ? await openSqlite(url, options) : { db: await openPostgres(url, options) };
  let closing: Promise<void> | undefined;
  return {
    db,
    provider,
    ...(chainWriter ? { chainWriter } : {}),
    close: () => {
      closing ??= Promise.all([db.$disconnect(), chainWriter?.close()]).then(() => {});
      return closing;
    },
  };
}

/**
 * Prisma 7 plans queries in a WebAssembly compiler (~4 MB of wasm), and V8 would later recompile its
 * hot functions with TurboFan: a second, optimised copy of the code that kept ~45 MB of RSS in a
 * serving process (measured: 159 → 111 MB once the app is built, peak 248 → 201 MB with 200 orgs
 * warm). The client caches each query shape's plan, so the compiler runs once per shape and the
 * optimised copy buys nothing measurable. Set before the client is loaded, so it applies to its
 * module; it affects only WebAssembly, and every wasm module in this process is Prisma's.
 */
function compileWasmOnce(): void {
  v8.setFlagsFromString("--liftoff-only");
}

async function openSqlite(
  url: string,
  options: OpenDbOptions,
): Promise<{ db: Db; chainWriter: SqliteChainWriter }> {
  const file = sqliteFilePath(url);
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import("./generated/sqlite/client.js"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  await atStoreBoundary(() => mkdir(path.dirname(file), { recursive: true }));
  await atStoreBoundary(() => ownerOnly(file));
  // `timeout` is better-sqlite3's busy timeout: several `switchboard exec` processes may share the
  // file, and a writer waits this long for another's lock instead of failing at once.
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: options.sqliteBusyTimeoutMs ?? 5_000 });
  // The audit log appends on Prisma's own connection (sqlite-chain-writer.ts), and the adapter's
  // statements are prepared once (sqlite-statement-cache.ts): the adapter keeps the better-sqlite3
  // handle it opens as `client`, a plain property it does not otherwise expose.
  let connection: BetterSqlite3.Database | undefined;
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const opened = await connect();
    const handle = opened as unknown as { client: BetterSqlite3.Database };
    connection = handle.client;
    handle.client = withStatementCache(connection);
    return opened;
  };
  const db = new PrismaClient({ adapter, ...planOption() });
  // WAL lets readers proceed while one process writes (the default rollback journal blocks them).
  // The setting is stored in the file, so later connections inherit it. synchronous is per
  // connection, and better-sqlite3 is built to default to NORMAL on a file already in WAL mode:
  // NORMAL can lose the last commits on power loss, and an acknowledged audit row (the intent
  // recorded before Genesys is called) must survive that. FULL syncs the WAL on every commit; audit
  // appends are group-committed, so concurrent commands share that sync instead of queueing for it.
  await atStoreBoundary(async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  }).catch(async (error: unknown) => {
    await db.$disconnect().catch(() => {});
    throw error;
  });
  return { db, chainWriter: sqliteChainWriter(() => connection, `${file}-wal`) };
}

/**
 * The database holds sealed secrets, the audit log and who may approve what: only its owner may read
 * it. Created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same mode), and
 * an existing file readable by others is narrowed.
 */
async function ownerOnly(file: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await open(file, "a", 0o600);
  try {
    const { mode } = await handle.stat();
    if ((mode & 0o077) !== 0) await chmod(file, mode & 0o700);
  } finally {
    await handle.close();
  }
}

async function openPostgres(url: string, options: OpenDbOptions): Promise<Db> {
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import("./generated/postgresql/client.js"),
    import("@prisma/adapter-pg"),
  ]);
  const config = pgPoolConfig(url, options.pgPoolSize ? { max: options.pgPoolSize } : {});
  const adapter = new PrismaPg(config, {
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    onPoolError: () => {},
  });
  // Same model API, generated from the same schema: only the provider differs.
  return new PrismaClient({ adapter, ...planOption() }) as unknown as Db;
}

/** Prisma's internal constructor option (query-plans.ts), which its generated types leave out. */
function planOption(): object {
  return { __internal: queryPlanOption() };
}
