/**
 * Genesys' per-token request limit: a fixed one-minute window that starts with the token's first
 * request in it. Kept in memory only; a window is too short-lived to be worth persisting.
 */
const WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  count: number;
  /** Whole seconds until the window resets, at least 1. */
  resetSeconds: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  hit(key: string, now: number, limit: number): RateDecision {
    let w = this.#windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
    }
    w.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
    return { allowed: w.count <= limit, limit, count: w.count, resetSeconds };
  }

  headers(d: RateDecision): Record<string, string> {
    return {
      "inin-ratelimit-allowed": String(d.limit),
      "inin-ratelimit-count": String(d.count),
      "inin-ratelimit-reset": String(d.resetSeconds),
    };
  }
}
