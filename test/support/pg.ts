/**
 * PostgreSQL for tests: a throwaway database per test file on the server TEST_DATABASE_URL points at
 * (which needs CREATEDB), dropped afterwards. Suites wrapped in describePg skip, saying so, when the
 * variable is not set, so a machine without PostgreSQL still runs everything else.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";

/** e.g. postgresql://postgres@127.0.0.1:5432/test (`.ci/run` sets it on the CI machines). */
export const pgUrl: string | undefined = process.env.TEST_DATABASE_URL;

let announced = false;

/** `describe` for PostgreSQL suites: skipped, with one console line saying how to enable it. */
export function describePg(name: string, body: () => void): void {
  if (!pgUrl && !announced) {
    announced = true;
    console.info(
      "PostgreSQL suite skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run it.",
    );
  }
  describe.skipIf(!pgUrl)(name, body);
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `switchboard_t_<random>` next to TEST_DATABASE_URL's database. */
export async function createTestDatabase(serverUrl = requirePgUrl()): Promise<TestDatabase> {
  const name = `switchboard_t_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      // Terminate leftovers (a pool a failed test never closed) so the drop cannot hang or fail.
      await admin(
        serverUrl,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
      );
      await admin(serverUrl, `DROP DATABASE IF EXISTS "${name}"`);
    },
  };
}

/** A fresh database for the current suite: created in beforeAll, dropped in afterAll. */
export function useTestDatabase(): { readonly url: string } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error("useTestDatabase(): the database exists only inside tests");
      return database.url;
    },
  };
}

/** Runs one statement on the server's maintenance connection. */
export async function admin(serverUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function requirePgUrl(): string {
  if (!pgUrl) throw new Error("TEST_DATABASE_URL is not set");
  return pgUrl;
}
