/**
 * A Retry-After longer than a minute (Genesys sends them, e.g. for org-wide limits). A chat
 * command must not hang on it: it answers at once with when to retry. Bulk work, which no one
 * watches at a prompt, waits it out within GENESYS_RETRY_BUDGET_SECONDS and says so in its
 * progress; past the budget the items fail with the 429 instead of waiting on. A due scheduled
 * resume waits the same way for its reads, rather than failing the schedule.
 * The rate-limit headers are hidden so the app cannot pace itself around the limit: the 429 is met.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { shellInvocation } from "../../src/adapters/shell/invocation.js";
import { type Reply, replyToPlainText } from "../../src/core/kernel/reply.js";
import { JumpClock } from "../genesys/support/jump-clock.js";
import { type FaultHarness, startFaultHarness } from "./support/fault-harness.js";

let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const hhmm = (ms: number) => new Date(Math.ceil(ms / 60_000) * 60_000).toISOString().slice(11, 16);

/**
 * A bulk pause whose plan is made under no limit; once it runs, Genesys allows one request a minute
 * and asks for 120 s on a 429, until the app has slept that long (then the limit lifts again).
 */
async function bulkPauseUnderLimit(budgetSeconds?: string): Promise<{ text: string; progress: string[] }> {
  let harness: FaultHarness | undefined;
  const clock = new JumpClock(Date.parse("2026-12-07T10:00:10Z"), (ms) => {
    if (ms >= 120_000) harness?.sim.setLimits({ perTokenPerMinute: 100_000, retryAfterSeconds: null });
  });
  harness = await startFaultHarness({
    clock,
    hideRateLimitHeaders: true,
    ...(budgetSeconds ? { env: { GENESYS_RETRY_BUDGET_SECONDS: budgetSeconds } } : {}),
  });
  h = harness;
  const progress: string[] = [];
  let limited = false;
  const reply = await harness.app.dispatcher.dispatch(
    shellInvocation("pause acme --all --yes --reason limit", "sam"),
    {
      progress: async (r: Reply) => {
        if (!limited) harness?.sim.setLimits({ perTokenPerMinute: 1, retryAfterSeconds: 120 });
        limited = true;
        progress.push(replyToPlainText(r));
      },
    },
  );
  expect(limited, replyToPlainText(reply)).toBe(true);
  sleeps = clock.sleeps;
  return { text: replyToPlainText(reply), progress };
}

let sleeps: number[] = [];

describe("a Retry-After above a minute", () => {
  it("answers an interactive command at once: how long and when to retry, with no wait", async () => {
    const clock = new JumpClock(Date.parse("2026-12-07T10:00:10Z"));
    h = await startFaultHarness({ clock, hideRateLimitHeaders: true });
    h.sim.setLimits({ perTokenPerMinute: 1, retryAfterSeconds: 600 });
    const started = clock.ms;
    const { reply, text } = await h.run('status acme "Spring Promo"');
    expect(reply.tone).toBe("error");
    expect(text).toContain("Genesys asks to wait 10 min");
    expect(text).toContain(`retry at ${hhmm(started + 600_000)} UTC`);
    // No hang: nothing slept anywhere near the Retry-After, and the 429 was not retried.
    expect(Math.max(0, ...clock.sleeps)).toBeLessThan(60_000);
    expect(h.sim.stats().rateLimited).toBe(1);
  });

  it("is waited out by a bulk job within the budget, which says in progress until when", async () => {
    const { text, progress } = await bulkPauseUnderLimit();
    expect(h?.sim.stats().rateLimited).toBeGreaterThan(0);
    expect(progress.join("\n")).toMatch(/waiting for Genesys's rate limit until \d\d:\d\d UTC/);
    expect(text).not.toMatch(/failed|429/i);
    expect(h?.sim.campaign("acme", "Spring Promo").status).not.toBe("on");
    expect(h?.sim.campaign("acme", "Winter Sale").status).not.toBe("on");
    expect(sleeps.some((ms) => ms >= 120_000)).toBe(true);
  });

  it("fails the bulk items with the 429 when the wait would pass the budget", async () => {
    const { text } = await bulkPauseUnderLimit("60");
    expect(text).toMatch(/429 too\.many\.requests/);
    expect(sleeps.some((ms) => ms >= 120_000)).toBe(false);
    expect(h?.sim.campaign("acme", "Spring Promo").status).toBe("on");
    expect(h?.sim.campaign("acme", "Winter Sale").status).toBe("on");
  });

  it("is waited out by a due scheduled resume, which then resumes the campaign", async () => {
    let harness: FaultHarness | undefined;
    const clock = new JumpClock(Date.parse("2026-12-07T10:00:10Z"), (ms) => {
      if (ms >= 120_000) harness?.sim.setLimits({ perTokenPerMinute: 100_000, retryAfterSeconds: null });
    });
    harness = await startFaultHarness({
      clock,
      hideRateLimitHeaders: true,
      fixturePath: path.resolve(import.meta.dirname, "../fixtures/bulk/schedule.yml"),
    });
    h = harness;
    const paused = await harness.run("pause south Renewals --for 1m", "ann");
    const id = /schedule id ([0-9A-Z]{6})\./.exec(paused.text)?.[1];
    expect(id, paused.text).toBeDefined();
    await clock.sleep(61_000); // the resume is due; the simulator's window starts over
    harness.sim.setLimits({ perTokenPerMinute: 1, retryAfterSeconds: 120 });
    const ran = await harness.app.scheduler.runDue();
    expect(ran.map((a) => a.id)).toEqual([id]);
    expect(harness.sim.stats().rateLimited).toBeGreaterThan(0);
    expect(clock.sleeps.some((ms) => ms >= 120_000)).toBe(true);
    expect(harness.sim.campaign("south", "Renewals").status).toBe("on");
    expect((await harness.app.services.schedules.get(id ?? ""))?.status).toBe("done");
  });
});
