import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/core/kernel/clock.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/approvals.yml");

/** Real time, shifted on demand: lets a test step past an expiry without waiting for it. */
let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: FIXTURE, clock });
});
afterAll(async () => {
  await h?.close();
});

async function requestResume(org: string, campaign: string, as: string): Promise<string> {
  const { reply, text } = await h.run(`resume ${org} ${campaign} --reason "list fixed"`, as);
  expect(reply.ok, text).toBe(true);
  expect(reply.blocks.some((b) => b.type === "actions")).toBe(true);
  const id = /Request: ([0-9A-Z]{6})/.exec(text)?.[1];
  if (!id) throw new Error(`no request id in: ${text}`);
  return id;
}

const auditRows = async (org: string, campaign: string) =>
  h.app.services.audit.list({ orgSlug: org, target: h.sim.campaign(org, campaign).id, limit: 50 });

describe("resume waits for an approver", () => {
  it("shows what will change, who asked and why, with Approve and Deny", async () => {
    const { text } = await h.run('resume north Alpha --reason "list fixed"', "ann");
    expect(text).toContain("ann asks to resume Alpha in north.");
    expect(text).toMatch(/Alpha \| off \| Sales/);
    expect(text).toContain("Reason: list fixed");
    expect(text).toContain("[Approve] [Deny]");
    expect(h.sim.campaign("north", "Alpha").status).toBe("off");
    expect((await h.run("approvals", "ben")).text).toMatch(/north \| resume \| Alpha \| ann/);
  });

  it("refuses self-approval and keeps the request pending", async () => {
    const id = await requestResume("north", "Beta", "ann");
    const { reply, text } = await h.run(`approve ${id}`, "ann");
    expect(reply.ok).toBe(false);
    expect(text).toContain("You cannot approve your own request");
    expect((await h.app.services.approvals.get(id))?.status).toBe("pending");
    expect(h.sim.campaign("north", "Beta").status).toBe("off");
    // Someone else still can.
    expect((await h.run(`approve ${id}`, "ben")).text).toContain("Resumed Beta in north: off → on");
  });

  it("refuses an approver without the permission in the campaign's division, keeping it pending", async () => {
    const id = await requestResume("north", "Gamma", "ann");
    const viewer = await h.run(`approve ${id}`, "vic");
    expect(viewer.reply.ok).toBe(false);
    expect(viewer.text).toContain("outbound:campaign:start");
    expect(viewer.text).toContain("The request stays pending.");
    const wrongDivision = await h.run(`approve ${id}`, "hal");
    expect(wrongDivision.reply.ok).toBe(false);
    expect(wrongDivision.text).toContain("Sales");
    expect((await h.app.services.approvals.get(id))?.status).toBe("pending");
    const denied = (await auditRows("north", "Gamma")).filter(
      (r) => r.action === "approve" && r.outcome === "denied",
    );
    expect(denied.map((r) => r.actor).sort()).toEqual(["shell:hal", "shell:vic"]);
  });

  it("decides a double click exactly once", async () => {
    const id = await requestResume("north", "Delta", "ann");
    const [a, b] = await Promise.all([h.run(`approve ${id}`, "ben"), h.run(`approve ${id}`, "ben")]);
    const texts = [a.text, b.text];
    expect(texts.filter((t) => t.includes("Resumed Delta"))).toHaveLength(1);
    expect(h.sim.campaign("north", "Delta").status).toBe("on");
    const executions = (await auditRows("north", "Delta")).filter(
      (r) => r.action === "resume" && r.outcome === "success",
    );
    expect(executions).toHaveLength(1);
    expect(executions[0]?.actor).toBe("shell:ann");
    expect(executions[0]?.detail).toMatchObject({ approvalId: id, approvedBy: "shell:ben" });
  });

  it("voids the request when the campaign changed since it was made", async () => {
    const id = await requestResume("north", "Epsilon", "ann");
    h.sim.mutateCampaign("north", "Epsilon", { name: "Epsilon" }); // bumps the version
    const { reply, text } = await h.run(`approve ${id}`, "ben");
    expect(reply.ok).toBe(false);
    expect(text).toContain(`Request ${id} is void`);
    expect(text).toContain("Nothing was changed.");
    expect(h.sim.campaign("north", "Epsilon").status).toBe("off");
    expect((await h.app.services.approvals.get(id))?.status).toBe("voided");
  });

  it("cannot approve an expired request", async () => {
    const id = await requestResume("north", "Zeta", "ann");
    offsetMs = 16 * 60_000;
    try {
      const { reply, text } = await h.run(`approve ${id}`, "ben");
      expect(reply.ok).toBe(false);
      expect(text).toContain(`Request ${id} expired`);
      expect((await h.app.services.approvals.get(id))?.status).toBe("expired");
      expect(h.sim.campaign("north", "Zeta").status).toBe("off");
    } finally {
      offsetMs = 0;
    }
  });

  it("denies with a reason, and lets the requester withdraw", async () => {
    const id = await requestResume("north", "Zeta", "ann");
    const { text } = await h.run(`deny ${id} list still stale`, "ben");
    expect(text).toContain(`ben denied request ${id} (resume in north): list still stale`);
    expect((await h.run(`approve ${id}`, "ben")).text).toContain(`Request ${id} is denied by shell:ben`);
    const mine = await requestResume("north", "Zeta", "ann");
    expect((await h.run(`deny ${mine}`, "ann")).text).toContain(`ann withdrew request ${mine}`);
    // Anyone looking at it later reads a withdrawal, not a denial.
    const later = (await h.run(`approve ${mine}`, "ben")).text;
    expect(later).toContain(`Request ${mine} was withdrawn by its requester, ann`);
    expect(later).not.toContain("denied by");
    // Its own status and audit action: nothing on record says anyone denied it.
    expect((await h.app.services.approvals.get(mine))?.status).toBe("withdrawn");
    const rows = await h.app.services.audit.list({ orgSlug: "north", limit: 100 });
    const about = (id: string) => rows.filter((r) => JSON.stringify(r.detail ?? {}).includes(id));
    expect(about(mine).map((r) => `${r.action}/${r.outcome}`)).toContain("withdraw/success");
    expect(about(mine).some((r) => r.action === "deny")).toBe(false);
    expect(about(id).map((r) => `${r.action}/${r.outcome}`)).toContain("deny/success");
  });

  it("lets the requester withdraw under another chat identity of the same person", async () => {
    const id = await requestResume("north", "Zeta", "ann");
    expect((await h.run(`deny ${id}`, "ann2")).text).toContain(`ann2 withdrew request ${id}`);
    const request = await h.app.services.approvals.get(id);
    expect(request?.status).toBe("withdrawn");
    expect((await h.run(`approve ${id}`, "ben")).text).toContain(
      `Request ${id} was withdrawn by its requester, ann (as shell:ann2)`,
    );
    expect(h.sim.campaign("north", "Zeta").status).toBe("off");
  });

  it("explains an unknown request id", async () => {
    const { reply, text } = await h.run("approve NOPE42", "ben");
    expect(reply.ok).toBe(false);
    expect(text).toContain("There is no approval request NOPE42.");
  });
});

