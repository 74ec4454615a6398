import { chmodSync, existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/kernel/errors.js";
import { pgPoolConfig, sqliteFilePath } from "../../src/store/database-url.js";
import { openDb, providerOf } from "../../src/store/db.js";
import { useTempDir } from "../support/temp-dir.js";

describe("DATABASE_URL", () => {
  it("names the provider", () => {
    expect(providerOf("file:./switchboard.db")).toBe("sqlite");
    expect(providerOf("postgres://u@h/db")).toBe("postgresql");
    expect(providerOf("postgresql://u:p@h:5432/db?sslmode=disable")).toBe("postgresql");
  });

  it("explains the accepted forms without echoing the URL", () => {
    for (const url of ["mysql://root:hunter2@db/x", "", "switchboard.db"]) {
      let error: unknown;
      try {
        providerOf(url);
      } catch (caught) {
        error = caught;
      }
      expect(isAppError(error) && error.code).toBe("config");
      const text = isAppError(error) ? `${error.message} ${error.hint}` : "";
      expect(text).toContain("DATABASE_URL");
      expect(text).toContain("file:");
      expect(text).toContain("postgresql://");
      expect(text).not.toContain("hunter2");
    }
  });

  it("resolves SQLite paths and refuses in-memory databases", () => {
    expect(sqliteFilePath("file:./data/x.db")).toBe(path.resolve("data/x.db"));
    expect(sqliteFilePath("file:/tmp/x.db?connection_limit=1")).toBe("/tmp/x.db");
    expect(sqliteFilePath("file:///tmp/y.db")).toBe("/tmp/y.db");
    expect(() => sqliteFilePath("file::memory:")).toThrow(/in-memory/);
  });

  it("gives node-postgres discrete fields and a connection timeout", () => {
    const config = pgPoolConfig("postgresql://sam:pw@db.example:6543/switchboard", { max: 1 });
    expect(config).toMatchObject({
      user: "sam",
      password: "pw",
      host: "db.example",
      port: 6543,
      database: "switchboard",
      max: 1,
    });
    expect(config.connectionString).toBeUndefined();
    expect(config.connectionTimeoutMillis).toBeGreaterThan(0);
  });
});

describe("openDb on SQLite", () => {
  const tmp = useTempDir();

  it("creates the parent directory and switches the file to WAL", async () => {
    const file = tmp.file("a", "b", "switchboard.db");
    const { db, provider, close } = await openDb(`file:${file}`);
    try {
      expect(provider).toBe("sqlite");
      expect(existsSync(file)).toBe(true);
      expect(await db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    } finally {
      await close();
      await close(); // idempotent
    }
  });

  it("syncs every commit (synchronous FULL), also when reopening a file already in WAL mode", async () => {
    // better-sqlite3 defaults to NORMAL on a WAL file, which may lose acknowledged audit rows on
    // power loss; the second open is the one that default would apply to.
    const url = tmp.sqliteUrl();
    for (let open = 0; open < 2; open++) {
      const { db, close } = await openDb(url);
      try {
        const rows = (await db.$queryRawUnsafe("PRAGMA synchronous")) as { synchronous: bigint }[];
        expect(rows.map((r) => Number(r.synchronous))).toEqual([2]); // 2 = FULL, 1 = NORMAL
      } finally {
        await close();
      }
    }
  });

  it.skipIf(process.platform === "win32")(
    "creates the database and its WAL files readable by their owner only, and narrows an existing 0644 file",
    async () => {
      const file = tmp.file("private", "switchboard.db");
      const { db, close } = await openDb(`file:${file}`);
      try {
        await db.$executeRawUnsafe("CREATE TABLE t (x INTEGER)");
        for (const f of [file, `${file}-wal`, `${file}-shm`])
          if (existsSync(f)) expect((statSync(f).mode & 0o777).toString(8)).toBe("600");
      } finally {
        await close();
      }
      const old = tmp.file("old.db");
      writeFileSync(old, "");
      chmodSync(old, 0o644);
      const reopened = await openDb(`file:${old}`);
      await reopened.close();
      expect((statSync(old).mode & 0o777).toString(8)).toBe("600");
    },
  );
});
