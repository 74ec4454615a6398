/**
 * The one function that talks HTTP to Genesys Cloud. Every failure is translated here, at the
 * boundary: non-2xx → GenesysError from the body, no answer → `network.error`, a 2xx body that does
 * not match its zod schema → `invalid.response`. Nothing above this file sees a raw Response.
 */
import type { z } from "zod";
import { type ErrorContext, errorFromResponse, invalidResponse, networkError } from "./http-error.js";
import { fetchTransport, type HttpAnswer } from "./http-transport.js";
import { nodeHttpTransport } from "./node-http-transport.js";
import { readRateLimitHeaders, type ServerRateLimit } from "./rate-headers.js";

export interface ResponseInfo {
  method: string;
  path: string;
  /** 0 when no HTTP answer arrived. */
  status: number;
  ms: number;
}

export interface HttpOptions {
  /** Absent: node:http with keep-alive (nodeHttpTransport). Tests pass one to record or break requests. */
  fetch?: typeof fetch;
  timeoutMs: number;
  orgSlug?: string;
  onResponse?: (info: ResponseInfo) => void;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT";
  /** `https://api.mypurecloud.com` or the simulator's equivalent. */
  baseUrl: string;
  /** `/api/v2/...` including any query string; also what errors report as `path`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: URLSearchParams;
  /** Values scrubbed from anything this request may throw (tokens, client secret). */
  secrets?: readonly string[];
  /** Told the server's rate budget whenever an answer carries the `inin-ratelimit-*` headers. */
  onRateLimit?: (limit: ServerRateLimit) => void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Performs one request (no retries) and returns the body parsed by `schema`. */
export async function sendRequest<T>(
  options: HttpOptions,
  req: HttpRequest,
  schema: z.ZodType<T>,
): Promise<T> {
  const ctx: ErrorContext = {
    method: req.method,
    path: req.path,
    orgSlug: options.orgSlug,
    secrets: req.secrets ?? [],
  };
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = req.form.toString();
  }

  const started = performance.now();
  const report = (status: number) =>
    options.onResponse?.({ method: req.method, path: req.path, status, ms: performance.now() - started });

  let response: HttpAnswer;
  try {
    // The body is read under the same timeout: a stalled body is as bad as no answer.
    const transport = options.fetch ? fetchTransport(options.fetch) : nodeHttpTransport;
    response = await transport(`${req.baseUrl}${req.path}`, {
      method: req.method,
      headers,
      body,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    report(0);
    throw networkError(error, ctx, options.timeoutMs);
  }
  report(response.status);
  const limit = req.onRateLimit ? readRateLimitHeaders(response.headers) : undefined;
  if (limit) req.onRateLimit?.(limit);

  if (response.status < 200 || response.status > 299) throw errorFromResponse(response, response.text, ctx);
  return parseBody(response.text, schema, ctx);
}

function parseBody<T>(text: string, schema: z.ZodType<T>, ctx: ErrorContext): T {
  let value: unknown;
  let isJson = true;
  if (text.trim() === "") value = undefined;
  else {
    try {
      value = JSON.parse(text);
    } catch {
      isJson = false;
      value = text;
    }
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  if (!isJson) throw invalidResponse("the body is not JSON", ctx);
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
  throw invalidResponse(issues, ctx);
}
