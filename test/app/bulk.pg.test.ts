/**
 * Two replicas (two complete applications) on one PostgreSQL database, one simulator: a bulk job's
 * items are executed once each however its executors are spread across them.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";
import { describePg, useTestDatabase } from "../support/pg.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");
const CRASH = Array.from({ length: 8 }, (_, i) => `Crash ${i + 1}`);

describePg("bulk jobs across two replicas on PostgreSQL", () => {
  const database = useTestDatabase();
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    a = await startHarness({ fixturePath: FIXTURE, databaseUrl: database.url });
    b = await startHarness({ fixturePath: FIXTURE, databaseUrl: database.url, replicaOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const pauses = async (org: string, name: string) =>
    (
      await a.app.services.audit.list({ orgSlug: org, target: a.sim.campaign(org, name).id, limit: 50 })
    ).filter((r) => r.action === "pause" && r.outcome === "success");

  function jobIdOf(text: string): string {
    const id = /\(job ([0-9A-Z]{6})\)/.exec(text)?.[1];
    if (!id) throw new Error(text);
    return id;
  }

  it("executes each item once when two executors race on one job", async () => {
    const jobId = jobIdOf((await a.run("pause crash --all", "ann")).text);
    expect(await a.app.services.bulk.decide(jobId, "confirmed", "shell:ann", new Date())).toBe(true);
    const [ra, rb] = await Promise.all([
      a.run(`bulk continue ${jobId}`, "ann"),
      b.run(`bulk continue ${jobId}`, "ann"),
    ]);
    expect(ra.text).toContain("8 campaigns:");
    expect(rb.text).toContain("8 campaigns:");
    for (const c of CRASH) {
      expect(a.sim.campaign("crash", c).status).toBe("off");
      expect(await pauses("crash", c)).toHaveLength(1);
    }
    const job = await b.app.services.bulk.get(jobId);
    expect(job?.items.map((i) => `${i.status}/${i.attempts}`)).toEqual(Array(8).fill("done/1"));
  });

  it("runs a plan once when its Confirm reaches both replicas", async () => {
    const plan = await a.run("pause south --all", "ann");
    const confirm = `confirm ${jobIdOf(plan.text)}`;
    const replies = await Promise.all([a.run(confirm, "ann"), b.run(confirm, "ann"), b.run(confirm, "ann")]);
    expect(replies.filter((r) => r.text.includes("3 campaigns: 3 paused"))).toHaveLength(1);
    for (const c of ["Spring South", "Spring Outlet", "Renewals"])
      expect(await pauses("south", c)).toHaveLength(1);
  });
});
