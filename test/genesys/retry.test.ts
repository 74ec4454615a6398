import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/kernel/errors.js";
import { GenesysError } from "../../src/core/kernel/genesys-error.js";
import { backoffDelay, DEFAULT_RETRY, retryDecision } from "../../src/genesys/retry.js";

const err = (status: number, extra: Partial<ConstructorParameters<typeof GenesysError>[0]> = {}) =>
  new GenesysError({ status, code: "x", message: "m", method: "GET", path: "/p", ...extra });

describe("retryDecision", () => {
  it("waits Retry-After on a 429 and pauses the whole org", () => {
    expect(retryDecision(err(429, { retryAfterSeconds: 2 }), 1, DEFAULT_RETRY, () => 0.5)).toEqual({
      retry: true,
      delayMs: 2_000,
      pauseOrg: true,
    });
  });

  it("fails a 429 whose Retry-After exceeds maxRetryAfterMs", () => {
    const policy = { ...DEFAULT_RETRY, maxRetryAfterMs: 1_000 };
    expect(retryDecision(err(429, { retryAfterSeconds: 2 }), 1, policy, () => 0.5)).toEqual({ retry: false });
  });

  it("backs off on 5xx and network errors", () => {
    expect(retryDecision(err(503), 1, DEFAULT_RETRY, () => 0.5)).toEqual({
      retry: true,
      delayMs: 100,
      pauseOrg: false,
    });
    expect(retryDecision(err(0), 2, DEFAULT_RETRY, () => 0.5)).toEqual({
      retry: true,
      delayMs: 200,
      pauseOrg: false,
    });
  });

  it("does not retry 4xx, invalid bodies, app errors, or past maxAttempts", () => {
    for (const status of [400, 401, 403, 404, 409]) {
      expect(retryDecision(err(status), 1, DEFAULT_RETRY, () => 0.5).retry).toBe(false);
    }
    expect(retryDecision(err(502, { code: "invalid.response" }), 1, DEFAULT_RETRY, () => 0.5).retry).toBe(
      false,
    );
    expect(retryDecision(new AppError("org_mismatch", "x"), 1, DEFAULT_RETRY, () => 0.5).retry).toBe(false);
    expect(retryDecision(err(503), 4, DEFAULT_RETRY, () => 0.5).retry).toBe(false);
  });

  it("jitters fully between 0 and the capped exponential ceiling", () => {
    expect(backoffDelay(1, DEFAULT_RETRY, () => 0)).toBe(0);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0.999)).toBe(799);
    expect(backoffDelay(10, DEFAULT_RETRY, () => 0.999)).toBe(4_995);
  });
});
