/**
 * A Teams conversation that watched a campaign keeps getting alerts after Switchboard restarts,
 * before anyone there writes to the bot again: the conversation reference (service URL, tenant)
 * Teams sent with the `watch` is in the database, and the rebuilt app posts with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ann, CHANNEL } from "../support/teams-activities.js";
import { cardOf, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";
import { makeTempDir } from "../support/temp-dir.js";

const dir = makeTempDir("switchboard-teams-restart-");
let before: TeamsHarness;
let after: TeamsHarness | undefined;
beforeAll(async () => {
  before = await startTeamsHarness({ databaseUrl: dir.sqliteUrl("switchboard.db") });
});
afterAll(async () => {
  await after?.close();
  await before?.close();
  dir.remove();
});

describe("Teams alerts after a restart", () => {
  it("posts the card in the watching conversation with the stored conversation reference", async () => {
    const watched = await before.channel("campaign watch north Golf", ann);
    expect(watched.status).toBe(200);
    await before.settled();
    // The app that saw the watch never listens; a new one on the same database (same simulator and
    // Bot Connector stand-in) has heard nothing from Teams since it started.
    after = await startTeamsHarness({ databaseUrl: dir.sqliteUrl("switchboard.db"), replicaOf: before });
    const postsBefore = before.connector.posts().length;
    await after.h.app.startAlerts({ backoff: { baseMs: 10, maxMs: 50 } });
    after.h.sim.campaignEvent("north", "Golf", { status: "off" });
    const alert = await after.connector.waitForPost((c) =>
      textOf(cardOf(c)).includes("Golf (north) stopped dialing"),
    );
    expect(alert.conversationId).toBe(CHANNEL);
    await after.h.app.alertEngine.idle();
    const cards = after.connector
      .posts()
      .slice(postsBefore)
      .filter((c) => textOf(cardOf(c)).includes("Golf (north)"));
    expect(cards).toHaveLength(1);
  });
});
