/**
 * A LeaseKeeper as a serve replica would run it, recording what it was told (`+key` acquired,
 * `-key:reason` lost) so tests can check who believes it holds what. Rounds run only when the test
 * calls tick(): no timers, no waiting.
 */

import type { Clock } from "../../src/core/kernel/clock.js";
import { LeaseKeeper, type LeaseKeeperOptions } from "../../src/core/leases/lease-keeper.js";
import type { LeaseStore } from "../../src/core/ports/lease-store.js";

export interface LeaseReplica {
  keeper: LeaseKeeper;
  /** `+key` on onAcquired, `-key:reason` on onLost, in call order. */
  events: string[];
  errors: string[];
  /** The keys this replica believes it holds (acquired and not lost since). */
  believed(): string[];
}

export function leaseReplica(
  store: LeaseStore,
  holder: string,
  clock: Clock,
  keys: string[],
  options: Partial<LeaseKeeperOptions> = {},
): LeaseReplica {
  const events: string[] = [];
  const errors: string[] = [];
  const believed = new Set<string>();
  const keeper = new LeaseKeeper({
    store,
    holder,
    keys,
    clock,
    timer: () => () => {},
    onAcquired: (key) => {
      events.push(`+${key}`);
      believed.add(key);
    },
    onLost: (key, reason) => {
      events.push(`-${key}:${reason}`);
      believed.delete(key);
    },
    onError: (error, context) => errors.push(`${context}: ${error instanceof Error ? error.message : error}`),
    ...options,
  });
  return { keeper, events, errors, believed: () => [...believed].sort() };
}

/** Lets queued callbacks (onAcquired / onLost run after the round) finish. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