describe("policy: two approvers holding edit (org south)", () => {
  it("needs two distinct approvers with the policy's permission", async () => {
    const id = await requestResume("south", "Renewals", "ann");
    const supervisor = await h.run(`approve ${id}`, "ann");
    expect(supervisor.reply.ok).toBe(false);
    const first = await h.run(`approve ${id}`, "max");
    expect(first.text).toContain(`max approved ${id}; 1 more approval needed.`);
    expect(h.sim.campaign("south", "Renewals").status).toBe("off");
    expect((await h.run(`approve ${id}`, "max")).text).toContain(`You already approved ${id}`);
    const second = await h.run(`approve ${id}`, "mia");
    expect(second.text).toContain("Resumed Renewals in south: off → on");
    expect(h.sim.campaign("south", "Renewals").status).toBe("on");
  });
});

describe("audit", () => {
  it("shows the chain of a change in chat, folding intents into outcomes", async () => {
    const { reply, text } = await h.run("audit north --campaign Delta", "ann");
    expect(reply.ok).toBe(true);
    expect(text).toMatch(/shell:ann \| resume \| Delta \| success via start/);
    expect(text).toMatch(/shell:ben \| approve \| Delta \| success/);
    expect(text).toMatch(/shell:ann \| resume \| Delta \| pending/);
    expect(text).not.toContain("| intent");
    const chain = await h.app.store.audit.verify();
    expect(chain.ok).toBe(true);
  });
});
