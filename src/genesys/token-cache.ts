/**
 * One access token for one org client. Single-flight: however many callers arrive on a cold or
 * expiring cache, one token request is made and they all share its result (or its failure).
 */

import type { Clock } from "../core/kernel/clock.js";
import type { TokenVault } from "../core/ports/token-vault.js";

export interface FetchedToken {
  accessToken: string;
  expiresInSeconds: number;
}

interface CachedToken {
  value: string;
  /** Epoch ms after which we fetch a new token rather than risk a 401 mid-command. */
  refreshAt: number;
}

/** Refresh this long before expiry: 10% of the lifetime, at most five minutes. */
export function refreshSkewMs(lifetimeMs: number): number {
  return Math.min(300_000, lifetimeMs * 0.1);
}

export class TokenCache {
  private cached: CachedToken | undefined;
  private inflight: Promise<string> | undefined;
  /** Bumped by clear(), so a fetch that was in flight then does not repopulate the cache. */
  private generation = 0;
  private fetchCount = 0;
  /** The vault is read once, on the first need: after that this instance's own cache is newer. */
  private vaultRead = false;

  /** @param vault keeps the token between processes (a one-shot CLI run); absent = this process only. */
  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly clock: Clock,
    private readonly vault?: TokenVault,
  ) {}

  /** Token requests started so far. */
  get fetches(): number {
    return this.fetchCount;
  }

  /** A token that is not about to expire, fetching one if needed. */
  get(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached && now < this.cached.refreshAt) return Promise.resolve(this.cached.value);
    this.inflight ??= this.vault && !this.vaultRead ? this.fromVault(this.vault, now) : this.fetchFresh(now);
    return this.inflight;
  }

  private async fromVault(vault: TokenVault, now: number): Promise<string> {
    this.vaultRead = true;
    const generation = this.generation;
    const kept = await vault.load();
    if (kept && now < kept.refreshAt.getTime() && generation === this.generation) {
      this.cached = { value: kept.value, refreshAt: kept.refreshAt.getTime() };
      this.inflight = undefined;
      return kept.value;
    }
    return this.fetchFresh(now);
  }

  /**
   * Forgets `rejected` after a 401, unless a newer token already replaced it: many requests that
   * failed with the same stale token then cause one refresh, not one each.
   */
  invalidate(rejected: string): void {
    if (this.cached?.value === rejected) this.cached = undefined;
    void this.vault?.drop(rejected);
  }

  /** Forgets everything (the org was relinked or evicted). */
  clear(): void {
    this.cached = undefined;
    this.inflight = undefined;
    this.generation++;
  }

  private async fetchFresh(requestedAt: number): Promise<string> {
    const generation = this.generation;
    this.fetchCount++;
    try {
      const token = await this.fetchToken();
      const lifetimeMs = token.expiresInSeconds * 1000;
      // Measured from when we asked, not when the answer came: the server's clock started earlier.
      const refreshAt = requestedAt + lifetimeMs - refreshSkewMs(lifetimeMs);
      if (generation === this.generation) {
        this.cached = { value: token.accessToken, refreshAt };
        // Awaited so a one-shot command has kept it before it exits; a failed save costs one login later.
        await this.vault?.save({ value: token.accessToken, refreshAt: new Date(refreshAt) }).catch(() => {});
      }
      return token.accessToken;
    } finally {
      if (generation === this.generation) this.inflight = undefined;
    }
  }
}
