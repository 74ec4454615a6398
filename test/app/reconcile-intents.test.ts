/**
 * An audit intent with no outcome (the process died between the Genesys call and the outcome row)
 * is reconciled (real simulator, real SQLite): at start-up and when the campaign is next touched,
 * Switchboard reads Genesys and appends one "outcome reconciled: <status>" row, exactly once however
 * many processes try; `status` shows it.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reconcileOpenIntents } from "../../src/core/campaigns/reconcile-intents.js";
import type { Clock } from "../../src/core/kernel/clock.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");

let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

let h: Harness;
beforeEach(async () => {
  offsetMs = 0;
  h = await startHarness({ fixturePath: FIXTURE, clock });
});
afterEach(async () => {
  await h?.close();
});

/** What a crash after the Genesys call leaves: the change made, its intent row, no outcome. */
async function crashedSwitch(name: string, action: "pause" | "resume", status: string) {
  const campaign = h.sim.campaign("south", name);
  h.sim.mutateCampaign("south", name, { status });
  return h.app.services.audit.append({
    actor: "shell:ann",
    platform: "shell",
    channel: "shell",
    orgSlug: "south",
    action,
    target: campaign.id,
    targetName: name,
    reason: "storm",
    outcome: "intent",
  });
}

async function closing(intentId: string) {
  const rows = await h.app.services.audit.list({ orgSlug: "south", limit: 100 });
  return rows.filter((r) => r.intentId === intentId);
}

describe("an intent without an outcome", () => {
  it("is reconciled once at start-up, across two processes, and status shows it", async () => {
    const intent = await crashedSwitch("Renewals", "pause", "off");
    // Young: it may be a switch still in flight elsewhere.
    await h.app.runPeriodic();
    expect(await closing(intent.id)).toEqual([]);
    expect((await h.run('status south "Renewals"', "ann")).text).toContain("none recorded by Switchboard");

    offsetMs = 10 * 60_000;
    await Promise.all([h.app.runPeriodic(), reconcileOpenIntents(h.app.services, { owner: "replica-b" })]);
    const rows = await closing(intent.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toBe("success");
    expect(rows[0]?.detail).toMatchObject({
      reconciled: true,
      status: "off",
      note: "outcome reconciled: off",
    });

    // A later run (another start-up, another replica) adds nothing.
    await reconcileOpenIntents(h.app.services, { owner: "replica-c" });
    expect(await closing(intent.id)).toHaveLength(1);
    const { text } = await h.run('status south "Renewals"', "ann");
    expect(text).toMatch(/paused by shell:ann .*"storm" \(outcome reconciled: off\)/);
  });

  it("is reconciled when the campaign is next touched, before the new change", async () => {
    const intent = await crashedSwitch("Spring South", "resume", "off");
    offsetMs = 10 * 60_000;
    const { text } = await h.run('pause south "Spring South"', "ann");
    expect(text).toContain("already off");
    const rows = await closing(intent.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toBe("failure");
    expect(rows[0]?.detail).toMatchObject({ note: "outcome reconciled: off" });
  });
});
