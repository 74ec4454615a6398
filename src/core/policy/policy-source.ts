import type { Policy } from "./policy.js";

/**
 * Where the current policy comes from. Callers ask for `current()` on every decision rather than
 * keeping a copy, so an edited policy file applies to the next request without a restart.
 */
export interface PolicySource {
  current(): Policy;
  /** Human description of where it came from (`switchboard.policy.yml`, `built-in defaults`…). */
  describe(): string;
}

/** A policy that never changes: tests, fixtures, and deployments without a policy file. */
export function staticPolicy(policy: Policy, description: string): PolicySource {
  return { current: () => policy, describe: () => description };
}
