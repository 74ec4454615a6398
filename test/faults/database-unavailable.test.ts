/**
 * The database briefly unavailable (another process holds SQLite's write lock) while a pause comes
 * in: the intent row cannot be written, so Genesys is never asked to change anything and the reply
 * says the database is unavailable and nothing was changed. Once the lock is gone the same command
 * works, and the audit chain is whole.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultHarness, startFaultHarness } from "./support/fault-harness.js";

describe("the database briefly unavailable", () => {
  let h: FaultHarness;
  beforeAll(async () => {
    h = await startFaultHarness({ sqliteBusyTimeoutMs: 100 });
  });
  afterAll(() => h.close());

  it("refuses a pause without touching Genesys, then works once the database is back", async () => {
    expect((await h.run('status acme "Spring Promo"')).text).toContain("Status: on");
    const before = h.sim.campaign("acme", "Spring Promo");
    const lock = new Database(h.databaseUrl.replace(/^file:/, ""));
    let text: string;
    try {
      lock.exec("BEGIN EXCLUSIVE");
      ({ text } = await h.run('pause acme "Spring Promo" --reason "db down"'));
    } finally {
      lock.exec("ROLLBACK");
      lock.close();
    }
    expect(text).toContain("The database is unavailable; nothing was changed.");
    expect(text).toContain("DATABASE_URL");
    expect(h.writes()).toEqual([]);
    expect(h.sim.campaign("acme", "Spring Promo")).toEqual(before);

    const after = await h.run('pause acme "Spring Promo" --reason "db back"');
    expect(after.reply.tone).toBe("success");
    expect(h.sim.campaign("acme", "Spring Promo").status).toBe("off");
    const rows = (await h.app.services.audit.list({ orgSlug: "acme", limit: 50 })).filter(
      (r) => r.action === "pause",
    );
    // Nothing half-recorded from the failed attempt: one intent, one success, both from the retry.
    expect(rows.map((r) => `${r.outcome} ${r.reason}`).sort()).toEqual(["intent db back", "success db back"]);
    expect(await h.app.store.audit.verify()).toMatchObject({ ok: true });
  });
});
