/**
 * Time, as everything in the core reads it: injected so tests and simulations control it.
 * The interface and the real clock live together here (not in ports/) because the kernel may
 * import nothing else in core, and the real clock is the default of several constructors.
 */

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
