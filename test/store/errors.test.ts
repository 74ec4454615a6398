import { writeFileSync } from "node:fs";
import net from "node:net";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { type AppError, isAppError } from "../../src/core/kernel/errors.js";
import { isUniqueViolation, openStore, translateStoreError } from "../../src/store/index.js";
import { ensureMigrated } from "../../src/store/schema-engine/index.js";
import { useTempDir } from "../support/temp-dir.js";
import { testCipher } from "./contracts/harness.js";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw error;
  return error;
}

function everything(error: AppError): string {
  return [error.message, error.userMessage, error.hint, ...error.details].join("\n");
}

describe("store_unavailable", () => {
  const tmp = useTempDir();

  it("when PostgreSQL does not answer, without leaking the password", async () => {
    const url = `postgresql://sam:hunter2@127.0.0.1:${await closedPort()}/switchboard`;
    const error = await rejection(openStore({ url, cipher: testCipher }));
    expect(error.code).toBe("store_unavailable");
    expect(error.message).toMatch(/^The database is unavailable/);
    expect(error.hint).toContain("DATABASE_URL");
    expect(everything(error)).not.toContain("hunter2");
    expect((await rejection(ensureMigrated(url))).code).toBe("store_unavailable");
  });

  it("when the SQLite file cannot be created", async () => {
    writeFileSync(tmp.file("not-a-dir"), "");
    const error = await rejection(
      openStore({ url: `file:${tmp.file("not-a-dir", "x.db")}`, cipher: testCipher }),
    );
    expect(error.code).toBe("store_unavailable");
  });

  it("when another process keeps the SQLite database locked", async () => {
    const url = tmp.sqliteUrl("locked.db");
    const store = await openStore({ url, cipher: testCipher, sqliteBusyTimeoutMs: 50 });
    const other = new Database(tmp.file("locked.db"));
    try {
      other.exec("BEGIN EXCLUSIVE");
      const linking = await rejection(
        store.orgs.upsert({
          slug: "acme",
          genesysOrgId: "g",
          name: "Acme",
          region: "us_east_1",
          clientId: "c",
          clientSecret: "s",
        }),
      );
      expect(linking.code).toBe("store_unavailable");
      expect(everything(linking)).toContain("locked");
      const auditing = await rejection(
        store.audit.append({
          actor: "shell:a",
          platform: "shell",
          channel: "tty",
          action: "x",
          outcome: "info",
        }),
      );
      expect(auditing.code).toBe("store_unavailable");
      other.exec("ROLLBACK");
      // Released: the same store works again.
      await store.audit.append({
        actor: "shell:a",
        platform: "shell",
        channel: "tty",
        action: "x",
        outcome: "info",
      });
      // This store has no audit key, so its one row is of the unkeyed chain.
      expect(await store.audit.verify()).toEqual({ ok: true, count: 1, unkeyed: 1 });
    } finally {
      other.close();
      await store.close();
    }
  });

  it("leaves constraint violations to the caller", async () => {
    const store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher });
    try {
      const row = {
        id: "x",
        seq: 1,
        at: new Date(),
        actor: "a",
        platform: "p",
        channel: "c",
        action: "a",
        outcome: "info",
        prevHash: "0",
        hash: "h",
      };
      await store.db.auditEvent.create({ data: row });
      const error = await store.db.auditEvent
        .create({ data: { ...row, id: "y" } })
        .catch((caught: unknown) => caught);
      expect(isUniqueViolation(error)).toBe(true);
      expect(translateStoreError(error)).toBe(error);
    } finally {
      await store.close();
    }
  });
});
