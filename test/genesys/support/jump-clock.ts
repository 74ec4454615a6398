/**
 * A Clock for end-to-end tests: time passes only when someone sleeps, and then at once. Retry and
 * rate-limit waits cost no real time, yet every wait is recorded and `now()` stays consistent
 * with them (so a limiter paused until T really sees T after its sleep).
 */
import type { Clock } from "../../../src/core/kernel/clock.js";

export class JumpClock implements Clock {
  /** Every delay passed to sleep, in call order. */
  readonly sleeps: number[] = [];
  private t: number;

  constructor(
    start = Date.now(),
    /** Runs after the jump, before the sleeper resumes (e.g. to move the simulator's clock too). */
    private readonly onJump?: (ms: number) => void,
  ) {
    this.t = start;
  }

  now(): Date {
    return new Date(this.t);
  }

  get ms(): number {
    return this.t;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    this.onJump?.(ms);
  }
}
