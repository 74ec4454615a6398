/**
 * A scheduled resume reports in the Teams conversation it was asked in: the notice (here, the
 * approval request it filed) is a proactive card posted with the conversation reference Teams sent
 * earlier, through the Bot Connector stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ann, CHANNEL, identityOf } from "../support/teams-activities.js";
import { cardOf, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
beforeAll(async () => {
  t = await startTeamsHarness();
});
afterAll(async () => {
  await t?.close();
});

describe("scheduled resumes in Teams", () => {
  it("posts the due resume's notice as a card in the conversation it was asked in", async () => {
    // Teams tells the bot where the conversation is reached with every activity.
    expect((await t.channel("campaign watches", ann)).status).toBe(200);
    await t.settled();
    const golf = t.h.sim.campaign("north", "Golf");
    const scheduled = await t.h.app.services.schedules.create({
      action: "resume",
      orgSlug: "north",
      targets: [
        { campaignId: golf.id, campaignName: "Golf", division: { id: golf.divisionId, name: "Sales" } },
      ],
      requester: identityOf(ann),
      requesterName: ann.name,
      reason: null,
      platform: "teams",
      channel: CHANNEL,
      dueAt: new Date(Date.now() - 1_000),
    });
    expect((await t.h.app.scheduler.runDue()).map((a) => a.id)).toEqual([scheduled.id]);
    const notice = await t.connector.waitForPost((c) =>
      textOf(cardOf(c)).includes(`Scheduled resume ${scheduled.id} of Golf in north`),
    );
    expect(notice.conversationId).toBe(CHANNEL);
    expect(textOf(cardOf(notice))).toContain("is due: approve to resume.");
  });
});
