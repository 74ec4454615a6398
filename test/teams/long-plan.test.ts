/**
 * A bulk plan longer than a Teams card (real botbuilder over HTTP, real simulator and SQLite): the
 * card pages with Next/Previous, and Confirm comes only on the last page, behind a confirm step
 * (Action.ShowCard whose one button is "Yes, pause 45"). A long approval request pages the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withManyCampaigns } from "../support/many-campaigns.js";
import { ann, ben } from "../support/teams-activities.js";
import { cardOf, executeActions, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, TEAMS_FIXTURE, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
beforeAll(async () => {
  const fixturePath = withManyCampaigns(TEAMS_FIXTURE, { org: "north", division: "Sales", on: 45, off: 12 });
  t = await startTeamsHarness({ fixturePath });
});
afterAll(async () => {
  await t?.close();
});

type Element = Record<string, unknown>;

/**
 * What a bulk pause of `Bulk 001`… leaves behind, written directly: stopping 45 campaigns through
 * Genesys' `stopping` phase would take most of a minute here, and only the job's rows matter.
 */
async function recordedBulkPause(n: number): Promise<void> {
  const { bulk } = t.h.app.services;
  const campaigns = Array.from({ length: n }, (_, i) =>
    t.h.sim.campaign("north", `Bulk ${String(i + 1).padStart(3, "0")}`),
  );
  const job = await bulk.create(
    {
      action: "pause",
      orgs: ["north"],
      selector: '--match "Bulk*"',
      fingerprint: 'pause|north|--match "bulk*"',
      requester: "shell:ann",
      requesterName: "Ann",
      reason: "storm",
      platform: "shell",
      channel: "shell",
      confirmation: "confirmed",
      resumeAfterMs: null,
      expiresAt: new Date(Date.now() + 60_000),
    },
    campaigns.map((c) => ({
      orgSlug: "north",
      campaignId: c.id,
      campaignName: c.name,
      version: c.version,
      division: { id: c.divisionId, name: "Sales" },
      plannedStatus: "on",
      genesysIdentity: null,
      status: "pending" as const,
    })),
  );
  const now = new Date();
  for (const item of job.items) {
    await bulk.claimItem(job.id, item.seq, "test", now, { staleBefore: now, retryFailed: false });
    await bulk.finishItem(job.id, item.seq, "test", { status: "done", result: "paused", detail: null }, now);
    t.h.sim.mutateCampaign("north", item.campaignName, { status: "off" });
  }
}

/** Every element of `type` in a card, however deep (ShowCard cards included). */
function elementsOf(node: unknown, type: string): Element[] {
  if (Array.isArray(node)) return node.flatMap((n) => elementsOf(n, type));
  if (typeof node !== "object" || node === null) return [];
  const o = node as Element;
  return [...(o.type === type ? [o] : []), ...Object.values(o).flatMap((v) => elementsOf(v, type))];
}

describe("a long bulk plan in Teams", () => {
  it("pages the campaigns to pause; Confirm, behind a confirm step, comes with the last page", async () => {
    const sent = await t.channel('campaign pause north --match "Bulk*"', ann);
    await t.settled();
    const message = t.connector.replyTo(sent.activityId);
    const messageId = t.connector.idOf(message);
    const first = cardOf(message);
    expect(textOf(first)).toContain("Pause 45 campaigns in north (12 already off, not shown).");
    expect(textOf(first)).toContain("Bulk 020");
    expect(textOf(first)).not.toContain("Bulk 021");
    expect(textOf(first)).not.toContain("Narrow it");
    expect(executeActions(first).map((b) => b.verb)).toEqual(["page-next", "cancel"]);

    let card: unknown = first;
    for (let page = 2; page <= 3; page++) {
      const next = executeActions(card).find((b) => b.verb === "page-next");
      const click = await t.click("page-next", next?.data ?? {}, ann, { messageId });
      expect(click.status).toBe(200);
      card = click.card;
      expect(textOf(card)).toContain(`page ${page} of 3`);
    }
    expect(textOf(card)).toContain("Bulk 045");
    expect(executeActions(card).map((b) => b.verb)).toEqual(["page-previous", "confirm", "cancel"]);
    const [step] = elementsOf(card, "Action.ShowCard");
    expect(step?.title).toBe("Confirm");
    expect(textOf(step)).toMatch(/This stops dialing of 45 campaigns in north now/);
    expect(executeActions(step).map((b) => [b.verb, b.title])).toEqual([["confirm", "Yes, pause 45"]]);
    expect(t.h.sim.campaign("north", "Bulk 001").status).toBe("on");
  });

  it("pages a long approval request; Approve, behind a confirm step, comes with its last page", async () => {
    await recordedBulkPause(45);
    const sent = await t.channel('campaign resume north --match "Bulk*" --reason "storm over"', ann);
    await t.settled();
    const message = t.connector.replyTo(sent.activityId);
    const messageId = t.connector.idOf(message);
    const first = cardOf(message);
    expect(textOf(first)).toContain("Campaigns 1–20 of 45 (page 1 of 3)");
    expect(executeActions(first).some((b) => b.verb === "approve")).toBe(false);
    let card: unknown = first;
    for (let page = 2; page <= 3; page++) {
      const next = executeActions(card).find(
        (b) => b.verb === "page-next" && String(b.data.value).startsWith("approval show"),
      );
      const click = await t.click("page-next", next?.data ?? {}, ben, { messageId });
      expect(click.status).toBe(200);
      card = click.card;
      expect(textOf(card)).toContain(`page ${page} of 3`);
    }
    expect(textOf(card)).toContain("Bulk 045");
    const approve = executeActions(card).find((b) => b.verb === "approve");
    expect(approve?.title).toBe("Yes, resume 45");
    // The Approve on a page decides that request, as on the posted card.
    expect(approve?.data.requestId).toMatch(/^[0-9A-Z]{6}$/);
    expect(elementsOf(card, "Action.ShowCard").map((e) => e.title)).toContain("Approve");
    expect(t.h.sim.campaign("north", "Bulk 001").status).toBe("off");
  });

  it("refuses a page button that carries another command", async () => {
    const forged = await t.click("page-next", { value: "pause north --all --yes" }, ann, {
      messageId: "m-none",
    });
    expect(forged.status).toBe(400);
  });
});
