/**
 * Two replicas' schedulers on one PostgreSQL database: each due resume is claimed and run by exactly
 * one of them.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Clock } from "../../src/core/kernel/clock.js";
import { type Harness, startHarness } from "../support/app-harness.js";
import { describePg, useTestDatabase } from "../support/pg.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/schedule.yml");

let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

describePg("scheduled resumes across two replicas on PostgreSQL", () => {
  const database = useTestDatabase();
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    a = await startHarness({ fixturePath: FIXTURE, databaseUrl: database.url, clock });
    b = await startHarness({ fixturePath: FIXTURE, databaseUrl: database.url, clock, replicaOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("claims and runs each due resume exactly once between two schedulers", async () => {
    const ids: string[] = [];
    for (const campaign of ["Renewals", "Spring South", "Winback"]) {
      const { text } = await a.run(`pause south "${campaign}" --for 1m`, "ann");
      const id = /schedule id ([0-9A-Z]{6})\./.exec(text)?.[1];
      if (!id) throw new Error(text);
      ids.push(id);
    }
    offsetMs = 2 * 60_000;
    const runs = await Promise.all([
      a.app.scheduler.runDue(),
      b.app.scheduler.runDue(),
      a.app.scheduler.runDue(),
      b.app.scheduler.runDue(),
    ]);
    const ran = runs.flat().map((s) => s.id);
    expect([...ran].sort()).toEqual([...ids].sort());
    for (const campaign of ["Renewals", "Spring South", "Winback"]) {
      expect(a.sim.campaign("south", campaign).status).toBe("on");
      const resumes = (
        await b.app.services.audit.list({ orgSlug: "south", target: a.sim.campaign("south", campaign).id })
      ).filter((r) => r.action === "resume" && r.outcome === "success");
      expect(resumes).toHaveLength(1);
    }
  });
});
