/**
 * Genesys reports its per-token budget on every API answer (2xx and errors alike):
 * `inin-ratelimit-allowed` (requests allowed in the window), `inin-ratelimit-count` (used so far,
 * this one included) and `inin-ratelimit-reset` (seconds until the window starts over). Reading
 * them lets a client stop before the 429 instead of learning the limit from it, and counts what
 * other processes sharing the token have sent, which no local counter can see.
 */

import type { HeaderReader } from "./http-transport.js";

export interface ServerRateLimit {
  allowed: number;
  count: number;
  resetSeconds: number;
}

/** The three headers, or undefined when any is missing or not a number (then pace by our own rate). */
export function readRateLimitHeaders(headers: HeaderReader): ServerRateLimit | undefined {
  const allowed = wholeNumber(headers.get("inin-ratelimit-allowed"));
  const count = wholeNumber(headers.get("inin-ratelimit-count"));
  const resetSeconds = wholeNumber(headers.get("inin-ratelimit-reset"));
  if (allowed === undefined || count === undefined || resetSeconds === undefined) return undefined;
  if (allowed < 1) return undefined;
  return { allowed, count, resetSeconds };
}

function wholeNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
