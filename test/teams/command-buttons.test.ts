/**
 * Buttons that stand for a typed command (Confirm / Cancel on a bulk plan) work in Teams too: the
 * click runs the command as the clicker, a refusal answers only them and leaves the plan's card
 * alone, and the requester's click replaces the card for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ann, vic } from "../support/teams-activities.js";
import { cardOf, executeActions, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
beforeAll(async () => {
  t = await startTeamsHarness();
});
afterAll(async () => {
  await t?.close();
});

async function plan(glob: string) {
  const sent = await t.channel(`campaign pause north --match "${glob}" --reason "bad list"`, ann);
  await t.settled();
  const message = t.connector.replyTo(sent.activityId);
  const buttons = executeActions(cardOf(message));
  return { messageId: t.connector.idOf(message), buttons };
}

describe("Confirm / Cancel on a bulk plan", () => {
  it("render as Action.Execute carrying their command", async () => {
    const { buttons } = await plan("Nov*");
    expect(buttons.map((b) => b.verb)).toEqual(["confirm", "cancel"]);
    expect(buttons[0]?.data.value).toMatch(/^confirm [0-9A-Z]{6}$/);
  });

  it("refuse someone else's confirmation to them alone, and run the requester's for everyone", async () => {
    const { messageId, buttons } = await plan("Nov*");
    const confirm = buttons.find((b) => b.verb === "confirm");
    const refused = await t.click("confirm", confirm?.data ?? {}, vic, { messageId });
    expect(refused.status).toBe(200);
    expect(textOf(refused.card)).toContain("Only Ann can confirm job");
    await t.settled();
    expect(t.connector.updates(messageId)).toEqual([]);
    const click = await t.click("confirm", confirm?.data ?? {}, ann, { messageId });
    expect(click.status).toBe(200);
    await t.connector.waitForUpdate(messageId, (c) => textOf(cardOf(c)).includes("off"), 15_000);
    await t.settled();
    expect(t.h.sim.campaign("north", "November").status).toBe("off");
    expect(executeActions(cardOf(t.connector.lastUpdate(messageId)))).toEqual([]);
  });

  it("refuse a button whose data is not its own command with 400", async () => {
    const { messageId } = await plan("Hotel");
    const forged = await t.click("confirm", { value: "pause north --all --yes" }, ann, { messageId });
    expect(forged.status).toBe(400);
    expect(t.teams.turnErrors()).toEqual([]);
  });
});

describe("Next page on a long list", () => {
  it("renders as Action.Execute carrying the next page's command, and a click answers with that page", async () => {
    const settings = t.h.app.services.settings as { listLimit: number };
    const before = settings.listLimit;
    settings.listLimit = 5;
    try {
      const sent = await t.channel("campaign list north --division Sales", ann);
      await t.settled();
      const message = t.connector.replyTo(sent.activityId);
      expect(textOf(cardOf(message))).toContain("(page 1 of");
      const next = executeActions(cardOf(message)).find((b) => b.verb === "list");
      expect(next?.data.value).toBe("list north --division Sales --page 2");
      const click = await t.click("list", next?.data ?? {}, vic, { messageId: t.connector.idOf(message) });
      expect(click.status).toBe(200);
      expect(textOf(click.card)).toContain("Showing 6–10 of");
      expect(textOf(click.card)).toContain("(page 2 of");
    } finally {
      settings.listLimit = before;
    }
  });

  it("refuses list data that is not a next-page command", async () => {
    const forged = await t.click("list", { value: "pause north --all --yes" }, ann, {
      messageId: "m-forged",
    });
    expect(forged.status).toBe(400);
  });
});
