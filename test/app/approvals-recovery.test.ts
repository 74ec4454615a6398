/**
 * Issue 11 row 6: an approval cannot stick. A crash between the vote and the change (simulated by
 * recording the vote through the store, as the dead process did, without running it) or during the
 * change leaves the request approved or executing; the recovery pass (run by serve and the shell at
 * start-up and with the scheduler) finishes it exactly once, or fails it with a reason.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverStuckApprovals } from "../../src/core/approvals/recover.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/approvals.yml");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: FIXTURE });
});
afterAll(async () => {
  await h?.close();
});

async function approvedButNotRun(campaign: string, requester = "ann"): Promise<string> {
  const { text } = await h.run(`resume north ${campaign} --reason "list fixed"`, requester);
  const id = /Request: ([0-9A-Z]{6})/.exec(text)?.[1];
  if (!id) throw new Error(`no request id in: ${text}`);
  // What the crashed process got done: the vote committed, the change never started.
  const vote = await h.app.services.approvals.addApproval(id, "shell:ben", new Date());
  expect(vote).toMatchObject({ kind: "recorded", completed: true });
  return id;
}

const resumes = async (campaign: string) =>
  (await h.app.services.audit.list({ target: h.sim.campaign("north", campaign).id, limit: 50 })).filter(
    (r) => r.action === "resume" && r.outcome === "success",
  );

describe("recovery of approvals a crash left behind", () => {
  it("runs an approved-but-not-executed request once, however many replicas recover at the same time", async () => {
    const id = await approvedButNotRun("Alpha");
    const services = h.app.services;
    const [a, b] = await Promise.all([
      recoverStuckApprovals(services, { approvedGraceMs: 0, owner: "replica-a" }),
      recoverStuckApprovals(services, { approvedGraceMs: 0, owner: "replica-b" }),
    ]);
    expect([...a, ...b].filter((r) => r.id === id)).toHaveLength(1);
    expect((await services.approvals.get(id))?.status).toBe("executed");
    expect(h.sim.campaign("north", "Alpha").status).toBe("on");
    expect(await resumes("Alpha")).toHaveLength(1);
    const rows = await services.audit.list({ actor: "system:recovery", limit: 10 });
    expect(rows.some((r) => r.detail?.approvalId === id)).toBe(true);
  });

  it("leaves a freshly approved request to the process that is starting it", async () => {
    const id = await approvedButNotRun("Beta");
    expect(await recoverStuckApprovals(h.app.services, { approvedGraceMs: 60_000 })).toEqual([]);
    expect((await h.app.services.approvals.get(id))?.status).toBe("approved");
    await recoverStuckApprovals(h.app.services, { approvedGraceMs: 0 });
    expect((await h.app.services.approvals.get(id))?.status).toBe("executed");
  });

  it("records a change the dead runner already made instead of making it again", async () => {
    const id = await approvedButNotRun("Gamma");
    await h.app.services.approvals.transition(id, ["approved"], "executing", { at: new Date() });
    // The dead runner's change reached Genesys before the crash.
    h.sim.mutateCampaign("north", "Gamma", { status: "on" });
    const out = await recoverStuckApprovals(h.app.services, { leaseMs: 0 });
    expect(out.map((r) => r.id)).toContain(id);
    const after = await h.app.services.approvals.get(id);
    expect(after).toMatchObject({ status: "executed", statusReason: "found done after a restart" });
    expect(await resumes("Gamma")).toHaveLength(0); // not started a second time
  });

  it("fails, with the reason, a stuck request whose requester lost their mapping", async () => {
    const id = await approvedButNotRun("Delta", "ann2");
    await h.app.services.identities.unmap("shell:ann2", "north");
    await h.app.services.gate.invalidate();
    await recoverStuckApprovals(h.app.services, { approvedGraceMs: 0 });
    const after = await h.app.services.approvals.get(id);
    expect(after?.status).toBe("failed");
    expect(after?.statusReason).toContain("may no longer resume");
    expect(h.sim.campaign("north", "Delta").status).toBe("off");
  });
});
