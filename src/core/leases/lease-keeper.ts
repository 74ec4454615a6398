/**
 * Keeps this replica's share of a changing set of leases (serve: `listener:<orgSlug>` for every org
 * with watches): every round it renews what it holds and tries to take what is free, and tells the
 * owner through onAcquired / onLost so exactly one replica runs each org's listener.
 *
 * Safety first: a lease is given up locally (onLost) as soon as a renewal is refused, the store
 * fails, or the keeper's own deadline (request start + ttl) has passed without a renewal, so the
 * keeper never believes it holds a lease another replica may already have. A holder that dies
 * stops renewing; its leases expire after the ttl and another keeper takes them on its next round:
 * with the defaults (ttl 20 s, a round every 5 s) within 25 s of the last renewal.
 */
import { randomBytes } from "node:crypto";
import { type Clock, systemClock } from "../kernel/clock.js";
import type { LeaseGrant, LeaseStore } from "../ports/lease-store.js";

export const DEFAULT_LEASE_TTL_MS = 20_000;

/** The lease key for one org's notification listener. */
export const listenerLeaseKey = (orgSlug: string): string => `listener:${orgSlug}`;

/**
 * A name for this process in the leases table. The random tag matters: containers all run as pid 1,
 * and a restarted replica must not quietly renew what its dead predecessor held (it starts afresh).
 */
export const newHolderId = (host: string, pid: number): string =>
  `${host}/${pid}/${randomBytes(4).toString("hex")}`;

/** Runs `run` every `ms` until the returned function is called. */
export type RepeatTimer = (run: () => void, ms: number) => () => void;

/** setInterval, unref'd so a keeper alone does not keep the process alive. */
const intervalTimer: RepeatTimer = (run, ms) => {
  const timer = setInterval(run, ms);
  timer.unref?.();
  return () => clearInterval(timer);
};

export type LeaseLossReason = "refused" | "expired" | "store-error" | "unwanted" | "stopped";

export interface LeaseKeeperOptions {
  store: LeaseStore;
  /** This replica's name in the leases table: unique per process (e.g. host, pid and a random tag). */
  holder: string;
  keys?: Iterable<string>;
  /** How long a grant lasts without renewal; default 20 s. */
  ttlMs?: number;
  /**
   * How often a round runs; default ttl / 4 (5 s): a dead holder's keys move within ttl + one round
   * (25 s), and a slow round has 15 s before the local deadline gives its keys up.
   */
  renewEveryMs?: number;
  clock?: Clock;
  timer?: RepeatTimer;
  /** This replica now holds `key`: start its work. Calls for one key run in order, never overlapping. */
  onAcquired?(key: string, grant: LeaseGrant): void | Promise<void>;
  /** This replica no longer holds `key` (or no longer knows it does): stop its work. */
  onLost?(key: string, reason: LeaseLossReason): void | Promise<void>;
  /** A store failure or a callback that threw; the keeper carries on. */
  onError?(error: unknown, context: string): void;
}

/** For /metrics: held now, and how many times leases were acquired and lost since start. */
export interface LeaseCounts {
  held: number;
  acquired: number;
  lost: number;
}

interface Held {
  grant: LeaseGrant;
  /** Local deadline: when the last successful request started, plus the ttl. */
  validUntil: number;
}

export class LeaseKeeper {
  readonly holder: string;
  readonly ttlMs: number;
  readonly renewEveryMs: number;
  readonly #options: LeaseKeeperOptions;
  readonly #clock: Clock;
  #wanted: Set<string>;
  readonly #held = new Map<string, Held>();
  /** Per key, the tail of its callback chain (so onLost never overtakes onAcquired). */
  readonly #callbacks = new Map<string, Promise<void>>();
  #acquired = 0;
  #lost = 0;
  #running: Promise<void> | undefined;
  #again = false;
  #cancelTimer: (() => void) | undefined;
  #stopped = false;

