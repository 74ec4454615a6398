/**
 * An approval request longer than a chat message (real simulator, real SQLite): it pages, says so,
 * and Approve comes only with its last page (`approval show ID --page N`), so nobody approves
 * campaigns they were not shown.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";
import { withManyCampaigns } from "../support/many-campaigns.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    fixturePath: withManyCampaigns(FIXTURE, { org: "south", division: "Home", on: 45, off: 0 }),
  });
});
afterEach(async () => {
  await h?.close();
});

function buttons(reply: Reply): { id: string; value: string }[] {
  return reply.blocks.flatMap((b) => (b.type === "actions" ? b.actions : []));
}

describe("a long approval request", () => {
  it("pages its campaigns and offers Approve only on the last page", async () => {
    await h.run('pause south --match "Bulk*" --yes', "ann");
    const plan = await h.run('resume south --match "Bulk*" --reason "storm over"', "ann");
    expect(plan.text).toContain("ann asks to resume 45 campaigns in south.");
    expect(plan.text).toContain("Campaigns 1–20 of 45 (page 1 of 3). Approve comes on the last page");
    expect(plan.text).not.toContain("Narrow");
    expect(buttons(plan.reply).map((b) => b.id)).toEqual(["page-next", "deny"]);
    const next = buttons(plan.reply).find((b) => b.id === "page-next")?.value ?? "";
    expect(next).toMatch(/^approval show [0-9A-Z]{6} --page 2$/);
    const last = await h.run(next.replace("--page 2", "--page 3"), "ben");
    expect(last.text).toContain("Bulk 045");
    expect(last.text).not.toContain("Bulk 020");
    expect(buttons(last.reply).map((b) => b.id)).toEqual(["page-previous", "approve", "deny"]);
    const approve = last.reply.blocks
      .flatMap((b) => (b.type === "actions" ? b.actions : []))
      .find((a) => a.id === "approve");
    expect(approve?.confirm?.yes).toBe("Yes, resume 45");
    expect(h.sim.campaign("south", "Bulk 001").status).toBe("off");
  });
});
