/**
 * Turns a non-2xx Genesys answer (API error body or OAuth token error) into a typed GenesysError.
 * Kept apart from the request function so the parsing rules can be read (and tested) on their own.
 */
import { GenesysError } from "../core/kernel/genesys-error.js";

export interface ErrorContext {
  method: string;
  path: string;
  orgSlug?: string;
  /** Values that must never leave this boundary (client secret, Basic header, bearer token). */
  secrets: readonly string[];
}

// `domain:entity:action`, wildcards allowed (`outbound:campaign:*`).
const PERMISSION = /^[A-Za-z0-9_*-]+:[A-Za-z0-9_*-]+:[A-Za-z0-9_*-]+$/;

/** Builds the GenesysError for a non-2xx response; `bodyText` may be empty or not JSON at all. */
export function errorFromResponse(response: Response, bodyText: string, ctx: ErrorContext): GenesysError {
  const body = parseJsonObject(bodyText);
  const scrub = (s: string) => redact(s, ctx.secrets);
  const base = {
    status: response.status,
    method: ctx.method,
    path: ctx.path,
    orgSlug: ctx.orgSlug,
    correlationId: response.headers.get("inin-correlation-id") ?? undefined,
    retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after"), Date.now()),
  };

  // OAuth token endpoint: `{error, description}` (RFC 6749 says `error_description`; accept both).
  if (body && typeof body.error === "string") {
    const description =
      stringField(body, "description") ?? stringField(body, "error_description") ?? body.error;
    return new GenesysError({ ...base, code: body.error, message: scrub(description) });
  }

  const code = stringField(body, "code") ?? `http.${response.status}`;
  const message =
    stringField(body, "message") ??
    stringField(body, "messageWithParams") ??
    `${ctx.method} ${ctx.path} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const messageParams = isRecord(body?.messageParams)
    ? redactValues(body.messageParams, ctx.secrets)
    : undefined;
  return new GenesysError({
    ...base,
    code,
    message: scrub(message),
    messageParams,
    contextId: stringField(body, "contextId"),
    requiredPermissions: requiredPermissionsOf(code, message, messageParams),
  });
}

/** A transport failure (refused, reset, DNS, timeout): status 0, code `network.error`. */
export function networkError(error: unknown, ctx: ErrorContext, timeoutMs: number): GenesysError {
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const reason = timedOut ? `no answer within ${timeoutMs} ms` : `${errorMessage(error)}${cause}`;
  return new GenesysError({
    status: 0,
    code: "network.error",
    message: redact(`Could not reach Genesys Cloud (${ctx.method} ${ctx.path}): ${reason}`, ctx.secrets),
    method: ctx.method,
    path: ctx.path,
    orgSlug: ctx.orgSlug,
  });
}

/** A 2xx whose body is not what we need (not JSON, or missing a field we use). */
export function invalidResponse(detail: string, ctx: ErrorContext): GenesysError {
  return new GenesysError({
    status: 502,
    code: "invalid.response",
    message: redact(
      `Genesys Cloud sent an unexpected response to ${ctx.method} ${ctx.path}: ${detail}`,
      ctx.secrets,
    ),
    method: ctx.method,
    path: ctx.path,
    orgSlug: ctx.orgSlug,
  });
}

/**
 * Permissions named by a 403. Genesys lists them as `[a, b]` at the end of the message; some
 * answers (and the simulator) also put them in messageParams, as an array or the same `[a, b]` text.
 */
export function requiredPermissionsOf(
  code: string,
  message: string,
  messageParams: Record<string, unknown> | undefined,
): string[] | undefined {
  if (code !== "missing.permissions" && code !== "missing.any.permissions") return undefined;
  const found = new Set<string>();
  const addList = (text: string) => {
    for (const match of text.matchAll(/\[([^\]]*)\]/g)) {
      for (const item of (match[1] ?? "").split(",")) addOne(item);
    }
  };
  const addOne = (item: unknown) => {
    if (typeof item !== "string") return;
    const p = item.trim().replace(/^["']|["']$/g, "");
    if (PERMISSION.test(p)) found.add(p);
  };
  for (const value of Object.values(messageParams ?? {})) {
    if (Array.isArray(value)) value.forEach(addOne);
    // The list may also come as plain `a, b` text (how the simulator fills the message template).
    else if (typeof value === "string")
      for (const item of value.replace(/[[\]]/g, "").split(",")) addOne(item);
  }
  addList(message);
  return [...found];
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Replaces every occurrence of a secret with `[redacted]`. */
function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets and tokens are long.
    if (secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  return out;
}

function redactValues(params: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return redact(value, secrets);
    if (Array.isArray(value)) return value.map(walk);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, walk(v)]));
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function stringField(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = body?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
