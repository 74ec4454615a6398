import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { useTempDir } from "../support/temp-dir.js";
import { testAuditKeys, testCipher } from "./contracts/harness.js";

const intent = {
  actor: "shell:t",
  platform: "shell",
  channel: "shell",
  action: "pause",
  outcome: "intent",
} as const;

// "No open intents" is believed for up to 2 s of `before` (a status asks on every command); an intent
// appended by another process is seen once that has passed, one appended here at once.
describe("open intents", () => {
  const tmp = useTempDir();

  it("are seen at most 2 s late from another process, and at once from this one", async () => {
    const url = tmp.sqliteUrl();
    const here = await openStore({ url, cipher: testCipher, auditKeys: testAuditKeys });
    const other = await openStore({ url, cipher: testCipher, auditKeys: testAuditKeys });
    try {
      const t0 = Date.now() + 60_000;
      const query = (ms: number) => here.audit.openIntents({ before: new Date(t0 + ms), target: "camp-1" });
      expect(await query(0)).toEqual([]);
      const elsewhere = await other.audit.append({ ...intent, target: "camp-1" });
      expect(await query(1_000)).toEqual([]);
      expect((await query(2_500)).map((e) => e.id)).toEqual([elsewhere.id]);

      expect(await here.audit.openIntents({ before: new Date(t0), target: "camp-2" })).toEqual([]);
      const local = await here.audit.append({ ...intent, target: "camp-2" });
      const found = await here.audit.openIntents({ before: new Date(t0 + 500), target: "camp-2" });
      expect(found.map((e) => e.id)).toEqual([local.id]);
    } finally {
      await other.close();
      await here.close();
    }
  });
});