  constructor(options: LeaseKeeperOptions) {
    this.#options = options;
    this.holder = options.holder;
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.ttlMs / 4);
    if (this.renewEveryMs <= 0 || this.renewEveryMs >= this.ttlMs)
      throw new Error(
        `renew interval ${this.renewEveryMs} ms must be positive and below the ttl ${this.ttlMs} ms`,
      );
    this.#clock = options.clock ?? systemClock;
    this.#wanted = new Set(options.keys ?? []);
  }

  /** Runs a round now and then every renewEveryMs until stop(). */
  start(): void {
    if (this.#stopped || this.#cancelTimer) return;
    this.#cancelTimer = (this.#options.timer ?? intervalTimer)(() => void this.tick(), this.renewEveryMs);
    void this.tick();
  }

  /** Replaces the keys to hold; a round runs at once if the keeper is started. */
  setKeys(keys: Iterable<string>): void {
    this.#wanted = new Set(keys);
    if (this.#cancelTimer) void this.tick();
  }

  /** True while this replica holds `key` and its local deadline has not passed. */
  holds(key: string): boolean {
    const held = this.#held.get(key);
    return held !== undefined && this.#clock.now().getTime() < held.validUntil;
  }

  /** The grants held now (key, epoch, expiry). */
  grants(): LeaseGrant[] {
    return [...this.#held.values()].map((held) => held.grant);
  }

  counts(): LeaseCounts {
    return { held: this.#held.size, acquired: this.#acquired, lost: this.#lost };
  }

  /**
   * One round: give up what expired locally or is no longer wanted, renew what is held, try the
   * rest. A call while a round runs asks for one more round after it, and resolves after that.
   */
  tick(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#round();
        } while (this.#again && !this.#stopped);
      } finally {
        this.#running = undefined;
      }
    })();
    this.#running = running;
    return running;
  }

  /** Stops the rounds, calls onLost for every held key and then releases it; waits for callbacks. */
  async stop(): Promise<void> {
    if (this.#stopped) return this.#settled();
    this.#stopped = true;
    this.#cancelTimer?.();
    await this.#running;
    await Promise.all([...this.#held.keys()].map((key) => this.#giveUp(key, "stopped")));
    await this.#settled();
  }

  async #round(): Promise<void> {
    const now = this.#clock.now().getTime();
    for (const [key, held] of this.#held) {
      if (now >= held.validUntil) void this.#lose(key, "expired");
    }
    for (const key of this.#held.keys()) {
      if (!this.#wanted.has(key)) await this.#giveUp(key, "unwanted");
    }
    const holding = [...this.#held.keys()];
    const free = [...this.#wanted].filter((key) => !this.#held.has(key));
    await Promise.all([this.#renew(holding), ...free.map((key) => this.#acquire(key))]);
  }

  /** Renews every held key in one request; a key not renewed is lost. */
  async #renew(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const started = this.#clock.now().getTime();
    let grants: LeaseGrant[];
    try {
      grants = await this.#options.store.renewAll(keys, this.holder, this.ttlMs);
    } catch (error) {
      this.#report(error, `renewing leases ${keys.join(", ")}`);
      for (const key of keys) void this.#lose(key, "store-error");
      return;
    }
    const renewed = new Map(grants.map((grant) => [grant.key, grant]));
    for (const key of keys) {
      const grant = renewed.get(key);
      // Still held (stop() and the next round deal with keys stopped or dropped meanwhile).
      if (grant && this.#held.has(key)) this.#held.set(key, { grant, validUntil: started + this.ttlMs });
      else if (!grant) void this.#lose(key, "refused");
    }
  }

  async #acquire(key: string): Promise<void> {
    const started = this.#clock.now().getTime();
    let grant: LeaseGrant | null;
    try {
      grant = await this.#options.store.tryAcquire(key, this.holder, this.ttlMs);
    } catch (error) {
      this.#report(error, `acquiring lease ${key}`);
      return;
    }
    if (!grant) return;
    // The keeper may have stopped, or the key been dropped, while the request was out.
    if (this.#stopped || !this.#wanted.has(key)) {
      await this.#release(key);
      return;
    }
    this.#held.set(key, { grant, validUntil: started + this.ttlMs });
    this.#acquired++;
    void this.#callback(key, "onAcquired", () => this.#options.onAcquired?.(key, grant));
  }

  /** Stops the key's work, then frees the lease, so the next holder never overlaps with it. */
  async #giveUp(key: string, reason: LeaseLossReason): Promise<void> {
    await this.#lose(key, reason);
    await this.#release(key);
  }

  #lose(key: string, reason: LeaseLossReason): Promise<void> {
    if (!this.#held.delete(key)) return Promise.resolve();
    this.#lost++;
    return this.#callback(key, "onLost", () => this.#options.onLost?.(key, reason));
  }

  async #release(key: string): Promise<void> {
    try {
      await this.#options.store.release(key, this.holder);
    } catch (error) {
      // Not released: it expires after the ttl instead.
      this.#report(error, `releasing lease ${key}`);
    }
  }

  /** Chains a callback after the key's earlier ones; a throw is reported, never propagated. */
  #callback(key: string, name: string, run: () => void | Promise<void>): Promise<void> {
    const previous = this.#callbacks.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await run();
      } catch (error) {
        this.#report(error, `${name}(${key})`);
      }
    });
    this.#callbacks.set(key, next);
    void next.then(() => {
      if (this.#callbacks.get(key) === next) this.#callbacks.delete(key);
    });
    return next;
  }

  async #settled(): Promise<void> {
    while (this.#callbacks.size > 0) await Promise.all(this.#callbacks.values());
  }

  #report(error: unknown, context: string): void {
    try {
      this.#options.onError?.(error, context);
    } catch {
      // A failing error hook must not stop the keeper.
    }
  }
}
