/**
 * DATABASE_URL parsing: which provider a URL names and how each driver wants it. The URL can carry a
 * password, so nothing here ever puts the URL itself into an error message (see redactSecrets in errors.ts).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PoolConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { AppError } from "../core/kernel/errors.js";

export type Provider = "sqlite" | "postgresql";

const ACCEPTED = "file:./path/to/switchboard.db (SQLite) or postgresql://user:password@host:5432/database";

/** `file:` → sqlite; `postgres://` / `postgresql://` → postgresql; anything else is a config error. */
export function providerOf(url: string): Provider {
  const trimmed = url.trim();
  if (trimmed.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return "postgresql";
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw new AppError(
    "config",
    scheme ? `DATABASE_URL uses the unsupported scheme "${scheme}:".` : "DATABASE_URL is empty or not a URL.",
    { hint: `Set DATABASE_URL to ${ACCEPTED}.` },
  );
}

/**
 * The file path of a `file:` URL, resolved against the working directory. Query parameters are
 * ignored. In-memory databases are refused: migrations run on a separate connection and would never
 * reach the application's database.
 */
export function sqliteFilePath(url: string): string {
  const trimmed = url.trim();
  const withoutQuery = trimmed.replace(/\?.*$/, "");
  const filePath = withoutQuery.startsWith("file://")
    ? fileURLToPath(withoutQuery)
    : withoutQuery.slice("file:".length);
  if (filePath === "" || filePath === ":memory:") {
    throw new AppError("config", "An in-memory SQLite database cannot be used: Switchboard needs a file.", {
      hint: "Set DATABASE_URL to file:./.switchboard/switchboard.db (or a temporary file in tests).",
    });
  }
  return path.resolve(filePath);
}

/**
 * A node-postgres pool configuration from a URL. Discrete fields, not `connectionString`: pg lets a
 * connection string override every other field, which would defeat `{ ...config, database: other }`
 * (the schema engine's shadow database, the test helper's throwaway databases).
 */
export function pgPoolConfig(url: string, overrides: PoolConfig = {}): PoolConfig {
  let parsed: ReturnType<typeof parseIntoClientConfig>;
  try {
    parsed = parseIntoClientConfig(url);
  } catch (error) {
    throw new AppError("config", "DATABASE_URL is not a valid PostgreSQL URL.", {
      hint: `Expected ${ACCEPTED}.`,
      cause: error,
    });
  }
  return {
    ...parsed,
    // Fail instead of hanging forever when the server is unreachable (pg's default is no timeout).
    connectionTimeoutMillis: 10_000,
    ...overrides,
  };
}
