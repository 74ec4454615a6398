import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { useTempDir } from "../support/temp-dir.js";
import { testAuditKeys, testCipher } from "./contracts/harness.js";

// Identical reads asked for together share one query (core/kernel/same-turn-reads.ts).
describe("stores reading in a burst", () => {
  const tmp = useTempDir();

  it("see what was written before they asked, and give each caller its own list", async () => {
    const store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher, auditKeys: testAuditKeys });
    try {
      const row = { actor: "shell:t", platform: "shell", channel: "shell", action: "status" } as const;
      await store.audit.append({ ...row, outcome: "info", target: "camp-1" });
      const appended = await store.audit.append({ ...row, outcome: "info", target: "camp-1" });
      const [a, b] = await Promise.all([
        store.audit.list({ target: "camp-1" }),
        store.audit.list({ target: "camp-1" }),
      ]);
      expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
      expect(a[0]?.id).toBe(appended.id);
      a.reverse();
      expect(b[0]?.id).toBe(appended.id);
    } finally {
      await store.close();
    }
  });

  it("give open intents asked for together each caller's own `before`", async () => {
    const store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher, auditKeys: testAuditKeys });
    try {
      const intent = await store.audit.append({
        actor: "shell:t",
        platform: "shell",
        channel: "shell",
        action: "pause",
        outcome: "intent",
        target: "camp-1",
      });
      const at = intent.at.getTime();
      const ask = (before: number, limit?: number) =>
        store.audit.openIntents({ before: new Date(before), target: "camp-1", ...(limit ? { limit } : {}) });
      const [older, newer, limited] = await Promise.all([ask(at), ask(at + 1), ask(at + 1, 1)]);
      expect(older).toEqual([]);
      expect(newer.map((e) => e.id)).toEqual([intent.id]);
      expect(limited.map((e) => e.id)).toEqual([intent.id]);
    } finally {
      await store.close();
    }
  });
});
