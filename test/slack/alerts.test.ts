/**
 * Campaign alerts end to end: the real simulator's Notifications API over WebSocket, the real SQLite
 * database, `serve`'s alert wiring (lease, listener, engine) and the Slack surface over signed
 * requests to a local Slack stand-in. A campaign turned off "in the Genesys UI" alerts the watching
 * channel once; Resume goes through the normal path (approval); a killed socket loses no alert.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Recorded } from "../support/recording-server.js";
import { buttonsOf, textOf } from "../support/slack-fake.js";
import { ann, ben, messageTs, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

let s: SlackHarness;
beforeAll(async () => {
  s = await startSlackHarness();
});
afterAll(async () => {
  await s?.close();
});

const alertsFor = (campaign: string) =>
  s.fake.api("chat.postMessage").filter((c) => textOf(c).includes(`${campaign} (north) stopped dialing`));

async function waitFor<T>(what: string, read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("campaign alerts in Slack", () => {
  it("alerts the watching channel once when a campaign is turned off in the Genesys UI; Resume goes through approval", async () => {
    const watched = await s.command("watch north Golf", ann, { channel: "C1" });
    expect(watched.status).toBe(200);
    await s.settled();
    const listeners = await s.h.app.startAlerts({ backoff: { baseMs: 10, maxMs: 50 } });
    await waitFor("the listener", () => (listeners.held === 1 ? true : undefined));
    s.h.sim.campaignEvent("north", "Golf", { status: "off" });
    const alert = await s.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("Golf (north) stopped dialing"),
    );
    expect(alert.body.channel).toBe("C1");
    expect(textOf(alert)).toContain("Not through Switchboard");
    expect(buttonsOf(alert).map((b) => [b.action_id, b.value])).toEqual([
      ["resume", 'north "Golf"'],
      ["why", 'north "Golf" dialing'],
      ["mute", 'north "Golf" 1h'],
    ]);
    await s.h.app.alertEngine.idle();
    expect(alertsFor("Golf")).toHaveLength(1);

    // Why: the diagnosis, for the clicker only; the alert message stays as it is.
    const why = await s.click("why", alert, ann);
    const answer = await s.fake.waitForResponse(why.responseUrl);
    expect(textOf(answer)).toContain('why dialing \\"Golf\\" in north (off');
    expect(textOf(answer)).toContain("Not dialing because it is off");
    expect(answer.body.response_type).not.toBe("in_channel");
    // Resume: the same command a person types, so the policy asks for an approval.
    await s.click("resume", alert, ann);
    const request = await s.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("asks to resume Golf"),
    );
    await s.settled();
    await s.click("approve", request, ben);
    await s.settled();
    // Switchboard's resume resolves the incident: the alert is edited in place, buttons gone.
    const resolved = await s.fake.waitForApi(
      "chat.update",
      (c) => c.body.ts === messageTs(alert) && textOf(c).includes("dialing again"),
    );
    expect(buttonsOf(resolved)).toEqual([]);
    expect(textOf(resolved)).toContain("Resumed through Switchboard");
    expect(alertsFor("Golf")).toHaveLength(1);
  });

  it("does not alert for a pause made through Switchboard", async () => {
    await s.command("watch north Hotel", ann, { channel: "C1" });
    await s.settled();
    await (await s.h.app.startAlerts()).refresh();
    await s.command('pause north Hotel --reason "test"', ann, { channel: "C1" });
    await s.settled();
    await waitFor("Hotel off", () =>
      s.h.sim.campaign("north", "Hotel").status === "off" ? true : undefined,
    );
    // An outside change to another watched campaign after it proves the listener was listening:
    // Golf stopped again within minutes, so its alert is reopened (edited), not posted anew.
    const golf = alertsFor("Golf")[0];
    if (!golf) throw new Error("no Golf alert");
    const before = s.fake.api("chat.update").length;
    s.h.sim.campaignEvent("north", "Golf", { status: "off" });
    await s.fake.waitFor(
      (c) =>
        c.path === "/api/chat.update" &&
        s.fake.api("chat.update").indexOf(c) >= before &&
        c.body.ts === messageTs(golf) &&
        textOf(c).includes("Golf (north) stopped dialing"),
    );
    await s.h.app.alertEngine.idle();
    expect(alertsFor("Hotel")).toHaveLength(0);
  });

  it("loses no alert across a killed WebSocket or socket_closing: each reconnect re-reads the watched campaigns", async () => {
    await s.command("watch north India", ann, { channel: "C2" });
    await s.settled();
    const listeners = await s.h.app.startAlerts();
    await listeners.refresh();
    s.h.sim.notifications.killSockets("north");
    s.h.sim.campaignEvent("north", "India", {
      status: "forced_off",
      errors: [{ error: "line.unavailable" }],
    });
    const alert: Recorded = await s.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("India (north) stopped dialing"),
    );
    expect(alert.body.channel).toBe("C2");
    expect(textOf(alert)).toContain("Genesys reports errors");
    // Back on from the Genesys UI, then maintenance: the stop during the move still alerts, once.
    s.h.sim.campaignEvent("north", "India", { status: "on" });
    await s.fake.waitForApi(
      "chat.update",
      (c) => c.body.ts === messageTs(alert) && textOf(c).includes("dialing again"),
    );
    s.h.sim.notifications.socketClosing("north", 60_000);
    s.h.sim.campaignEvent("north", "India", { status: "off" });
    await s.fake.waitForApi(
      "chat.update",
      (c) => c.body.ts === messageTs(alert) && textOf(c).includes("India (north) stopped dialing"),
    );
    await s.h.app.alertEngine.idle();
    // The flap reopened the same message rather than posting a new one.
    expect(s.fake.api("chat.postMessage").filter((c) => textOf(c).includes("India (north)"))).toHaveLength(1);
    expect(await s.h.app.metrics.render()).toMatch(/switchboard_listener_reconnects_total [1-9]/);
  });
});
