/**
 * Campaign alerts in Teams: a campaign watched from a Teams channel and turned off "in the Genesys
 * UI" (the simulator over WebSocket) gets one proactive card in that conversation, with Resume / Why
 * / Mute as Action.Execute carrying their commands; back on, the same card is updated in place.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ann, CHANNEL } from "../support/teams-activities.js";
import { cardOf, executeActions, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
beforeAll(async () => {
  t = await startTeamsHarness();
});
afterAll(async () => {
  await t?.close();
});

describe("campaign alerts in Teams", () => {
  it("posts one card in the watching conversation and updates it when the campaign is back on", async () => {
    await t.channel("campaign watch north Golf", ann);
    await t.settled();
    await t.h.app.startAlerts({ backoff: { baseMs: 10, maxMs: 50 } });
    t.h.sim.campaignEvent("north", "Golf", { status: "off" });
    const alert = await t.connector.waitForPost((c) =>
      textOf(cardOf(c)).includes("Golf (north) stopped dialing"),
    );
    expect(alert.conversationId).toBe(CHANNEL);
    expect(executeActions(cardOf(alert)).map((a) => [a.verb, a.data.value])).toEqual([
      ["resume", 'resume north "Golf"'],
      ["why", 'why north "Golf" dialing'],
      ["mute", 'mute north "Golf" 1h'],
    ]);
    const id = t.connector.idOf(alert);
    t.h.sim.campaignEvent("north", "Golf", { status: "on" });
    const back = await t.connector.waitForUpdate(id, (c) => textOf(cardOf(c)).includes("dialing again"));
    expect(executeActions(cardOf(back))).toEqual([]);
    await t.h.app.alertEngine.idle();
    const alerts = t.connector.posts().filter((c) => textOf(cardOf(c)).includes("Golf (north)"));
    expect(alerts).toHaveLength(1);
  });

  it("runs Mute from the card as the clicker: stored for this conversation", async () => {
    const alert = t.connector.posts().find((c) => textOf(cardOf(c)).includes("Golf (north) stopped dialing"));
    if (!alert) throw new Error("no alert card");
    const mute = executeActions(cardOf(alert)).find((a) => a.verb === "mute");
    const click = await t.click("mute", mute?.data ?? {}, ann, { messageId: t.connector.idOf(alert) });
    expect(click.status).toBe(200);
    await t.settled();
    const [watch] = await t.h.app.services.watches.list({ orgSlug: "north", platform: "teams" });
    const until = await t.h.app.services.alerts.mutedUntil(
      { orgSlug: "north", campaignId: watch?.campaignId ?? "", platform: "teams", channel: CHANNEL },
      new Date(),
    );
    expect(until).not.toBeNull();
  });
});
