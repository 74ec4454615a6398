/**
 * A Clock whose time only moves when the test says so. `sleep` records what was asked for, so a
 * test can assert "waited at least Retry-After" without waiting.
 */
import type { Clock } from "../../../src/core/kernel/clock.js";

interface Timer {
  at: number;
  resolve: () => void;
}

export class FakeClock implements Clock {
  /** Every delay passed to sleep, in call order. */
  readonly sleeps: number[] = [];
  private t: number;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.t = start;
  }

  now(): Date {
    return new Date(this.t);
  }

  get ms(): number {
    return this.t;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => this.timers.push({ at: this.t + ms, resolve }));
  }

  /** Moves time forward, firing due timers in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.t = Math.max(this.t, due.at);
      due.resolve();
    }
    this.t = target;
    await settle();
  }
}

/** Lets every pending promise continuation run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
