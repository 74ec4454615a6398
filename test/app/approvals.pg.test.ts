/**
 * Two replicas (two complete applications) on one PostgreSQL database, one simulator: an approval is
 * executed exactly once however the clicks are spread across them, and a request a crash left
 * approved or executing is finished exactly once when both replicas recover at the same moment.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recoverStuckApprovals } from "../../src/core/approvals/recover.js";
import { type Harness, startHarness } from "../support/app-harness.js";
import { describePg, useTestDatabase } from "../support/pg.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/approvals.yml");

describePg("approvals across two replicas on PostgreSQL", () => {
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

  async function request(campaign: string): Promise<string> {
    const { text } = await a.run(`resume north ${campaign}`, "ann");
    const id = /Request: ([0-9A-Z]{6})/.exec(text)?.[1];
    if (!id) throw new Error(text);
    return id;
  }

  const executions = async (campaign: string) =>
    (
      await a.app.services.audit.list({
        orgSlug: "north",
        target: a.sim.campaign("north", campaign).id,
        limit: 50,
      })
    ).filter((r) => r.action === "resume" && r.outcome === "success");

  it("runs a request once when the same approver clicks on both replicas at once", async () => {
    const id = await request("Alpha");
    const replies = await Promise.all([
      a.run(`approve ${id}`, "ben"),
      b.run(`approve ${id}`, "ben"),
      b.run(`approve ${id}`, "ben"),
    ]);
    expect(replies.filter((r) => r.text.includes("Resumed Alpha"))).toHaveLength(1);
    expect(a.sim.campaign("north", "Alpha").status).toBe("on");
    expect(await executions("Alpha")).toHaveLength(1);
  });

  it("runs a request once when different approvers race on different replicas", async () => {
    const id = await request("Beta");
    const replies = await Promise.all([
      a.run(`approve ${id}`, "ben"),
      b.run(`approve ${id}`, "hal"),
      b.run(`approve ${id}`, "ben"),
    ]);
    // hal may not approve in Sales; of the two ben clicks exactly one executes.
    expect(replies.filter((r) => r.text.includes("Resumed Beta"))).toHaveLength(1);
    expect(await executions("Beta")).toHaveLength(1);
    expect((await b.app.services.approvals.get(id))?.status).toBe("executed");
  });

  /** What a process that died after the vote committed leaves behind: approved, never run. */
  async function approvedButNotRun(campaign: string): Promise<string> {
    const id = await request(campaign);
    const vote = await a.app.services.approvals.addApproval(id, "shell:ben", new Date());
    expect(vote).toMatchObject({ kind: "recorded", completed: true });
    return id;
  }

  const recoverOnBoth = (options: { approvedGraceMs?: number; leaseMs?: number }) =>
    Promise.all([
      recoverStuckApprovals(a.app.services, { ...options, owner: "replica-a" }),
      recoverStuckApprovals(b.app.services, { ...options, owner: "replica-b" }),
    ]);

  it("recovers an approved-but-never-run request once when both replicas recover at once", async () => {
    const id = await approvedButNotRun("Gamma");
    const [fromA, fromB] = await recoverOnBoth({ approvedGraceMs: 0 });
    expect([...fromA, ...fromB].filter((r) => r.id === id)).toHaveLength(1);
    expect((await b.app.services.approvals.get(id))?.status).toBe("executed");
    expect(a.sim.campaign("north", "Gamma").status).toBe("on");
    expect(await executions("Gamma")).toHaveLength(1);
  });

  it("recovers a request left executing by a dead runner once, without starting it twice", async () => {
    const id = await approvedButNotRun("Delta");
    await a.app.services.approvals.transition(id, ["approved"], "executing", { at: new Date() });
    const [fromA, fromB] = await recoverOnBoth({ leaseMs: 0 });
    expect([...fromA, ...fromB].filter((r) => r.id === id)).toHaveLength(1);
    expect((await a.app.services.approvals.get(id))?.status).toBe("executed");
    expect(a.sim.campaign("north", "Delta").status).toBe("on");
    expect(await executions("Delta")).toHaveLength(1);
  });

  it("keeps one intact audit chain while both replicas write", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).run("list north", "ann")));
    expect(await a.app.store.audit.verify()).toMatchObject({ ok: true });
  });
});
