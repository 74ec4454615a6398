/**
 * `bulk status` answers with where a job's approvals stand now (real simulator, real SQLite): a
 * denial, a withdrawal or an expiry shows at once, without the requester running `bulk continue`.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Clock } from "../../src/core/kernel/clock.js";
import type { Reply } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");
const SPRING = ["Spring Promo", "Spring Retarget", "Spring Sale"];

let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

let h: Harness;
beforeEach(async () => {
  offsetMs = 0;
  h = await startHarness({ fixturePath: FIXTURE, clock });
  // A bulk pause first: a bulk resume undoes one.
  await h.run('pause north --match "Spring*" --yes', "ann");
});
afterEach(async () => {
  await h?.close();
});

function requestId(reply: Reply): string {
  for (const block of reply.blocks)
    if (block.type === "actions")
      for (const a of block.actions) if (a.id === "approve") return a.value.split(" ")[1] ?? "";
  throw new Error("no Approve button");
}

async function planned() {
  const plan = await h.run('resume north --match "Spring*" --reason "list fixed"', "ann");
  const id = requestId(plan.reply);
  const job = await h.app.services.bulk.findByApproval(id);
  if (!job) throw new Error("no job for the request");
  return { id, jobId: job.id };
}

describe("bulk status after the approval was answered", () => {
  it("shows a denial at once", async () => {
    const { id, jobId } = await planned();
    expect((await h.run(`bulk status ${jobId}`, "ann")).text).toMatch(
      /Spring Promo \| waiting \| for approval/,
    );
    await h.run(`deny ${id} not during the campaign freeze`, "ben");
    const { text } = await h.run(`bulk status ${jobId}`, "ann");
    expect(text).not.toContain("waiting");
    expect(text).toMatch(new RegExp(`north \\| Spring Promo \\| not approved \\| request ${id} was denied`));
    expect(text).toContain("0 resumed, 4 skipped (1 already on, 3 not approved)");
    for (const c of SPRING) expect(h.sim.campaign("north", c).status).toBe("off");
  });

  it("shows a withdrawal by the requester at once", async () => {
    const { id, jobId } = await planned();
    await h.run(`deny ${id}`, "ann");
    const { text } = await h.run(`bulk status ${jobId}`, "ben");
    expect(text).toMatch(
      new RegExp(`north \\| Spring Sale \\| not approved \\| request ${id} was withdrawn by its requester`),
    );
  });

  it("shows an expiry at once, though nobody acted on the request", async () => {
    const { id, jobId } = await planned();
    offsetMs = 16 * 60_000;
    const { text } = await h.run(`bulk status ${jobId}`, "ann");
    expect(text).toMatch(
      new RegExp(`north \\| Spring Retarget \\| not approved \\| request ${id} was expired`),
    );
    expect(text).not.toContain("waiting");
  });
});

describe("progress of a job approved in one org of two", () => {
  it("names only the approved org", async () => {
    await h.run('pause south --match "Spring South" --yes', "ann");
    const plan = await h.run('resume --orgs north,south --match "Spring*" --reason fixed', "ann");
    const ids = [...plan.text.matchAll(/approve ([0-9A-Z]{6})/g)].map((m) => m[1]);
    const north = [];
    for (const id of new Set(ids)) {
      const request = await h.app.services.approvals.get(id ?? "");
      if (request?.orgSlug === "north") north.push(id);
    }
    expect(north).toHaveLength(1);
    const ran = await h.run(`approve ${north[0]}`, "ben");
    const lines = ran.progress.map((p) => JSON.stringify(p));
    expect(lines.some((l) => l.includes("Resuming 3 campaigns in north (job"))).toBe(true);
    expect(lines.some((l) => /Resuming .* in north, south/.test(l))).toBe(false);
    expect(h.sim.campaign("south", "Spring South").status).toBe("off");
  });
});

describe("a bulk resume and finished campaigns", () => {
  it("lists a complete campaign as not resumed and never restarts it", async () => {
    h.sim.mutateCampaign("north", "Spring Sale", { status: "complete" });
    const plan = await h.run('resume north --match "Spring*" --reason "storm over"', "ann");
    expect(plan.text).toContain(
      "Resume 2 campaigns in north (1 already on, 1 not resumed (complete), not shown).",
    );
    expect(plan.text).toContain("ann asks to resume 2 campaigns in north.");
    const ran = await h.run(`approve ${requestId(plan.reply)}`, "ben");
    expect(ran.text).toMatch(/north \| Spring Promo \| resumed/);
    expect(h.sim.campaign("north", "Spring Sale").status).toBe("complete");
    expect(h.sim.campaign("north", "Spring Promo").status).toBe("on");
  });
});
