/**
 * Genesys misbehaving under a running application: bursts of 5xx, answers slower than the client's
 * timeout, and the login service down. Each command either gets through on a retry or answers with
 * a clear reply naming the org; retries are bounded (no retry storm); a change is never made twice
 * and every intent row in the audit log is closed by exactly one outcome row.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/core/ports/audit-log.js";
import { type FaultHarness, seeded, startFaultHarness } from "./support/fault-harness.js";

/** Attempts per request, first included (the client's default retry policy). */
const ATTEMPTS = 4;

let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function auditOf(harness: FaultHarness, action: string): Promise<AuditEntry[]> {
  return (await harness.app.services.audit.list({ orgSlug: "acme", limit: 200 })).filter(
    (r) => r.action === action,
  );
}

/** Every intent row has exactly one outcome row pointing at it. */
function unclosedIntents(rows: AuditEntry[]): string[] {
  return rows
    .filter((r) => r.outcome === "intent")
    .filter((intent) => rows.filter((r) => r.intentId === intent.id).length !== 1)
    .map((r) => r.id);
}

describe("a burst of 503s", () => {
  it("gets commands through on retries, changing the campaign once", async () => {
    // Concurrent reads under a seeded 30% burst, then a pause whose every request fails once before
    // it is answered: the pause's path is fixed, whatever order the reads drew their faults in.
    let draw = seeded(7);
    h = await startFaultHarness({ simRandom: () => draw() });
    h.sim.setFaults({ errorRate: 0.3, errorStatus: 503 });
    const statuses = await Promise.all(
      ["Spring Promo", "Winter Sale", "Summer Sale"].map((name) => h?.run(`status acme "${name}"`)),
    );
    for (const r of statuses) {
      // Through on a retry, or a clear answer naming the org and the 503: never a fault.
      expect(r?.text).toMatch(/^\S.* — acme\nStatus: |Genesys did not answer properly for acme \(503/);
      expect(r?.text).not.toMatch(/Something went wrong/);
    }
    expect(h.sim.stats().byStatus["503"] ?? 0).toBeGreaterThan(0);

    let n = 0;
    draw = () => (n++ % 2 === 0 ? 0 : 1);
    h.wire.length = 0;
    const pause = await h.run('pause acme "Winter Sale" --reason burst');
    h.sim.setFaults({ errorRate: 0 });

    expect(pause.reply.tone, pause.text).toBe("success");
    const rows = await auditOf(h, "pause");
    expect(unclosedIntents(rows)).toEqual([]);
    expect(rows.filter((r) => r.outcome === "intent")).toHaveLength(1);
    expect(rows.filter((r) => r.outcome === "success")).toHaveLength(1);
    expect(h.sim.campaign("acme", "Winter Sale").status).toBe("off");
    // The stop met a 503, was retried, and once Genesys accepted it, it was never sent again.
    const stops = h.wire.filter((e) => e.kind === "answer" && e.path.endsWith("/stop"));
    const accepted = (status = 0) => (status >= 200 && status < 300 ? "accepted" : status);
    expect(stops.map((e) => accepted(e.status))).toEqual([503, "accepted"]);
  });

  it("answers clearly when every attempt fails, after a bounded number of tries", async () => {
    h = await startFaultHarness();
    await h.run('status acme "Spring Promo"'); // warm: token and permission cache
    h.sim.resetStats();
    h.sim.setFaults({ errorRate: 1, errorStatus: 503 });
    const { reply, text } = await h.run('pause acme "Winter Sale" --reason outage');
    expect(reply.tone).toBe("error");
    expect(text).toContain("Genesys did not answer properly for acme (503");
    expect(text).toContain("Switchboard already retried");
    // The first failing call ends the command: one request, retried, no more.
    expect(h.sim.stats().apiRequests).toBe(ATTEMPTS);
    expect(h.sim.campaign("acme", "Winter Sale").status).toBe("on");
    expect(h.writes()).toEqual([]);
    expect(unclosedIntents(await auditOf(h, "pause"))).toEqual([]);

    h.sim.setFaults({ errorRate: 0 });
    const after = await h.run('pause acme "Winter Sale" --reason recovered');
    expect(after.reply.tone).toBe("success");
    expect(h.sim.campaign("acme", "Winter Sale").status).toBe("off");
  });
});

describe("Genesys slower than the client's timeout", () => {
  it("answers that Genesys did not answer in time, and recovers when it speeds up", async () => {
    h = await startFaultHarness({ genesysOptions: { timeoutMs: 150 } });
    await h.run('status acme "Spring Promo"');
    h.sim.resetStats();
    h.sim.setFaults({ latencyMs: 400 });
    const { reply, text } = await h.run('pause acme "Winter Sale" --reason slow');
    expect(reply.tone).toBe("error");
    expect(text).toContain("Genesys did not answer properly for acme (network error)");
    expect(text).toContain("no answer within 150 ms");
    expect(h.sim.stats().apiRequests).toBeLessThanOrEqual(ATTEMPTS);
    // A timed-out request may still have reached Genesys: the audit says it was attempted and failed.
    const rows = await auditOf(h, "pause");
    expect(unclosedIntents(rows)).toEqual([]);

    h.sim.setFaults({ latencyMs: 0 });
    const after = await h.run('status acme "Winter Sale"');
    expect(after.reply.tone).not.toBe("error");
  });
});

describe("the token endpoint down", () => {
  it("names the org, keeps serving orgs that hold a token, and recovers", async () => {
    h = await startFaultHarness();
    expect((await h.run("status globex Renewals")).text).toContain("Status: on");
    h.sim.resetStats();
    h.sim.setFaults({ tokenEndpointDown: true });
    const { reply, text } = await h.run('status acme "Spring Promo"');
    expect(reply.tone).toBe("error");
    expect(text).toContain("Genesys did not answer acme's token request properly (503");
    expect(text).toContain("try again shortly");
    // Bounded: the command's token request with its retries, the diagnosis's own look (retried the
    // same way) and one credentials probe; never one per waiting request.
    expect(h.sim.stats().tokenRequests).toBeLessThanOrEqual(2 * ATTEMPTS + 1);
    expect(h.sim.stats().tokensByOrg).toEqual({});
    // globex's token was fetched before the outage: it keeps working.
    expect((await h.run("status globex Renewals")).text).toContain("Status: on");

    h.sim.setFaults({ tokenEndpointDown: false });
    const after = await h.run('status acme "Spring Promo"');
    expect(after.text).toContain("Status: on");
  });
});
