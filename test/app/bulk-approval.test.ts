/**
 * A bulk resume under the default policy: one approval request covers the matched campaigns; once
 * approved they run through the bulk executor, as the requester, exactly once each.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");
const SPRING = ["Spring Promo", "Spring Retarget", "Spring Sale"];

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ fixturePath: FIXTURE });
  // Paused first by a bulk pause, so a bulk resume has something to undo (Spring Clearance, in a
  // division the client may only view, stays on).
  await h.run('pause north --match "Spring*" --yes', "ann");
  h.sim.mutateCampaign("north", "Summer Sale", { status: "off" });
});
afterEach(async () => {
  await h?.close();
});

function approveButton(reply: Reply): string {
  for (const block of reply.blocks)
    if (block.type === "actions") for (const a of block.actions) if (a.id === "approve") return a.value;
  throw new Error("no Approve button");
}

async function resumes(name: string) {
  const rows = await h.app.services.audit.list({
    orgSlug: "north",
    target: h.sim.campaign("north", name).id,
    limit: 100,
  });
  return rows.filter((r) => r.action === "resume" && r.outcome === "success");
}

describe("bulk resume needs approval by default", () => {
  it("files one request for the matched list and changes nothing before it is approved", async () => {
    const { reply, text } = await h.run('resume north --match "Spring*" --reason "list fixed" --yes', "ann");
    expect(reply.ok, text).toBe(true);
    expect(text).toContain("Approval needed: resume in north");
    expect(text).toContain("Resume 3 campaigns in north (1 already on, not shown).");
    expect(text).toContain("ann asks to resume 3 campaigns in north.");
    expect(approveButton(reply)).toMatch(/^approve [0-9A-Z]{6}$/);
    // Approving many campaigns at once asks "are you sure" first.
    const approve = reply.blocks
      .flatMap((b) => (b.type === "actions" ? b.actions : []))
      .find((a) => a.id === "approve");
    expect(approve?.confirm?.title).toBe("Approve: resume 3 campaigns?");
    expect(approve?.confirm?.text).toMatch(/^This starts dialing 3 campaigns in north as ann asked/);
    for (const c of SPRING) expect(h.sim.campaign("north", c).status).toBe("off");
  });

  it("resumes every campaign once when approved, as the requester, and closes the request", async () => {
    const plan = await h.run('resume north --match "Spring*" --reason "list fixed"', "ann");
    const approve = approveButton(plan.reply);
    const id = approve.split(" ")[1] ?? "";
    expect((await h.run(approve, "ann")).text).toContain("You cannot approve your own request");
    const [a, b] = await Promise.all([h.run(approve, "ben"), h.run(approve, "ben")]);
    const ran = [a, b].filter((r) => r.text.includes("| resumed |"));
    expect(ran).toHaveLength(1);
    expect(ran[0]?.text).toContain(`ben approved ${id} (requested by ann)`);
    expect(ran[0]?.text).toMatch(/north \| Spring Promo \| resumed \| off → on/);
    for (const c of SPRING) {
      expect(h.sim.campaign("north", c).status).toBe("on");
      const rows = await resumes(c);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.actor).toBe("shell:ann");
      expect(rows[0]?.detail).toMatchObject({ approvalId: id, approvedBy: "shell:ben" });
    }
    expect(h.sim.campaign("north", "Summer Sale").status).toBe("off");
    expect((await h.app.services.approvals.get(id))?.status).toBe("executed");
  });

  it("skips a campaign that changed since the request, and resumes the rest", async () => {
    const plan = await h.run('resume north --match "Spring*"', "ann");
    h.sim.mutateCampaign("north", "Spring Retarget", { name: "Spring Retarget" }); // bumps the version
    const { text } = await h.run(approveButton(plan.reply), "ben");
    expect(text).toMatch(
      /north \| Spring Retarget \| changed \| changed since the request \(version \d+ → \d+; now off\); not resumed/,
    );
    expect(h.sim.campaign("north", "Spring Retarget").status).toBe("off");
    expect(h.sim.campaign("north", "Spring Promo").status).toBe("on");
  });

  it("closes the items of a denied request as not approved when the job is continued", async () => {
    const plan = await h.run('resume north --match "Spring*"', "ann");
    const id = approveButton(plan.reply).split(" ")[1] ?? "";
    await h.run(`deny ${id} not yet`, "ben");
    const job = await h.app.services.bulk.findByApproval(id);
    const { text } = await h.run(`bulk continue ${job?.id}`, "ann");
    expect(text).toMatch(/north \| Spring Promo \| not approved \| request [0-9A-Z]{6} was denied/);
    expect(h.sim.campaign("north", "Spring Promo").status).toBe("off");
  });
});
