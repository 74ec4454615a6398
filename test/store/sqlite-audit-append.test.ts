import { describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { useTempDir } from "../support/temp-dir.js";
import { testAuditKeys, testCipher } from "./contracts/harness.js";

const event = (action: string) =>
  ({ actor: "shell:t", platform: "shell", channel: "shell", action, outcome: "info" }) as const;

async function synchronous(store: Store): Promise<number[]> {
  const rows = (await store.db.$queryRawUnsafe("PRAGMA synchronous")) as { synchronous: bigint }[];
  return rows.map((r) => Number(r.synchronous));
}

// Audit appends on SQLite commit on Prisma's connection and sync the WAL off the event loop
// (src/store/sqlite-chain-writer.ts); these are the properties that shortcut must keep.
describe("audit appends on SQLite", () => {
  const tmp = useTempDir();

  it("leave the connection syncing every other commit (synchronous FULL)", async () => {
    const store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher, auditKeys: testAuditKeys });
    try {
      await Promise.all([store.audit.append(event("a")), store.audit.append(event("b"))]);
      expect(await synchronous(store)).toEqual([2]); // 2 = FULL, 1 = NORMAL
    } finally {
      await store.close();
    }
  });

  it("store rows that read back as appended and verify, concurrent or not", async () => {
    const store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher, auditKeys: testAuditKeys });
    try {
      const first = await store.audit.append({ ...event("one"), orgSlug: "acme", detail: { b: 1, a: [2] } });
      const rest = await Promise.all(
        Array.from({ length: 30 }, (_, i) => store.audit.append(event(`n${i}`))),
      );
      expect(rest.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
      const [listed] = await store.audit.list({ orgSlug: "acme", limit: 1 });
      expect(listed).toEqual(first);
      expect(await store.audit.verify()).toEqual({ ok: true, count: 31 });
    } finally {
      await store.close();
    }
  });

  it("still append after Prisma closed its connection (it opens a new one)", async () => {
    const store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher, auditKeys: testAuditKeys });
    try {
      await store.audit.append(event("before"));
      await store.db.$disconnect();
      await store.audit.append(event("after"));
      await store.audit.append(event("again"));
      expect(await store.audit.verify()).toEqual({ ok: true, count: 3 });
    } finally {
      await store.close();
    }
  });

  it("wait their turn behind another store's open transaction on the same connection", async () => {
    const store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher, auditKeys: testAuditKeys });
    try {
      let appended: Promise<unknown> | undefined;
      await store.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("UPDATE audit_events SET seq = seq WHERE 0 = 1");
        appended = store.audit.append(event("during"));
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
      await appended;
      expect(await store.audit.verify()).toEqual({ ok: true, count: 1 });
      expect(await synchronous(store)).toEqual([2]);
    } finally {
      await store.close();
    }
  });
});
