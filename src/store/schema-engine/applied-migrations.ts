/**
 * Reads which migrations `_prisma_migrations` records as applied, with one cheap query and without
 * the wasm engine: the fast path of every CLI start (ensureMigrated) and part of migrationStatus.
 */
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { AppError } from "../../core/kernel/errors.js";
import { pgPoolConfig, providerOf, sqliteFilePath } from "../database-url.js";
import type { Db } from "../db.js";
import { translateStoreError } from "../errors.js";

/** Finished and not rolled back: what `prisma migrate deploy` counts as applied. */
const APPLIED_SQL =
  "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";

/** The subset of the Prisma client used here, so any open client (either provider) will do. */
export type RawQueryable = Pick<Db, "$queryRawUnsafe">;

/**
 * Applied migration names, or null when the database has no migrations table yet (a new database).
 * Throws AppError("store_unavailable") when the database cannot be reached at all.
 * @param db an already-open client, reused on PostgreSQL to save a connection. SQLite always uses a
 *   short-lived connection of its own: the engine migrates SQLite under `locking_mode=EXCLUSIVE`, and
 *   a connection that has just failed a statement (e.g. "no such table") keeps a shared lock that
 *   would block it until the busy timeout.
 */
export async function readAppliedMigrations(url: string, db?: RawQueryable): Promise<Set<string> | null> {
  try {
    const rows =
      providerOf(url) === "sqlite"
        ? readSqlite(sqliteFilePath(url))
        : db
          ? await db.$queryRawUnsafe<{ migration_name: string }[]>(APPLIED_SQL)
          : await queryPostgres(url);
    return rows === null ? null : new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    const translated = translateStoreError(error);
    if (translated instanceof AppError) throw translated;
    // Anything else (no such table, a half-created table): let the engine look; it knows best.
    return null;
  }
}

function readSqlite(file: string): { migration_name: string }[] | null {
  if (!existsSync(file)) return null;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    // Look before querying, so no statement fails (see above).
    const table = sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    return table ? sqlite.prepare<[], { migration_name: string }>(APPLIED_SQL).all() : null;
  } finally {
    sqlite.close();
  }
}

async function queryPostgres(url: string): Promise<{ migration_name: string }[] | null> {
  // Loaded here, not at the top: a SQLite start must not pay for `pg` (~40 modules).
  const { default: pg } = await import("pg");
  const client = new pg.Client(pgPoolConfig(url));
  client.on("error", () => {}); // a dropped socket also rejects the pending query; don't crash on the event
  await client.connect();
  try {
    return (await client.query<{ migration_name: string }>(APPLIED_SQL)).rows;
  } finally {
    await client.end();
  }
}
