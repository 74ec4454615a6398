/**
 * Two replicas of the Teams surface on one PostgreSQL database: a Bot Connector retry that lands on
 * the other replica, or two clicks split between them, still run the action once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePg, useTestDatabase } from "../support/pg.js";
import { ann, ben } from "../support/teams-activities.js";
import { cardOf, executeActions } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

describePg("Teams on two replicas sharing PostgreSQL", () => {
  const database = useTestDatabase();
  let a: TeamsHarness;
  let b: TeamsHarness;
  beforeAll(async () => {
    a = await startTeamsHarness({ databaseUrl: database.url });
    b = await startTeamsHarness({ databaseUrl: database.url, replicaOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("runs a message redelivered to the other replica once", async () => {
    const first = await a.channel('campaign resume north Alpha --reason "replicas"', ann);
    const retry = await b.channel('campaign resume north Alpha --reason "replicas"', ann, {
      id: first.activityId,
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await Promise.all([a.settled(), b.settled()]);
    const requests = (await a.h.app.services.approvals.listPending("north")).filter((r) =>
      r.targets.some((x) => x.campaignName === "Alpha"),
    );
    expect(requests).toHaveLength(1);
    expect(a.connector.posts().filter((c) => c.activityId === first.activityId)).toHaveLength(1);
  });

  it("executes an approval once when two clicks reach different replicas", async () => {
    const sent = await a.channel('campaign resume north Beta --reason "replicas"', ann);
    await a.settled();
    const message = a.connector.replyTo(sent.activityId);
    const messageId = a.connector.idOf(message);
    const requestId = executeActions(cardOf(message)).find((x) => x.verb === "approve")?.data.requestId;
    await Promise.all([
      a.click("approve", { requestId }, ben, { messageId }),
      b.click("approve", { requestId }, ben, { messageId }),
    ]);
    await Promise.all([a.settled(), b.settled()]);
    const executed = (await a.h.app.services.audit.list({ orgSlug: "north", limit: 50 })).filter(
      (r) => r.action === "resume" && r.outcome === "success" && r.targetName === "Beta",
    );
    expect(executed).toHaveLength(1);
    expect(a.h.sim.campaign("north", "Beta").status).toBe("on");
  });
});
