import { describe, expect, it } from "vitest";
import { RateLimitBudget } from "../../src/core/campaigns/rate-limit-wait.js";
import { GenesysError } from "../../src/core/kernel/genesys-error.js";
import { JumpClock } from "../genesys/support/jump-clock.js";

const limited = (retryAfterSeconds?: number) =>
  new GenesysError({
    status: 429,
    code: "too.many.requests",
    message: "Rate limit exceeded the maximum.",
    method: "GET",
    path: "/api/v2/outbound/campaigns/x",
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });

/** A task that fails with the given errors, in order, then succeeds. */
function failing(...errors: unknown[]) {
  let calls = 0;
  const task = async () => {
    const e = errors[calls++];
    if (e !== undefined) throw e;
    return "done";
  };
  return { task, calls: () => calls };
}

describe("RateLimitBudget", () => {
  it("waits out each Retry-After that ends within the budget, telling until when, then succeeds", async () => {
    const clock = new JumpClock(Date.parse("2026-12-07T10:00:00Z"));
    const budget = new RateLimitBudget(clock, 300_000);
    const waits: string[] = [];
    const { task, calls } = failing(limited(120), limited(90));
    await expect(budget.run(task, (until) => void waits.push(until.toISOString()))).resolves.toBe("done");
    expect(calls()).toBe(3);
    expect(clock.sleeps).toEqual([120_000, 90_000]);
    expect(waits).toEqual(["2026-12-07T10:02:00.000Z", "2026-12-07T10:03:30.000Z"]);
  });

  it("counts the budget from the start, so a wait that would end past it fails at once", async () => {
    const clock = new JumpClock();
    const budget = new RateLimitBudget(clock, 200_000);
    const { task } = failing(limited(120), limited(120));
    await expect(budget.run(task)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(clock.sleeps).toEqual([120_000]);
  });

  it("does not wait for anything but a 429 that says how long", async () => {
    const clock = new JumpClock();
    const budget = new RateLimitBudget(clock, 300_000);
    const forbidden = new GenesysError({
      status: 403,
      code: "missing.permissions",
      message: "no",
      method: "GET",
      path: "/",
    });
    await expect(budget.run(failing(forbidden).task)).rejects.toBe(forbidden);
    await expect(budget.run(failing(limited()).task)).rejects.toMatchObject({ status: 429 });
    await expect(budget.run(failing(new Error("boom")).task)).rejects.toThrow("boom");
    expect(clock.sleeps).toEqual([]);
  });
});
