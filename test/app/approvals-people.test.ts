/**
 * Issue 11 rows 1, 7 and 10, as an insider would try them: four-eyes and vote counts are per person
 * (not per chat identity), the requester's rights are re-checked when an approved request runs, and
 * a vote cast after expiry (slow grant look-ups in between) does not count.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/core/kernel/clock.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/approvals.yml");

let offsetMs = 0;
/** After `jumpAfterFirst` is armed, the first reading is real time and every later one is 16 min on. */
let jumpArmed = false;
const clock: Clock = {
  now: () => {
    const d = new Date(Date.now() + offsetMs);
    if (jumpArmed) {
      jumpArmed = false;
      offsetMs = 16 * 60_000;
    }
    return d;
  },
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: FIXTURE, clock });
});
afterAll(async () => {
  await h?.close();
});

async function request(org: string, campaign: string, as: string): Promise<string> {
  const { text } = await h.run(`resume ${org} ${campaign} --reason "list fixed"`, as);
  const id = /Request: ([0-9A-Z]{6})/.exec(text)?.[1];
  if (!id) throw new Error(`no request id in: ${text}`);
  return id;
}

describe("one person is one person", () => {
  it("refuses an approval by the requester's second chat identity mapped to the same Genesys user", async () => {
    const id = await request("north", "Alpha", "ann");
    const { reply, text } = await h.run(`approve ${id}`, "ann2");
    expect(reply.ok).toBe(false);
    expect(text).toContain("that is you under another chat identity");
    expect((await h.app.services.approvals.get(id))?.status).toBe("pending");
    expect(h.sim.campaign("north", "Alpha").status).toBe("off");
    const refused = await h.app.services.audit.list({ actor: "shell:ann2", limit: 5 });
    expect(refused[0]).toMatchObject({ outcome: "denied", genesysIdentity: "user:ann@north.test" });
  });

  it("refuses an approval by an identity an admin linked to the requester, until unlinked", async () => {
    const id = await request("north", "Beta", "ann");
    await h.app.services.identities.link("shell:ben", "shell:ann", "shell:root");
    expect((await h.run(`approve ${id}`, "ben")).reply.ok).toBe(false);
    expect((await h.app.services.approvals.get(id))?.status).toBe("pending");
    await h.app.services.identities.unlink("shell:ann", "shell:ben");
    expect((await h.run(`approve ${id}`, "ben")).text).toContain("Resumed Beta in north: off → on");
  });

  it("counts two identities of one approver as one vote of two needed, even when they vote at once", async () => {
    const id = await request("south", "Renewals", "ann");
    const [a, b] = await Promise.all([h.run(`approve ${id}`, "max"), h.run(`approve ${id}`, "max2")]);
    expect([a.reply.ok, b.reply.ok].sort()).toEqual([false, true]);
    expect([a.text, b.text].join("\n")).toContain("one person, one vote");
    const after = await h.app.services.approvals.get(id);
    expect(after?.status).toBe("pending");
    expect(after?.approvals).toHaveLength(1);
    expect(h.sim.campaign("south", "Renewals").status).toBe("off");
    // A different person completes it; every row of the execution names the Genesys identity acting.
    expect((await h.run(`approve ${id}`, "mia")).text).toContain("Resumed Renewals in south: off → on");
    const rows = await h.app.services.audit.list({ orgSlug: "south", limit: 10 });
    const run = rows.filter(
      (r) => r.action === "resume" && (r.outcome === "intent" || r.outcome === "success"),
    );
    expect(run.length).toBeGreaterThanOrEqual(2);
    for (const r of run) expect(r.genesysIdentity).toBe("user:ann@south.test");
    const votes = rows.filter((r) => r.action === "approve" && r.outcome === "success");
    expect(votes.map((r) => r.genesysIdentity).sort()).toEqual([
      "user:max@south.test",
      "user:mia@south.test",
    ]);
    const filed = rows.find((r) => r.outcome === "pending");
    expect(filed?.genesysIdentity).toBe("user:ann@south.test");
  });
});

describe("re-checked when it runs", () => {
  it("does not run an approved request whose requester was unmapped meanwhile", async () => {
    const id = await request("north", "Gamma", "ann2");
    await h.app.services.identities.unmap("shell:ann2", "north");
    await h.app.services.gate.invalidate();
    const { reply, text } = await h.run(`approve ${id}`, "ben");
    expect(reply.ok).toBe(false);
    expect(text).toContain("approved but not run");
    expect(h.sim.campaign("north", "Gamma").status).toBe("off");
    expect((await h.app.services.approvals.get(id))?.status).toBe("failed");
  });

  it("does not count a vote cast after the request expired during slow grant look-ups", async () => {
    const id = await request("north", "Delta", "ann");
    offsetMs = 15 * 60_000 - 5_000; // five seconds before expiry when the command starts
    jumpArmed = true; // …and past it by the time the vote is cast
    try {
      const { reply, text } = await h.run(`approve ${id}`, "ben");
      expect(reply.ok).toBe(false);
      expect(text).toContain("expired");
      expect(h.sim.campaign("north", "Delta").status).toBe("off");
      const after = await h.app.services.approvals.get(id);
      expect(after?.status).toBe("expired");
      expect(after?.approvals).toHaveLength(0);
    } finally {
      offsetMs = 0;
      jumpArmed = false;
    }
  });
});
