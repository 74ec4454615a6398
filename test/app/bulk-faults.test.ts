/**
 * Bulk work under faults: an org whose credentials are revoked mid-run fails fast and alone; a crash
 * mid-job (items left claimed by a dead process) is finished by re-running the same command, and the
 * audit log shows every campaign's change exactly once.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shellInvocation } from "../../src/adapters/shell/invocation.js";
import { executeJob, type JobRunner } from "../../src/core/bulk/executor.js";
import { type Reply, replyToPlainText } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");
const CRASH = Array.from({ length: 8 }, (_, i) => `Crash ${i + 1}`);

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ fixturePath: FIXTURE });
});
afterEach(async () => {
  await h?.close();
});

async function successes(org: string, name: string): Promise<number> {
  const rows = await h.app.services.audit.list({
    orgSlug: org,
    target: h.sim.campaign(org, name).id,
    limit: 100,
  });
  return rows.filter((r) => r.action === "pause" && r.outcome === "success").length;
}

function jobIdOf(text: string): string {
  const id = /\(job ([0-9A-Z]{6})\)/.exec(text)?.[1] ?? /Job: ([0-9A-Z]{6})/.exec(text)?.[1];
  if (!id) throw new Error(`no job id in: ${text}`);
  return id;
}

describe("an org whose credentials are revoked mid-run", () => {
  it("fails that org's remaining campaigns at once, with the reason, while other orgs finish", async () => {
    let revoked = false;
    const progress = async (update: Reply) => {
      // After two east campaigns are done, Genesys stops honouring east's client. Counted from the
      // job's own items: the progress line's "N done" counts south's campaigns too.
      if (revoked) return;
      const jobId = /\(job ([0-9A-Z]{6})\)/.exec(replyToPlainText(update))?.[1];
      const job = jobId ? await h.app.services.bulk.get(jobId) : null;
      const eastDone = job?.items.filter((i) => i.orgSlug === "east" && i.status === "done").length ?? 0;
      if (eastDone >= 2) {
        revoked = true;
        h.sim.revokeClient("east-client");
        h.sim.resetStats();
      }
    };
    const reply = await h.app.dispatcher.dispatch(
      shellInvocation("pause --orgs east,south --all --yes", "ann"),
      {
        progress,
      },
    );
    const text = replyToPlainText(reply);
    expect(revoked, text).toBe(true);
    expect(reply.ok).toBe(false);
    // South is untouched by east's trouble.
    for (const c of ["Spring South", "Spring Outlet", "Renewals"])
      expect(h.sim.campaign("south", c).status).toBe("off");
    const eastRows = text.split("\n").filter((l) => l.startsWith("east |"));
    expect(eastRows).toHaveLength(10);
    const failed = eastRows.filter((l) => l.includes("| failed |"));
    expect(failed.length).toBeGreaterThan(0);
    // Every failure is about the credentials; those not yet started were not even attempted.
    for (const row of failed) expect(row).toMatch(/401|credentials were refused/);
    expect(
      failed.some((l) => l.includes("not attempted: east's credentials were refused by Genesys (401")),
    ).toBe(true);
    expect(eastRows.filter((l) => l.includes("| paused |")).length).toBeGreaterThanOrEqual(2);
    // Failing fast: no retry storm against a revoked client. Once refused, east asks for a token at
    // most once per worker already in flight (4, SWITCHBOARD_BULK_CONCURRENCY's default) and the
    // refusals stay below one per remaining campaign (each would be at least one 401, and more with
    // retries, if every campaign were tried on its own).
    const after = h.sim.stats();
    expect(after.tokenRequests).toBeLessThanOrEqual(4);
    expect(after.byStatus["401"] ?? 0).toBeLessThanOrEqual(4 + after.tokenRequests);
    // Every failure beyond the workers already in flight is failed fast, without a request. (Not
    // "fewer 401s than failures": with few failures left, 4 in-flight 401s plus their token
    // refusals can equal the failures without any retry storm.)
    const notAttempted = failed.filter((l) => l.includes("not attempted"));
    expect(notAttempted.length).toBeGreaterThanOrEqual(failed.length - 4);
  });
});

describe("a crash mid-bulk", () => {
  it("is finished by re-running the same command; every campaign is paused once in the audit log", async () => {
    const plan = await h.run("pause crash --all", "ann");
    const jobId = jobIdOf(plan.text);
    const services = h.app.services;
    // The first process: confirmed, ran until it was stopped after a few campaigns…
    expect(await services.bulk.decide(jobId, "confirmed", "shell:ann", new Date())).toBe(true);
    const first = new AbortController();
    const runner: JobRunner = {
      services,
      progress: async (update) => {
        if (/: [2-9] done/.test(replyToPlainText(update))) first.abort();
      },
    };
    const job = await services.bulk.get(jobId);
    if (!job) throw new Error("job not stored");
    await executeJob(runner, job, { eligible: () => true, retryFailed: false, signal: first.signal });
    const afterStop = await services.bulk.get(jobId);
    const pending = afterStop?.items.filter((i) => i.status === "pending") ?? [];
    expect(pending.length).toBeGreaterThan(1);
    // …and died holding one more item: claimed long ago, never finished.
    const stuck = pending[0];
    if (!stuck) throw new Error("nothing left pending");
    const longAgo = new Date(Date.now() - 3_600_000);
    expect(
      await services.bulk.claimItem(jobId, stuck.seq, "dead-process", longAgo, {
        staleBefore: new Date(0),
        retryFailed: false,
      }),
    ).not.toBeNull();

    const rerun = await h.run("pause crash --all", "ann");
    expect(rerun.text).toContain(`Job ${jobId} (planned`);
    expect(rerun.text).toContain("did not finish; this run finishes it as planned");
    expect(rerun.text).toContain("8 campaigns: 8 paused");
    for (const c of CRASH) {
      expect(h.sim.campaign("crash", c).status).toBe("off");
      expect(await successes("crash", c)).toBe(1);
    }
    const done = await services.bulk.get(jobId);
    expect(done?.items.every((i) => i.status === "done")).toBe(true);
    expect(done?.items.find((i) => i.seq === stuck.seq)?.attempts).toBe(2);
    // Once finished, a third run plans afresh and finds nothing to do.
    expect((await h.run("pause crash --all --yes", "ann")).text).toContain("Nothing to pause in crash.");
  });

  it("leaves an item another live executor holds alone", async () => {
    const plan = await h.run("pause south --all", "ann");
    const jobId = jobIdOf(plan.text);
    // Someone else claimed item 1 a moment ago and is still working on it.
    await h.app.services.bulk.decide(jobId, "confirmed", "shell:ann", new Date());
    expect(
      await h.app.services.bulk.claimItem(jobId, 1, "live-replica", new Date(), {
        staleBefore: new Date(0),
        retryFailed: false,
      }),
    ).not.toBeNull();
    const { text } = await h.run(`bulk continue ${jobId}`, "ann");
    expect(text).toMatch(/south \| Renewals \| running \| since/);
    expect(text).toContain("3 campaigns: 2 paused, 1 not run yet");
    expect(h.sim.campaign("south", "Renewals").status).toBe("on");
  });
});

describe("bulk continue of an old plan (issue 11 row 7)", () => {
  it("runs nothing for a requester who lost their mapping since the plan", async () => {
    const plan = await h.run("pause south --all", "ann");
    const jobId = jobIdOf(plan.text);
    await h.app.services.bulk.decide(jobId, "confirmed", "shell:ann", new Date());
    await h.app.services.identities.unmap("shell:ann", "south");
    await h.app.services.gate.invalidate();
    const { text } = await h.run(`bulk continue ${jobId}`, "ann");
    expect(text).toContain("may no longer pause");
    expect(h.sim.campaign("south", "Renewals").status).toBe("on");
    const job = await h.app.services.bulk.get(jobId);
    expect(job?.items.some((i) => i.result === "refused")).toBe(true);
    expect(job?.items.every((i) => i.result !== "paused")).toBe(true);
  });
});
