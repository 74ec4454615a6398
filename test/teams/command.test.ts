/**
 * Commands through the real botbuilder CloudAdapter over HTTP, with Teams-shaped activities and a
 * local stand-in for the Bot Connector: the answer is an Adaptive Card replying under the message,
 * a channel @mention and a personal chat run the same commands as the sender's Teams identity, and
 * a retried delivery runs once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedEgress } from "../support/egress-guard.js";
import { ann, CHANNEL, identityOf, TENANT } from "../support/teams-activities.js";
import { cardOf, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
beforeAll(async () => {
  t = await startTeamsHarness();
});
afterAll(async () => {
  await t?.close();
});

describe("a message to the bot", () => {
  it("answers an @mention in a channel with an Adaptive Card replying under that message", async () => {
    const sent = await t.channel("campaign list north", ann);
    expect(sent.status).toBe(200);
    expect(sent.text).toBe("");
    // The turn ran before the HTTP answer, so the reply is already recorded.
    const reply = t.connector.replyTo(sent.activityId);
    expect(reply.conversationId).toBe(`${CHANNEL};messageid=1700000000001`);
    expect(reply.path).toBe(
      `/v3/conversations/${encodeURIComponent(`${CHANNEL};messageid=1700000000001`)}/activities/${sent.activityId}`,
    );
    expect(reply.body).toMatchObject({
      type: "message",
      replyToId: sent.activityId,
      summary: "north: 16 campaigns",
    });
    const card = cardOf(reply);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    const body = card.body as Record<string, unknown>[];
    expect(body[0]).toMatchObject({ type: "TextBlock", text: "north: 16 campaigns", weight: "Bolder" });
    expect(body[1]).toMatchObject({ type: "Container", targetWidth: "atLeast:Standard" });
    expect(textOf(body[1])).toContain('"Campaign"');
    expect(textOf(body)).toContain("Golf");
    // Statuses are coloured: on is "good".
    const rows = (body[1]?.items ?? []) as Record<string, unknown>[];
    const golf = rows.find((b) => textOf(b).includes('"Golf"'));
    expect(textOf(golf)).toContain('"text":"🟢 on","wrap":true,"color":"Good"');
  });

  it("runs the text alone in a personal chat as the sender's Teams identity, GUIDs lower-cased", async () => {
    const sent = await t.personal("whoami", ann);
    expect(sent.status).toBe(200);
    const reply = t.connector.replyTo(sent.activityId);
    const shown = textOf(cardOf(reply));
    expect(shown).toContain(identityOf(ann));
    expect(identityOf(ann)).toBe(`teams:${TENANT.toLowerCase()}:a1a1a1a1-0000-4000-8000-00000000000a`);
    const [row] = await t.h.app.services.audit.list({ actor: identityOf(ann), limit: 1 });
    expect(row).toMatchObject({ action: "whoami", platform: "teams", channel: "a:personal-29:ann" });
  });

  it("answers a line that does not parse with its usage at once, and audits it", async () => {
    const sent = await t.channel("campaign list", ann);
    expect(sent.status).toBe(200);
    const reply = t.connector.replyTo(sent.activityId);
    const card = cardOf(reply);
    expect(card.body).toEqual([
      expect.objectContaining({ type: "TextBlock", text: "❌ list needs <org>.", color: "Attention" }),
      expect.objectContaining({
        type: "TextBlock",
        text: expect.stringContaining("💡 Usage: list <org>"),
      }),
    ]);
    await t.settled();
    const [row] = await t.h.app.services.audit.list({ actor: identityOf(ann), limit: 1 });
    expect(row).toMatchObject({ action: "list", outcome: "failure", platform: "teams" });
  });

  it("runs a retried activity (same id) once", async () => {
    const first = await t.channel('campaign resume north Charlie --reason "fixed"', ann);
    const retry = await t.channel('campaign resume north Charlie --reason "fixed"', ann, {
      id: first.activityId,
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await t.settled();
    const requests = (await t.h.app.services.approvals.listPending("north")).filter((r) =>
      r.targets.some((x) => x.campaignName === "Charlie"),
    );
    expect(requests).toHaveLength(1);
    expect(t.connector.posts().filter((c) => c.activityId === first.activityId)).toHaveLength(1);
  });

  it("tells a sender without a Microsoft Entra identity that it cannot act for them", async () => {
    const sent = await t.send({
      type: "message",
      id: "no-aad-1",
      channelId: "msteams",
      serviceUrl: t.connector.url,
      from: { id: "29:guest", name: "Guest" },
      conversation: { id: "a:guest" },
      recipient: { id: "28:bot", name: "Switchboard" },
      text: "pause north Golf",
    });
    expect(sent.status).toBe(200);
    const reply = t.connector.replyTo("no-aad-1");
    expect(textOf(cardOf(reply))).toContain("could not tell who you are");
    expect(t.h.sim.campaign("north", "Golf").status).toBe("on");
  });

  it("refuses what is not an activity with 400 and anything but POST with 405", async () => {
    const notJson = await fetch(t.messagesUrl, { method: "POST", body: "{nope" });
    expect(notJson.status).toBe(400);
    const noType = await fetch(t.messagesUrl, { method: "POST", body: JSON.stringify({ text: "hi" }) });
    expect(noType.status).toBe(400);
    expect((await fetch(t.messagesUrl)).status).toBe(405);
  });

  it("sent everything to the local Bot Connector stand-in, and no turn failed", () => {
    const calls = t.connector.conversationCalls();
    expect(calls.length).toBeGreaterThan(0);
    expect(t.connector.calls.every((c) => c.path.startsWith("/v3/conversations/"))).toBe(true);
    // Anonymous mode: replies carry no token.
    for (const call of calls) expect(call.headers.authorization).toBeUndefined();
    expect(t.teams.turnErrors()).toEqual([]);
    expect(blockedEgress).toEqual([]);
  });
});
