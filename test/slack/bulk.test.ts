/**
 * Bulk work and scheduled resumes in Slack, real Bolt over signed HTTP: the plan is a channel message
 * with Confirm / Cancel; a click runs `confirm <job>` as the clicker and the plan's message becomes
 * the progress, then the result (buttons gone); a scheduled resume reports in its channel with the
 * bot token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsOf, textOf } from "../support/slack-fake.js";
import {
  ann,
  BOT_TOKEN,
  ben,
  messageTs,
  type SlackHarness,
  startSlackHarness,
} from "../support/slack-harness.js";

let s: SlackHarness;
beforeAll(async () => {
  s = await startSlackHarness();
});
afterAll(async () => {
  await s?.close();
});

describe("a bulk pause in Slack", () => {
  it("posts the plan with Confirm and Cancel, and a click by the requester runs it in that message", async () => {
    await s.command("pause north --all", ann);
    const plan = await s.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("Pause 3 campaigns in north?"),
    );
    await s.settled();
    const buttons = buttonsOf(plan);
    expect(buttons.map((b) => b.action_id)).toEqual(["confirm", "cancel"]);
    // Confirm asks "are you sure" in Slack's own dialog before the click is sent.
    const dialog = (buttons[0] as { confirm?: Record<string, { text: string }> }).confirm;
    expect(dialog?.title?.text).toBe("Pause 3 campaigns?");
    expect(dialog?.text?.text).toMatch(
      /^This stops dialing of 3 campaigns in north now \(job [0-9A-Z]{6}\)\.$/,
    );
    expect(dialog?.confirm?.text).toBe("Yes, pause 3");
    expect((buttons[1] as { confirm?: unknown }).confirm).toBeUndefined();
    expect(s.h.sim.campaign("north", "Golf").status).toBe("on");

    const refused = await s.click("confirm", plan, ben);
    await s.settled();
    expect(textOf(s.fake.responses(refused.responseUrl)[0] ?? plan)).toContain(
      "Only <@UANN> can confirm job",
    );
    expect(s.h.sim.campaign("north", "Golf").status).toBe("on");

    await s.click("confirm", plan, ann);
    const result = await s.fake.waitForApi(
      "chat.update",
      (c) => c.body.ts === messageTs(plan) && textOf(c).includes("11 campaigns: 3 paused"),
    );
    await s.settled();
    expect(buttonsOf(result).map((b) => b.action_id)).toEqual([]);
    for (const c of ["Golf", "Hotel", "India"]) expect(s.h.sim.campaign("north", c).status).toBe("off");
  });

  it("reports a due scheduled resume in its channel (here: the approval request it filed)", async () => {
    const golf = s.h.sim.campaign("north", "Golf");
    const scheduled = await s.h.app.services.schedules.create({
      action: "resume",
      orgSlug: "north",
      targets: [
        { campaignId: golf.id, campaignName: "Golf", division: { id: golf.divisionId, name: "Sales" } },
      ],
      requester: `slack:${ann.team}:${ann.id}`,
      requesterName: ann.name,
      reason: null,
      platform: "slack",
      channel: "C1",
      dueAt: new Date(Date.now() - 1_000),
    });
    expect((await s.h.app.scheduler.runDue()).map((a) => a.id)).toEqual([scheduled.id]);
    const notice = await s.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes(`Scheduled resume ${scheduled.id} of Golf in north`),
    );
    expect(notice.body.channel).toBe("C1");
    expect(notice.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(textOf(notice)).toContain("is due: approve to resume.");
    expect(buttonsOf(notice).map((b) => b.action_id)).toEqual(["approve", "deny"]);
    expect(s.h.sim.campaign("north", "Golf").status).toBe("off");
  });
});

describe("a long list in Slack", () => {
  it("carries a Next page button whose click shows the next page to the clicker", async () => {
    const settings = s.h.app.services.settings as { listLimit: number };
    const before = settings.listLimit;
    settings.listLimit = 5;
    try {
      const sent = await s.command("list north --status off", ann);
      const answer = await s.fake.waitForResponse(sent.responseUrl);
      await s.settled();
      expect(textOf(answer)).toContain("(page 1 of");
      const [next] = buttonsOf(answer);
      expect(next).toMatchObject({ action_id: "list", value: "north --status off --page 2" });
      // An ephemeral answer has no ts of its own; the click carries the container's.
      const message = { ...answer, body: { ...answer.body, channel: "C1", ts: "1700000000.000100" } };
      const click = await s.click("list", message, ben);
      expect(click.status).toBe(200);
      await s.settled();
      const shown = [
        ...s.fake.calls.filter((c) => c.path === "/api/chat.update"),
        ...s.fake.responses(click.responseUrl),
      ].map(textOf);
      // (How many are off depends on the bulk pause above: the second page is all this checks.)
      expect(shown.find((t) => t.includes("(page 2 of"))).toContain("Showing 6–");
    } finally {
      settings.listLimit = before;
    }
  });
});
