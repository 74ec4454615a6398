/**
 * Writing migrations (developer commands): `prisma migrate dev --create-only` and `prisma migrate
 * diff` on the wasm engine, and keeping the generated PostgreSQL schema in step with the SQLite one.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../core/kernel/errors.js";
import type { Provider } from "../database-url.js";
import { NO_FILTERS, withEngine } from "./engine.js";
import {
  LOCK_FILE,
  lockFileContent,
  migrationsDir,
  PROJECT_ROOT,
  readMigrationsList,
} from "./migrations-dir.js";
import { syncPostgresSchemaFile } from "./postgres-schema.mjs";

export interface AuthoringOptions {
  root?: string;
  log?: (line: string) => void;
  /**
   * PostgreSQL only: a server where a throwaway shadow database can be created (CREATEDB) to replay
   * the existing migrations into. SQLite replays into an in-memory database and needs nothing.
   */
  shadowUrl?: string;
}

/**
 * The SQL that would bring the migrations folder up to the schema ("" when they already match):
 * the existing migrations are replayed into a shadow database and diffed against the schema.
 */
export async function diffMigrations(provider: Provider, options: AuthoringOptions = {}): Promise<string> {
  const root = options.root ?? PROJECT_ROOT;
  if (provider === "postgresql") await syncPostgresSchemaFile(root);
  const database = provider === "sqlite" ? ":memory:" : requireShadowUrl(options.shadowUrl);
  return withEngine({ provider, database, root, log: options.log }, async ({ engine, schema }) => {
    const list = await readMigrationsList(provider, root);
    // engine.createMigration() cannot use an external shadow database in the wasm build; diff() can.
    const from =
      list.migrationDirectories.length > 0
        ? { tag: "migrations" as const, ...list }
        : { tag: "empty" as const };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const script = result.stdout ?? "";
    return isEmptyScript(script) ? "" : script;
  });
}

/**
 * Writes prisma/<provider>/migrations/<timestamp>_<name>/migration.sql for the schema changes not
 * yet in a migration. Returns the folder name, or null when the schema has not changed.
 * @param options.timestamp lets one command give both providers' folders the same name.
 */
export async function createMigration(
  provider: Provider,
  name: string,
  options: AuthoringOptions & { timestamp?: string } = {},
): Promise<string | null> {
  const slug = migrationSlug(name);
  const script = await diffMigrations(provider, options);
  return script
    ? writeMigration(provider, `${options.timestamp ?? migrationTimestamp()}_${slug}`, script, options)
    : null;
}

/**
 * The developer command: one migration per provider, same folder name. Both are planned before
 * either is written, so a failure (no PostgreSQL for the shadow database) leaves no half-made pair.
 */
export async function createMigrations(
  name: string,
  options: AuthoringOptions = {},
): Promise<Record<Provider, string | null>> {
  const slug = migrationSlug(name);
  const folder = `${migrationTimestamp()}_${slug}`;
  const sqlite = await diffMigrations("sqlite", options);
  const postgresql = await diffMigrations("postgresql", options);
  return {
    sqlite: sqlite ? await writeMigration("sqlite", folder, sqlite, options) : null,
    postgresql: postgresql ? await writeMigration("postgresql", folder, postgresql, options) : null,
  };
}

async function writeMigration(provider: Provider, folder: string, script: string, options: AuthoringOptions) {
  const root = options.root ?? PROJECT_ROOT;
  const dir = path.join(migrationsDir(provider, root), folder);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), script);
  const lockPath = path.join(migrationsDir(provider, root), LOCK_FILE);
  const lock = await readFile(lockPath, "utf8").catch(() => null);
  if (lock !== lockFileContent(provider)) await writeFile(lockPath, lockFileContent(provider));
  return folder;
}

function migrationSlug(name: string): string {
  const slug = name
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new AppError("usage", "A migration needs a name.", { hint: "db create add_approvals" });
  return slug;
}

/**
 * Regenerates prisma/postgresql/schema.prisma from prisma/sqlite/schema.prisma. With `check`, only
 * reports whether it is in sync (CI).
 */
export async function syncPostgresSchema(
  options: { check?: boolean; root?: string } = {},
): Promise<{ inSync: boolean; written: boolean }> {
  return syncPostgresSchemaFile(options.root ?? PROJECT_ROOT, { check: options.check });
}

/** `prisma migrate`'s folder prefix: UTC yyyyMMddHHmmss. */
function migrationTimestamp(at = new Date()): string {
  return at.toISOString().replace(/\D/g, "").slice(0, 14);
}

/** The engine answers "-- This is an empty migration." (comments only) when nothing changed. */
function isEmptyScript(script: string): boolean {
  return script
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}

function requireShadowUrl(shadowUrl: string | undefined): string {
  if (shadowUrl) return shadowUrl;
  throw new AppError(
    "config",
    "Writing a PostgreSQL migration needs a PostgreSQL server for a shadow database.",
    {
      hint: "Pass --shadow-url postgresql://postgres@127.0.0.1:5432/postgres (the user needs CREATEDB).",
    },
  );
}
