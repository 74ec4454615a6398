/**
 * Which failures are worth another attempt, and how long to wait before it. 429 waits for the
 * server's Retry-After (the caller pauses the whole org with it); 5xx and transport errors back off
 * exponentially with full jitter so that many callers hitting one outage do not retry in lockstep.
 * Everything else (4xx, org-binding errors, bad bodies) fails at once.
 */
import { GenesysError } from "../core/kernel/genesys-error.js";

export interface RetryPolicy {
  /** Attempts in total, first included. Default 4. */
  maxAttempts: number;
  /** Default 200 ms. */
  baseDelayMs: number;
  /** Default 5 s. */
  maxDelayMs: number;
  /** A 429 asking to wait longer than this fails at once. Default 60 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 60_000,
};

export type RetryDecision =
  | { retry: false }
  /** `pauseOrg`: the delay comes from Retry-After and applies to every request of the org. */
  | { retry: true; delayMs: number; pauseOrg: boolean };

/**
 * Decides what to do after attempt number `attempt` (1-based) failed with `error`.
 * `random` returns [0, 1) and is injected so tests are deterministic.
 */
export function retryDecision(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (!(error instanceof GenesysError) || attempt >= policy.maxAttempts) return { retry: false };
  if (error.status === 429) {
    if (error.retryAfterSeconds === undefined) {
      return { retry: true, delayMs: backoffDelay(attempt, policy, random), pauseOrg: true };
    }
    const delayMs = Math.ceil(error.retryAfterSeconds * 1000);
    return delayMs > policy.maxRetryAfterMs ? { retry: false } : { retry: true, delayMs, pauseOrg: true };
  }
  // The token endpoint answers 5xx too; a bad body (`invalid.response`, 502 we made up) will not improve.
  const transient = error.status === 0 || (error.status >= 500 && error.code !== "invalid.response");
  return transient
    ? { retry: true, delayMs: backoffDelay(attempt, policy, random), pauseOrg: false }
    : { retry: false };
}

/** Full jitter: uniform in [0, min(cap, base · 2^(attempt-1))). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
