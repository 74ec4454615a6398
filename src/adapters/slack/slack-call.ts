/**
 * The Slack boundary's one failure translation: every Web API or response_url failure becomes a
 * short, secret-free description (method + Slack's error code, or HTTP status, or "rate limited,
 * retry after N s"), logged once. Callers get `undefined` and choose a fallback; a failed Slack call
 * never crashes a listener or surfaces a stack trace to users.
 */
import type { Logger } from "../../core/kernel/logger.js";
import { webApi } from "./bolt.js";

export interface SlackFailure {
  /** Slack's error (`not_in_channel`, `expired_trigger_id`…), `http_<status>`, `rate_limited` or `request_failed`. */
  error: string;
  retryAfterSeconds?: number;
}

export function describeSlackFailure(e: unknown): SlackFailure {
  if (e instanceof webApi.WebAPIPlatformError) return { error: String(e.data.error) };
  if (e instanceof webApi.WebAPIRateLimitedError)
    return { error: "rate_limited", retryAfterSeconds: e.retryAfter };
  if (e instanceof webApi.WebAPIHTTPError) return { error: `http_${e.statusCode}` };
  // Request errors wrap network failures; their text is the URL and errno, never a token.
  const message = e instanceof Error ? e.message : String(e);
  const retry = /retry-after: (\d+)/.exec(message);
  if (retry) return { error: "rate_limited", retryAfterSeconds: Number(retry[1]) };
  return { error: `request_failed: ${redactTokens(message).slice(0, 200)}` };
}

/** Runs one Slack call; on failure logs it (never its arguments) and returns undefined. */
export async function slackCall<T>(
  logger: Logger,
  method: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    logger.warn({ slackMethod: method, ...describeSlackFailure(e) }, "slack call failed");
    return undefined;
  }
}

/** Second line of defence for log text: Slack tokens never appear, whatever a library put in a message. */
export function redactTokens(text: string): string {
  return text.replace(/\b(xox[abposer]|xapp)-[A-Za-z0-9-]+/g, "$1-[redacted]");
}
