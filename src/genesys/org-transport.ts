/**
 * The request pipeline of one org client: retry loop → org-wide 429 pause and rate limit → bearer
 * token (refreshed once on a 401) → http.ts. Org methods only say which path and schema they want.
 */

import type { z } from "zod";
import type { Clock } from "../core/kernel/clock.js";
import { AppError } from "../core/kernel/errors.js";
import { GenesysError } from "../core/kernel/genesys-error.js";
import type { TokenVault } from "../core/ports/token-vault.js";
import { type HttpOptions, sendRequest } from "./http.js";
import { fetchBoundToken, type OrgBindingOptions } from "./org-binding.js";
import type { RateLimiter } from "./rate-limiter.js";
import { type RetryPolicy, retryDecision } from "./retry.js";
import { TokenCache } from "./token-cache.js";

export interface ApiRequest {
  method: "GET" | "POST" | "PUT";
  /** `/api/v2/...` with any query string. */
  path: string;
  json?: unknown;
}

/** Read-only counters for tests, benchmarks and `org test`. */
export interface TransportCounters {
  readonly tokenFetches: number;
  /** API requests sent (token requests and the tokens/me check excluded). */
  readonly apiRequests: number;
  readonly retries: number;
  readonly rateLimited: number;
  readonly unauthorized: number;
}

export interface OrgTransportOptions {
  binding: OrgBindingOptions;
  http: HttpOptions;
  clock: Clock;
  random: () => number;
  limiter: RateLimiter;
  retry: RetryPolicy;
  /** Keeps the token between processes (sealed); absent = in memory only. */
  tokenVault?: TokenVault;
}

export class OrgTransport {
  private readonly tokens: TokenCache;
  private readonly stats = { apiRequests: 0, retries: 0, rateLimited: 0, unauthorized: 0 };
  /** Set once the credentials proved to belong to another org: no point asking again. */
  private mismatch: AppError | undefined;

  constructor(private readonly options: OrgTransportOptions) {
    this.tokens = new TokenCache(() => this.fetchToken(), options.clock, options.tokenVault);
  }

  get counters(): TransportCounters {
    return { tokenFetches: this.tokens.fetches, ...this.stats };
  }

  async request<T>(req: ApiRequest, schema: z.ZodType<T>): Promise<T> {
    const { clock, random, retry, limiter } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(req, schema);
      } catch (error) {
        if (error instanceof GenesysError && error.status === 429) this.stats.rateLimited++;
        const decision = retryDecision(error, attempt, retry, random);
        if (!decision.retry) throw error;
        this.stats.retries++;
        // A 429 is about the token, so the pause holds every request of this org, not just ours.
        if (decision.pauseOrg) limiter.pauseUntil(clock.now().getTime() + decision.delayMs);
        else await clock.sleep(decision.delayMs);
      }
    }
  }

  private async attempt<T>(req: ApiRequest, schema: z.ZodType<T>): Promise<T> {
    if (this.mismatch) throw this.mismatch;
    const token = await this.tokens.get();
    try {
      return await this.send(req, schema, token);
    } catch (error) {
      if (!(error instanceof GenesysError) || error.status !== 401) throw error;
      // Expired or revoked early: refresh once. Only the first of many parallel 401s clears the cache.
      this.stats.unauthorized++;
      this.tokens.invalidate(token);
      return await this.send(req, schema, await this.tokens.get());
    }
  }

  private send<T>(req: ApiRequest, schema: z.ZodType<T>, token: string): Promise<T> {
    return this.options.limiter.run(() => {
      this.stats.apiRequests++;
      return sendRequest(
        this.options.http,
        {
          method: req.method,
          baseUrl: this.options.binding.hosts.apiUrl,
          path: req.path,
          headers: { authorization: `Bearer ${token}` },
          json: req.json,
          secrets: [token],
          onRateLimit: (limit) => this.options.limiter.observe(limit),
        },
        schema,
      );
    });
  }

  private async fetchToken() {
    try {
      return await fetchBoundToken(this.options.binding);
    } catch (error) {
      if (error instanceof AppError && error.code === "org_mismatch") this.mismatch = error;
      throw error;
    }
  }
}
