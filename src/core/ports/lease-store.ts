/**
 * The lease port: a named, expiring claim that at most one holder has at a time, shared by every
 * replica through the database. Serve uses `listener:<orgSlug>` so exactly one replica keeps each
 * org's notification channel. Implemented by src/store/prisma-lease-store.ts.
 *
 * Expiry is judged by the store's clock, so replicas' clocks should agree to well within the ttl
 * (NTP does); the epoch lets a consumer tell an old grant from a newer one (fencing).
 */

/** A lease as granted to its holder. */
export interface LeaseGrant {
  key: string;
  holder: string;
  /** Until when the holder may act on it without renewing. */
  expiresAt: Date;
  /** Incremented on every takeover (never on a renewal): a fencing token. */
  epoch: number;
}

export interface LeaseStore {
  /**
   * Takes `key` for `holder` for `ttlMs` if it is free or expired (a takeover: epoch + 1), or extends
   * it if `holder` already holds it (same epoch). Null when someone else holds it; of two replicas
   * racing for a free key exactly one gets it.
   */
  tryAcquire(key: string, holder: string, ttlMs: number): Promise<LeaseGrant | null>;
  /** Extends `holder`'s unexpired lease by `ttlMs` from now; null when it is not (or no longer) theirs. */
  renew(key: string, holder: string, ttlMs: number): Promise<LeaseGrant | null>;
  /** renew() for many keys in one statement; the grants returned are the keys still `holder`'s. */
  renewAll(keys: readonly string[], holder: string, ttlMs: number): Promise<LeaseGrant[]>;
  /** Gives the lease up at once if `holder` has it (otherwise nothing happens). */
  release(key: string, holder: string): Promise<void>;
  /** The current, unexpired holder of `key`, or null. */
  holderOf(key: string): Promise<LeaseGrant | null>;
}
