/**
 * Alerts on two `serve` replicas sharing PostgreSQL: one holds the org's listener lease, each alert
 * is posted once, and when the holder stops the other takes the org over and keeps editing the same
 * message (the incident and its post are in the database, not in the replica).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePg, useTestDatabase } from "../support/pg.js";
import { textOf } from "../support/slack-fake.js";
import { ann, messageTs, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

async function waitFor(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describePg("alerts on two replicas sharing PostgreSQL", () => {
  const database = useTestDatabase();
  let a: SlackHarness;
  let b: SlackHarness;
  beforeAll(async () => {
    a = await startSlackHarness({ databaseUrl: database.url });
    b = await startSlackHarness({ databaseUrl: database.url, replicaOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("posts each alert once, and the other replica takes the listener over when the holder stops", async () => {
    await a.command("watch north Golf", ann, { channel: "C1" });
    await a.settled();
    const tuning = { backoff: { baseMs: 10, maxMs: 50 }, lease: { ttlMs: 1_000, renewEveryMs: 200 } };
    const la = await a.h.app.startAlerts(tuning);
    const lb = await b.h.app.startAlerts(tuning);
    await waitFor("one listener", () => la.held + lb.held === 1);
    a.h.sim.campaignEvent("north", "Golf", { status: "off" });
    const alert = await a.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("Golf (north) stopped dialing"),
    );
    await Promise.all([a.h.app.alertEngine.idle(), b.h.app.alertEngine.idle()]);
    const posts = () => a.fake.api("chat.postMessage").filter((c) => textOf(c).includes("Golf (north)"));
    expect(posts()).toHaveLength(1);

    const [holder, other, otherListeners] = la.held === 1 ? [a, b, lb] : [b, a, la];
    await holder.h.app.stopAlerts();
    await waitFor("the takeover", () => otherListeners.held === 1);
    a.h.sim.campaignEvent("north", "Golf", { status: "invalid", errors: [{ error: "contact.list.empty" }] });
    await a.fake.waitForApi(
      "chat.update",
      (c) => c.body.ts === messageTs(alert) && textOf(c).includes("contact.list.empty"),
    );
    await other.h.app.alertEngine.idle();
    expect(posts()).toHaveLength(1);
  });
});
