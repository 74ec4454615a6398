/**
 * Two replicas of the Slack surface on one PostgreSQL database: a Slack retry that lands on the other
 * replica, or two clicks split between them, still run the action once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePg, useTestDatabase } from "../support/pg.js";
import { approvalIdOf, textOf } from "../support/slack-fake.js";
import { ann, ben, messageTs, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

describePg("Slack on two replicas sharing PostgreSQL", () => {
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

  it("runs a command redelivered to the other replica once", async () => {
    const first = await a.command('resume north Alpha --reason "replicas"', ann);
    const retry = await b.post(first.raw, { headers: { "x-slack-retry-num": "1" } });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await a.fake.waitForApi("chat.postMessage", (c) => textOf(c).includes("asks to resume Alpha"));
    await Promise.all([a.settled(), b.settled()]);
    const requests = (await a.h.app.services.approvals.listPending("north")).filter((r) =>
      r.targets.some((t) => t.campaignName === "Alpha"),
    );
    expect(requests).toHaveLength(1);
  });

  it("executes an approval once when two clicks reach different replicas", async () => {
    await a.command('resume north Beta --reason "replicas"', ann);
    const message = await a.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("asks to resume Beta"),
    );
    await a.settled();
    const id = approvalIdOf(message);
    await Promise.all([a.click("approve", message, ben), b.click("approve", message, ben)]);
    await a.fake.waitForApi("chat.update", (c) => c.body.ts === messageTs(message));
    await Promise.all([a.settled(), b.settled()]);
    const executed = (await a.h.app.services.audit.list({ orgSlug: "north", limit: 50 })).filter(
      (r) => r.action === "resume" && r.outcome === "success" && r.targetName === "Beta",
    );
    expect(executed).toHaveLength(1);
    expect((await a.h.app.services.approvals.get(id))?.status).toBe("executed");
    expect(a.h.sim.campaign("north", "Beta").status).toBe("on");
  });
});
