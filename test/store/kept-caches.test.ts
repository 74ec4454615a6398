import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { useTempDir } from "../support/temp-dir.js";
import { testAuditKeys, testCipher } from "./contracts/harness.js";

// Kept tokens and grants are written on SQLite without an fsync of their own (writeUnsynced):
// what is read back is what was saved, and every other write still syncs.
describe("kept tokens and grants on SQLite", () => {
  const tmp = useTempDir();

  it("read back what was saved, and leave the connection syncing every commit", async () => {
    const url = tmp.sqliteUrl();
    const store = await openStore({ url, cipher: testCipher, auditKeys: testAuditKeys });
    const refreshAt = new Date("2026-12-07T10:00:00.123Z");
    const readAt = new Date("2026-12-07T09:00:00.456Z");
    try {
      const vault = store.tokenVaults.forOrg("acme", "client-1@t0");
      await vault.save({ value: "token-1", refreshAt });
      await vault.save({ value: "token-2", refreshAt });
      expect(await vault.load()).toEqual({ value: "token-2", refreshAt });
      expect(await store.tokenVaults.forOrg("acme", "client-2@t1").load()).toBeUndefined();

      await store.grantsKeep.save("shell:ann", "acme", { mappingKey: "user:u1", readAt, lookup: "{}" });
      await store.grantsKeep.save("shell:ann", "acme", { mappingKey: "user:u1", readAt, lookup: '{"a":1}' });
      expect(await store.grantsKeep.load("shell:ann", "acme")).toEqual({
        mappingKey: "user:u1",
        readAt,
        lookup: '{"a":1}',
      });
      const [mode] =
        await store.db.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>("PRAGMA synchronous");
      expect(Number(mode?.synchronous)).toBe(2); // FULL
    } finally {
      await store.close();
    }
    // Another connection (the next process) finds them too.
    const next = await openStore({ url, cipher: testCipher, auditKeys: testAuditKeys });
    try {
      expect((await next.tokenVaults.forOrg("acme", "client-1@t0").load())?.value).toBe("token-2");
    } finally {
      await next.close();
    }
  });
});
