/**
 * A bulk plan longer than a Slack message (real Bolt over signed HTTP, real simulator and SQLite):
 * it leads with the counts, pages with Next/Previous in place, and Confirm (with Slack's own "are
 * you sure" dialog) comes only with the last page, so nothing it would pause is hidden at confirm time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withManyCampaigns } from "../support/many-campaigns.js";
import { buttonsOf, textOf } from "../support/slack-fake.js";
import { ann, SLACK_FIXTURE, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

let s: SlackHarness;
beforeAll(async () => {
  const fixturePath = withManyCampaigns(SLACK_FIXTURE, { org: "north", division: "Sales", on: 45, off: 12 });
  s = await startSlackHarness({ fixturePath });
});
afterAll(async () => {
  await s?.close();
});

type Button = { action_id: string; value: string; confirm?: { confirm: { text: string } } };

describe("a long bulk plan in Slack", () => {
  it("pages the campaigns to pause and offers Confirm only on the last page", async () => {
    await s.command('pause north --match "Bulk*"', ann);
    const plan = await s.fake.waitForApi("chat.postMessage", (c) => textOf(c).includes("Pause 45 campaigns"));
    await s.settled();
    const first = textOf(plan);
    expect(first).toContain("Pause 45 campaigns in north (12 already off, not shown).");
    expect(first).toContain("Bulk 040");
    expect(first).not.toContain("Bulk 041");
    expect(first).not.toContain("Narrow it");
    expect(buttonsOf(plan).map((b) => b.action_id)).toEqual(["page-next", "cancel"]);

    await s.click("page-next", plan, ann);
    const page2 = await s.fake.waitForApi("chat.update", (c) => textOf(c).includes("page 2 of 2"));
    await s.settled();
    expect(textOf(page2)).toContain("Bulk 045");
    expect(textOf(page2)).not.toContain("Bulk 040*");
    const buttons = buttonsOf(page2) as Button[];
    expect(buttons.map((b) => b.action_id)).toEqual(["page-previous", "confirm", "cancel"]);
    expect(buttons[1]?.confirm?.confirm.text).toBe("Yes, pause 45");
    expect(s.h.sim.campaign("north", "Bulk 001").status).toBe("on");
  });
});
