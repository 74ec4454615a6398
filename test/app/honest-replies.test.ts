/**
 * Issue 11 row 5: a reply never claims "recorded in the audit log" when the outcome row was not
 * written. The fault is real: the database refuses the outcome row (a trigger), after the intent row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("when the audit outcome cannot be written", () => {
  it("says the pause went through in Genesys and that only the intent was recorded", async () => {
    await h.app.store.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_outcome BEFORE INSERT ON audit_events
       WHEN NEW.outcome = 'success' AND NEW.action = 'pause'
       BEGIN SELECT RAISE(ABORT, 'database is locked'); END`,
    );
    try {
      const { text } = await h.run('pause acme "Spring Promo" --reason "DNC list stale"');
      expect(h.sim.campaign("acme", "Spring Promo").status).toBe("off");
      expect(text).not.toContain("recorded in the audit log");
      expect(text).toContain("audit outcome for Spring Promo could not be written");
      const rows = await h.app.services.audit.list({ target: h.sim.campaign("acme", "Spring Promo").id });
      expect(rows.filter((r) => r.action === "pause").map((r) => r.outcome)).toEqual(["intent"]);
    } finally {
      await h.app.store.db.$executeRawUnsafe("DROP TRIGGER refuse_outcome");
    }
  });

  it("still says recorded when it was", async () => {
    const { text } = await h.run('pause acme "Winter Sale"');
    expect(text).toContain("recorded in the audit log");
  });
});
