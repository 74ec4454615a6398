/**
 * Applying migrations: `prisma migrate deploy` and `prisma migrate status` on the wasm engine, and
 * ensureMigrated, the cheap check every CLI start runs before touching the database.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Provider, providerOf, sqliteFilePath } from "../database-url.js";
import { atStoreBoundary } from "../errors.js";
import { type RawQueryable, readAppliedMigrations } from "./applied-migrations.js";
import { type EngineTarget, NO_FILTERS, withEngine } from "./engine.js";
import { withFileLock } from "./file-lock.js";
import { migrationNames, PROJECT_ROOT, readMigrationsList } from "./migrations-dir.js";

export interface SchemaEngineOptions {
  /** Project root holding prisma/ (default: this repository). */
  root?: string;
  /** Receives the engine's log lines. */
  log?: (line: string) => void;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Failed, edited or unknown migrations, as sentences; empty when the history is healthy. */
  problems: string[];
}

/**
 * Applies every pending migration in prisma/<provider>/migrations (= `prisma migrate deploy`,
 * same `_prisma_migrations` bookkeeping). Safe to run concurrently: PostgreSQL deploys take the
 * engine's advisory lock, SQLite deploys a lock file next to the database.
 */
export async function deployMigrations(
  url: string,
  options: SchemaEngineOptions = {},
): Promise<{ applied: string[] }> {
  const target = await engineTarget(url, options);
  const root = target.root;
  const deploy = () =>
    withEngine(target, async ({ engine }) => {
      const migrationsList = await readMigrationsList(target.provider, root);
      const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return { applied: result.appliedMigrationNames };
    });
  return atStoreBoundary(() =>
    target.provider === "sqlite" ? withFileLock(`${target.database}.migrate-lock`, deploy) : deploy(),
  );
}

/** What `prisma migrate status` reports, as three lists. */
export async function migrationStatus(
  url: string,
  options: SchemaEngineOptions = {},
): Promise<MigrationStatus> {
  const provider = providerOf(url);
  const root = options.root ?? PROJECT_ROOT;
  const onDisk = await migrationNames(provider, root);
  const applied = await readAppliedMigrations(url);
  // A database without the table has simply applied nothing (the engine would call it an error).
  if (applied === null) return { applied: [], pending: onDisk, problems: [] };
  const target = await engineTarget(url, options);
  const diagnosis = await atStoreBoundary(() =>
    withEngine(target, async ({ engine }) =>
      engine.diagnoseMigrationHistory({
        migrationsList: await readMigrationsList(provider, root),
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      }),
    ),
  );
  const problems: string[] = [];
  for (const name of diagnosis.failedMigrationNames)
    problems.push(`${name} failed; fix it, then mark it rolled back`);
  for (const name of diagnosis.editedMigrationNames) problems.push(`${name} was edited after it was applied`);
  const history = diagnosis.history;
  if (history?.diagnostic === "migrationsDirectoryIsBehind" || history?.diagnostic === "historiesDiverge") {
    for (const name of history.unpersistedMigrationNames) {
      problems.push(`${name} is applied in the database but missing from prisma/${provider}/migrations`);
    }
  }
  return {
    applied: onDisk.filter((name) => applied.has(name)),
    pending: onDisk.filter((name) => !applied.has(name)),
    problems,
  };
}

/**
 * The start-up check: when `_prisma_migrations` already lists every migration folder as applied
 * (one query, through `db` when given), return at once without loading the wasm engine; otherwise
 * deploy. Idempotent and safe for concurrent callers (see deployMigrations).
 */
export async function ensureMigrated(
  url: string,
  options: SchemaEngineOptions & { db?: RawQueryable } = {},
): Promise<{ applied: string[]; fastPath: boolean }> {
  const provider = providerOf(url);
  const root = options.root ?? PROJECT_ROOT;
  const [expected, applied] = await Promise.all([
    migrationNames(provider, root),
    readAppliedMigrations(url, options.db),
  ]);
  if (applied && expected.every((name) => applied.has(name))) return { applied: [], fastPath: true };
  const result = await deployMigrations(url, options);
  return { applied: result.applied, fastPath: false };
}

async function engineTarget(url: string, options: SchemaEngineOptions): Promise<EngineTarget> {
  const provider: Provider = providerOf(url);
  const root = options.root ?? PROJECT_ROOT;
  if (provider === "postgresql") return { provider, database: url, root, log: options.log };
  const file = sqliteFilePath(url);
  await atStoreBoundary(() => mkdir(path.dirname(file), { recursive: true }));
  return { provider, database: file, root, log: options.log };
}
