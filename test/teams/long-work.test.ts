/**
 * Teams abandons a request after 15 s, so slow work answers at once and edits its message as it goes:
 * a pause replies with its first progress update and ends with the final reply in the same message;
 * a query Genesys answers slowly replies "working on it" and is replaced by the answer; a slow
 * approval answers the click at once and updates the card when the change is done.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ann, ben } from "../support/teams-activities.js";
import { cardOf, executeActions, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

const ANSWER_WITHIN_MS = 400;
/** Teams gives up on a request after 15 s. */
const TEAMS_LIMIT_MS = 15_000;

let t: TeamsHarness;
beforeAll(async () => {
  t = await startTeamsHarness({ answerWithinMs: ANSWER_WITHIN_MS });
  // A first command warms the Genesys token, so timings below measure the work alone.
  await t.channel("campaign status north Alpha", ann);
  await t.settled();
});
afterAll(async () => {
  await t?.close();
});

describe("long work", () => {
  it("answers a pause with its progress at once, then edits that message to the final reply", async () => {
    // The simulator keeps a stopped campaign "stopping" for 1.5 s.
    const sent = await t.channel('campaign pause north Hotel --reason "list stale"', ann);
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(TEAMS_LIMIT_MS);
    const progress = t.connector.replyTo(sent.activityId);
    expect(textOf(cardOf(progress))).toContain(
      "Hotel (north): stopping… waiting for Genesys to finish stopping.",
    );
    // Answered while Genesys was still stopping it.
    expect(t.h.sim.campaign("north", "Hotel").status).not.toBe("off");
    const id = t.connector.idOf(progress);
    const final = await t.connector.waitForUpdate(id, (c) =>
      textOf(cardOf(c)).includes("Paused Hotel in north"),
    );
    expect(textOf(cardOf(final))).toContain("✅ Paused Hotel in north: on → stopping → off");
    expect(final.conversationId).toBe(progress.conversationId);
    await t.settled();
    expect(t.connector.posts().filter((c) => c.activityId === sent.activityId)).toHaveLength(1);
    // The last edit is the final reply: no late progress update overwrote it.
    expect(textOf(cardOf(t.connector.updates(id).at(-1) ?? final))).toContain("Paused Hotel in north");
    expect(t.h.sim.campaign("north", "Hotel").status).toBe("off");
  });

  it("answers 'working on it' while Genesys is slow, then replaces it with the answer", async () => {
    t.h.sim.setFaults({ latencyMs: 1_200 });
    try {
      const sent = await t.channel("campaign list north India", ann);
      expect(sent.status).toBe(200);
      expect(sent.ms).toBeLessThan(TEAMS_LIMIT_MS);
      const working = t.connector.replyTo(sent.activityId);
      expect(textOf(cardOf(working))).toContain("Working on it: campaign list north India");
      // The answer had not come when Teams got its HTTP answer.
      expect(t.connector.updates(t.connector.idOf(working))).toEqual([]);
      const answer = await t.connector.waitForUpdate(t.connector.idOf(working), undefined, 15_000);
      expect(textOf(cardOf(answer))).toContain("India");
      expect(answer.body).toMatchObject({ type: "message", id: t.connector.idOf(working) });
    } finally {
      t.h.sim.setFaults({ latencyMs: 0 });
    }
    await t.settled();
    expect(t.teams.turnErrors()).toEqual([]);
  });

  it("answers a click at once while the approved change is slow, then updates the card for everyone", async () => {
    const sent = await t.channel('campaign resume north Alpha --reason "list fixed"', ann);
    await t.settled();
    const message = t.connector.replyTo(sent.activityId);
    const messageId = t.connector.idOf(message);
    const requestId = executeActions(cardOf(message)).find((a) => a.verb === "approve")?.data.requestId;
    t.h.sim.setFaults({ latencyMs: 700 });
    try {
      const click = await t.click("approve", { requestId }, ben, { messageId });
      expect(click.status).toBe(200);
      expect(click.ms).toBeLessThan(TEAMS_LIMIT_MS);
      expect(textOf(click.card)).toContain("Ben chose approve; Switchboard is carrying it out…");
      expect(
        t.connector.updates(messageId).filter((c) => textOf(cardOf(c)).includes("Resumed Alpha")),
      ).toEqual([]);
      expect(executeActions(click.card)).toEqual([]);
      const done = await t.connector.waitForUpdate(
        messageId,
        (c) => textOf(cardOf(c)).includes("Resumed Alpha in north"),
        15_000,
      );
      expect(textOf(cardOf(done))).toContain(
        `Approved and done: resume in north (request ${String(requestId)})`,
      );
    } finally {
      t.h.sim.setFaults({ latencyMs: 0 });
    }
    await t.settled();
    expect(t.h.sim.campaign("north", "Alpha").status).toBe("on");
    expect(t.teams.turnErrors()).toEqual([]);
  });
});
