import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/genesys/rate-limiter.js";
import { FakeClock, settle } from "./support/fake-clock.js";

/** A task that stays in flight until the test releases it. */
function gate() {
  let open = () => {};
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { done, open };
}

describe("RateLimiter", () => {
  it("starts at most requestsPerMinute in any 60 s window", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 3, maxConcurrent: 100, clock });
    const startedAt: number[] = [];
    const all = Promise.all(
      Array.from({ length: 10 }, () =>
        limiter.run(async () => {
          startedAt.push(clock.ms);
        }),
      ),
    );
    await settle();
    expect(startedAt).toHaveLength(3);
    for (let i = 0; i < 4; i++) await clock.advance(60_000);
    await all;
    expect(startedAt).toHaveLength(10);
    for (const t of startedAt) {
      expect(startedAt.filter((u) => u > t - 60_000 && u <= t).length).toBeLessThanOrEqual(3);
    }
  });

  it("keeps at most maxConcurrent in flight and lets callers through in arrival order", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 1000, maxConcurrent: 2, clock });
    const gates = Array.from({ length: 5 }, gate);
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        order.push(i);
        await g.done;
      }),
    );
    await settle();
    expect(order).toEqual([0, 1]);
    expect(limiter.inFlight).toBe(2);
    expect(limiter.queued).toBe(3);
    gates[1]?.open();
    await settle();
    expect(order).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.inFlight).toBe(0);
  });

  it("serves a full window in FIFO order as slots free up", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 2, maxConcurrent: 10, clock });
    const order: number[] = [];
    const runs = [0, 1, 2, 3, 4, 5].map((i) => limiter.run(async () => void order.push(i)));
    for (let i = 0; i < 3; i++) await clock.advance(60_000);
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("uses one timer for many waiting callers", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 1, maxConcurrent: 10, clock });
    const runs = Array.from({ length: 50 }, () => limiter.run(async () => {}));
    await settle();
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(60_000);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(60_000 * 49);
    await Promise.all(runs);
    expect(clock.sleeps).toHaveLength(49);
  });

  it("holds queued and new requests during a pause, then releases them", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    limiter.pauseUntil(clock.ms + 2_000);
    let ran = 0;
    const runs = [1, 2, 3].map(() => limiter.run(async () => void ran++));
    await clock.advance(1_999);
    expect(ran).toBe(0);
    await clock.advance(1);
    await Promise.all(runs);
    expect(ran).toBe(3);
    expect(clock.sleeps).toEqual([2_000]);
  });

  it("frees the slot when a task throws", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ maxConcurrent: 1, clock });
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run(async () => "next")).resolves.toBe("next");
  });

  it("rejects nonsensical limits", () => {
    expect(() => new RateLimiter({ requestsPerMinute: 0, clock: new FakeClock() })).toThrow(RangeError);
  });

  it("stops when the server says its window is spent and resumes when the server's window resets", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 1000, maxConcurrent: 1, clock });
    const startedAt: number[] = [];
    // The first answer says: 3 allowed, 1 used, window resets in 10 s.
    await limiter.run(async () => limiter.observe({ allowed: 3, count: 1, resetSeconds: 10 }));
    const all = Promise.all(
      Array.from({ length: 4 }, () =>
        limiter.run(async () => {
          startedAt.push(clock.ms);
        }),
      ),
    );
    await settle();
    const t0 = clock.ms;
    expect(startedAt).toEqual([t0, t0]);
    await clock.advance(9_999);
    expect(startedAt).toHaveLength(2);
    await clock.advance(1);
    await all;
    expect(startedAt).toEqual([t0, t0, t0 + 10_000, t0 + 10_000]);
  });
});
