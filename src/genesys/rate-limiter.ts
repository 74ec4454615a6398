/**
 * Per-org request limiter: at most `requestsPerMinute` starts in any sliding window and at most
 * `maxConcurrent` in flight; waiting callers proceed in FIFO order. It also holds the org's 429
 * pause, because a Retry-After from Genesys applies to the token, so to every request of the org.
 * When Genesys states its own budget (`inin-ratelimit-*`, see rate-headers.ts) the limiter also
 * stops at zero remaining until the server's window resets, so it slows down before a 429 even
 * when the server's limit is lower than ours or other processes share the token.
 * Cheap by construction: no polling, at most one pending timer (a Clock sleep).
 */
import type { Clock } from "../core/kernel/clock.js";
import type { RateBudget } from "../core/ports/genesys-gateway.js";
import type { ServerRateLimit } from "./rate-headers.js";

export interface RateLimiterOptions {
  /** Default 280: stays under Genesys' 300 requests per minute per token. */
  requestsPerMinute?: number;
  /**
   * Default 64. Genesys limits requests per minute, not requests in flight; this cap only keeps one
   * org from opening unbounded sockets. Set low, it throttled below the minute budget whenever Genesys
   * was slow: 8 in flight at 2 s a request is 240 a minute, and 50 chat commands (150 requests) on one
   * org queued for ~40 s although all of them fit in the minute's 280.
   */
  maxConcurrent?: number;
  /** Default 60 000 (one minute). */
  windowMs?: number;
  clock: Clock;
}

export class RateLimiter {
  readonly requestsPerMinute: number;
  readonly maxConcurrent: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly waiting: Array<() => void> = [];
  /** Start times inside the current window, oldest first. */
  private starts: number[] = [];
  private active = 0;
  private pausedUntil = 0;
  /** Requests the server still allows before `serverResetAt`; undefined = no headers seen yet. */
  private serverRemaining: number | undefined;
  private serverAllowed = 0;
  private serverResetAt = 0;
  /** When the pending timer fires, if one is pending. */
  private timerAt: number | undefined;

  constructor(options: RateLimiterOptions) {
    this.requestsPerMinute = positive(options.requestsPerMinute ?? 280, "requestsPerMinute");
    this.maxConcurrent = positive(options.maxConcurrent ?? 64, "maxConcurrent");
    this.windowMs = positive(options.windowMs ?? 60_000, "windowMs");
    this.clock = options.clock;
  }

  /** Runs `task` once a slot is free in both the window and the concurrency budget. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
    try {
      return await task();
    } finally {
      this.active--;
      this.pump();
    }
  }

  /** Holds every queued and future request until `untilMs` (epoch ms); never shortens a pause. */
  pauseUntil(untilMs: number): void {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    this.pump();
  }

  /**
   * Takes the server's word for what is left of its window. Called from inside a running task, so
   * the other requests still in flight are counted as spent: the server may not have seen them yet.
   */
  observe(limit: ServerRateLimit): void {
    const others = Math.max(0, this.active - 1);
    this.serverRemaining = limit.allowed - limit.count - others;
    this.serverAllowed = limit.allowed;
    this.serverResetAt = this.clock.now().getTime() + limit.resetSeconds * 1000;
  }

  /** Our pace and what the server said is left (minus what we sent since): `org test` shows it. */
  get budget(): RateBudget {
    const clientPerMinute = Math.round((this.requestsPerMinute * 60_000) / this.windowMs);
    if (this.serverRemaining === undefined) return { clientPerMinute };
    return {
      clientPerMinute,
      server: {
        allowed: this.serverAllowed,
        remaining: Math.max(0, this.serverRemaining),
        resetAt: new Date(this.serverResetAt),
      },
    };
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.active < this.maxConcurrent) {
      const now = this.clock.now().getTime();
      if (now < this.pausedUntil) {
        this.wakeAt(this.pausedUntil);
        return;
      }
      if (this.serverRemaining !== undefined && now >= this.serverResetAt) this.serverRemaining = undefined;
      if (this.serverRemaining !== undefined && this.serverRemaining <= 0) {
        this.wakeAt(this.serverResetAt);
        return;
      }
      this.dropExpired(now);
      const oldest = this.starts[0];
      if (oldest !== undefined && this.starts.length >= this.requestsPerMinute) {
        this.wakeAt(oldest + this.windowMs);
        return;
      }
      const next = this.waiting.shift();
      if (!next) return;
      this.active++;
      this.starts.push(now);
      if (this.serverRemaining !== undefined) this.serverRemaining--;
      next();
    }
  }

  private dropExpired(now: number): void {
    let drop = 0;
    while (drop < this.starts.length && (this.starts[drop] ?? 0) <= now - this.windowMs) drop++;
    if (drop > 0) this.starts = this.starts.slice(drop);
  }

  private wakeAt(at: number): void {
    // A pending timer that fires no later than `at` will pump again and re-arm itself if needed.
    if (this.timerAt !== undefined && this.timerAt <= at) return;
    this.timerAt = at;
    const delay = Math.max(0, at - this.clock.now().getTime());
    void this.clock.sleep(delay).then(() => {
      if (this.timerAt === at) this.timerAt = undefined;
      this.pump();
    });
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`${name} must be at least 1, got ${value}`);
  return value;
}
