/**
 * A pause whose requests were held back by Genesys's rate limit before the stop was accepted. The
 * wait for `stopping → off` is for Genesys to finish stopping, so it starts when the stop is
 * accepted: time spent waiting out Retry-Afters before that must not use it up, or the pause would
 * report "still stopping" without ever having looked again.
 */
import { afterEach, expect, it } from "vitest";
import { JumpClock } from "../genesys/support/jump-clock.js";
import { type FaultHarness, startFaultHarness } from "./support/fault-harness.js";

let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it("waits for off from when Genesys accepted the stop, not from when the command started", async () => {
  const clock = new JumpClock(Date.parse("2026-12-07T10:00:10Z"));
  h = await startFaultHarness({ clock, hideRateLimitHeaders: true });
  // Two requests a minute: the pause's reads and its stop wait out 45 s Retry-Afters, more than the
  // 60 s stop wait in all before Genesys has even accepted the stop.
  h.sim.setLimits({ perTokenPerMinute: 2, retryAfterSeconds: 45 });
  const started = clock.ms;
  const { reply, text } = await h.run('pause acme "Spring Promo" --reason limit');
  const stop = h.wire.find((e) => e.kind === "answer" && e.path.endsWith("/stop") && (e.status ?? 0) < 300);
  expect(stop, "the stop was accepted").toBeDefined();
  expect((stop?.at ?? 0) - started).toBeGreaterThanOrEqual(60_000);
  expect(reply.tone, text).toBe("success");
  expect(text).toContain("Paused Spring Promo");
  expect(h.sim.campaign("acme", "Spring Promo").status).toBe("off");
});
