/**
 * A 429 storm through the whole application: Genesys allows far fewer requests per minute than
 * the commands need. Commands still finish (or say clearly that Genesys is rate limiting), nothing
 * is sent to the org before the Retry-After it was given has passed, and the 429s stay bounded:
 * the org waits as one, rather than every request retrying on its own. When Genesys states its
 * budget in `inin-ratelimit-*` headers the app paces by them and meets (almost) no 429 at all.
 */
import { afterEach, describe, expect, it } from "vitest";
import { JumpClock } from "../genesys/support/jump-clock.js";
import { type FaultHarness, startFaultHarness, type WireEvent } from "./support/fault-harness.js";

const LIMIT = 5;
let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const STORM = [
  'status acme "Spring Promo"',
  'status acme "Winter Sale"',
  "list acme",
  'status acme "Summer Sale"',
  'pause acme "Spring Promo" --reason storm',
  'status acme "Spring Promo Retargeting"',
];

const api = (e: WireEvent) => e.path.startsWith("/api/v2/");

/** Every API request sent after a 429 arrived waited at least that 429's Retry-After. */
function sendsBeforeRetryAfter(wire: WireEvent[]): string[] {
  const early: string[] = [];
  let holdUntil = 0;
  for (const e of wire) {
    if (!api(e)) continue;
    if (e.kind === "answer" && e.status === 429) {
      holdUntil = Math.max(holdUntil, e.at + (e.retryAfterSeconds ?? 0) * 1000);
    } else if (e.kind === "send" && e.at < holdUntil) {
      early.push(`${e.method} ${e.path}, ${holdUntil - e.at} ms early`);
    }
  }
  return early;
}

describe("a 429 storm", () => {
  it("finishes every command, waiting out Retry-After, with a bounded number of 429s", async () => {
    const clock = new JumpClock();
    h = await startFaultHarness({ clock, hideRateLimitHeaders: true });
    h.sim.setLimits({ perTokenPerMinute: LIMIT });
    const commands = STORM;
    const replies = await Promise.all(commands.map((c) => h?.run(c)));

    // Every command finishes: the org waits out each Retry-After (on the jumping clock) instead of
    // giving up, so none ends in an error, a fault or silence.
    for (const [i, r] of replies.entries()) {
      const text = r?.text ?? "";
      expect(r?.reply.tone, `${commands[i]}: ${text}`).not.toBe("error");
      expect(text, commands[i]).not.toBe("");
      expect(text).not.toMatch(/Something went wrong/);
    }
    expect(replies[4]?.reply.tone, replies[4]?.text).toBe("success");
    const stats = h.sim.stats();
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(sendsBeforeRetryAfter(h.wire)).toEqual([]);
    // Retry-After was waited on the app's clock, not skipped.
    const longest = Math.max(...h.wire.map((e) => (e.status === 429 ? (e.retryAfterSeconds ?? 0) : 0)));
    expect(Math.max(...clock.sleeps)).toBeGreaterThanOrEqual(longest * 1000);
    // No retry storm: each one-minute window admits LIMIT requests, and at most the requests already
    // in flight when the first 429 of the window came back (the org client's concurrency, 8) meet a 429.
    const accepted = stats.apiRequests - stats.rateLimited;
    const windows = Math.ceil(accepted / LIMIT) + 1;
    expect(stats.rateLimited).toBeLessThanOrEqual(windows * 8);
    // What /metrics reports is what the simulator saw.
    const metrics = await h.app.metrics.render();
    expect(metrics).toContain(`switchboard_genesys_rate_limited_total ${stats.rateLimited}`);
    expect(metrics).toContain(`switchboard_genesys_requests_total{status="429"} ${stats.rateLimited}`);
    // The pause itself happened exactly once.
    const spring = h.sim.campaign("acme", "Spring Promo");
    expect(["off", "stopping"]).toContain(spring.status);
    const rows = await h.app.services.audit.list({ orgSlug: "acme", limit: 100 });
    const pauses = rows.filter((r) => r.action === "pause" && r.targetName === "Spring Promo");
    expect(pauses.filter((r) => r.outcome === "intent")).toHaveLength(1);
    expect(pauses.filter((r) => r.outcome === "success")).toHaveLength(1);
    expect(h.writes().filter((w) => w.path.endsWith("/stop"))).toHaveLength(
      1 + h.wire.filter((e) => e.kind === "answer" && e.status === 429 && e.path.endsWith("/stop")).length,
    );
  });

  it("paces by the rate-limit headers: the same commands finish with no more 429s than one batch in flight", async () => {
    const clock = new JumpClock();
    h = await startFaultHarness({ clock });
    h.sim.setLimits({ perTokenPerMinute: LIMIT });
    const replies = await Promise.all(STORM.map((c) => h?.run(c)));
    for (const [i, r] of replies.entries())
      expect(r?.reply.tone, `${STORM[i]}: ${r?.text}`).not.toBe("error");
    const stats = h.sim.stats();
    // The limit did bind: more than one window of requests was needed.
    expect(stats.apiRequests - stats.rateLimited).toBeGreaterThan(LIMIT);
    // Only requests sent before the first answer told the budget can meet a 429 (concurrency 8).
    expect(stats.rateLimited).toBeLessThanOrEqual(8);
    expect(sendsBeforeRetryAfter(h.wire)).toEqual([]);
    // The app waited for the server's window instead (on its clock).
    expect(clock.sleeps.some((ms) => ms > 0)).toBe(true);
  });

  it("fails a command clearly when Genesys asks to wait longer than Switchboard will", async () => {
    const clock = new JumpClock();
    h = await startFaultHarness({ clock, genesysOptions: { retry: { maxRetryAfterMs: 1_000 } } });
    h.sim.setLimits({ perTokenPerMinute: 1 });
    const { reply, text } = await h.run('status acme "Spring Promo"');
    expect(reply.tone).toBe("error");
    expect(text).toMatch(/rate limit reached for acme; it asks to wait \d+ s/);
    // One 429 and no retry: waiting a minute is not worth holding the command.
    expect(h.sim.stats().rateLimited).toBe(1);
  });
});
