/** A clock that stands still until a test moves it: expiry and "now" rules without waiting. */
import type { Clock } from "../../src/core/kernel/clock.js";

export interface FixedClock extends Clock {
  set(at: Date): void;
  advance(ms: number): void;
}

export function fixedClock(start: Date): FixedClock {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    // Sleeping moves time on at once, so code that polls finishes without real waiting.
    sleep: async (ms) => {
      now = new Date(now.getTime() + ms);
    },
    set: (at) => {
      now = new Date(at);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}
