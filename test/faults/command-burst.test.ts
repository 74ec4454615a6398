/**
 * A burst of commands far wider than the database's bind-parameter limit, all in one tick: every
 * one is answered (Prisma batches concurrent findUnique calls into one query, prisma/prisma#23957,
 * which SQLite refused once the batch passed 999 parameters), and each org still fetches one token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultHarness, startFaultHarness } from "./support/fault-harness.js";

describe("a burst of 800 concurrent commands", () => {
  let h: FaultHarness;
  beforeAll(async () => {
    h = await startFaultHarness({ env: { GENESYS_REQUESTS_PER_MINUTE: "100000" } });
    h.sim.setLimits({ perTokenPerMinute: 100_000 });
  });
  afterAll(() => h.close());

  it("answers every command, with one token request per org", async () => {
    const commands = Array.from({ length: 800 }, (_, i) =>
      i % 2 === 0 ? 'status acme "Spring Promo"' : "status globex Renewals",
    );
    const replies = await Promise.all(commands.map((c) => h.run(c)));
    const failed = replies
      .filter((r) => r.reply.tone === "error")
      .map((r) => (r.text.split("\n")[0] ?? "").replace(/ \(reference \w+\)/, ""));
    expect([...new Set(failed)]).toEqual([]);
    expect(h.sim.stats().tokensByOrg).toEqual({ acme: 1, globex: 1 });
    // 800 commands with their audit rows are CPU-bound: a ceiling for a loaded 2-core machine, not a target.
  }, 120_000);
});
