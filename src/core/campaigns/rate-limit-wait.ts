/**
 * Waiting out a long Genesys rate limit. The org client retries a 429 by itself only when its
 * Retry-After is short (a minute at most): holding a chat command longer would look like a hang.
 * Background and bulk work has no one waiting on a prompt, so it waits for longer Retry-Afters,
 * up to a stated budget counted from when the work started (a deadline, so parallel workers that
 * meet the same 429 do not spend the budget once each). Interactive commands instead answer at
 * once with when to retry (error-reply.ts).
 */

import type { Clock } from "../kernel/clock.js";
import { isGenesysError } from "../kernel/genesys-error.js";

/** Enough for any one Retry-After; a limit that keeps coming back is not worth chasing further. */
const MAX_WAITS = 10;

export class RateLimitBudget {
  readonly #deadline: number;

  constructor(
    private readonly clock: Clock,
    budgetMs: number,
  ) {
    this.#deadline = clock.now().getTime() + Math.max(0, budgetMs);
  }

  /**
   * Runs `task`; when it fails with a 429 whose Retry-After ends within the budget, tells `onWait`
   * until when, sleeps until then and runs it again. Any other failure, or a wait past the budget,
   * is thrown as it came.
   */
  async run<T>(task: () => Promise<T>, onWait?: (until: Date) => void | Promise<void>): Promise<T> {
    for (let waits = 0; ; waits++) {
      try {
        return await task();
      } catch (e) {
        const waitMs = this.waitFor(e);
        if (waitMs === undefined || waits >= MAX_WAITS) throw e;
        await onWait?.(new Date(this.clock.now().getTime() + waitMs));
        await this.clock.sleep(waitMs);
      }
    }
  }

  /** How long to wait before trying again, or undefined when the error is not a wait we can afford. */
  private waitFor(e: unknown): number | undefined {
    if (!isGenesysError(e) || e.status !== 429 || e.retryAfterSeconds === undefined) return undefined;
    const waitMs = Math.ceil(e.retryAfterSeconds * 1000);
    return this.clock.now().getTime() + waitMs <= this.#deadline ? waitMs : undefined;
  }
}
