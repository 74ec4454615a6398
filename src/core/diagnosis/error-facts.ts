/**
 * A Genesys error in one shape, whatever it came from: a GenesysError raised by a live call, the
 * detail recorded on an audit row, or a body someone pasted into chat (an API error body, the
 * token endpoint's `{error, description}`, or just its code and status copied from a log line).
 */
import type { GenesysError } from "../genesys-error.js";
import type { AuditEntry } from "../ports.js";
import type { DiagnosedAction, ErrorFacts } from "./diagnosis.js";

// `domain:entity:action` (wildcards allowed), not a time of day or a URL.
const PERMISSION = /(?<![\w:*])(?:\*|[A-Za-z][\w-]*):(?:\*|[A-Za-z][\w-]*):(?:\*|[A-Za-z][\w-]*)(?![\w:])/g;

/** `…/outbound/campaigns/{id}` and its `/start`, `/stop`. */
const CAMPAIGN_PATH = /\/outbound\/campaigns\/([^/?]+)(?:\/(start|stop))?/;

/** The status each code comes with, for text that names a code but no status. */
const STATUS_OF_CODE: Record<string, number> = {
  "bad.request": 400,
  "invalid.value": 400,
  "authentication.required": 401,
  "bad.credentials": 401,
  "credentials.expired": 401,
  "missing.permissions": 403,
  "missing.any.permissions": 403,
  "not.authorized": 403,
  "missing.division.permission": 403,
  "not.found": 404,
  "general.conflict": 409,
  "too.many.requests": 429,
};
const OAUTH_CODES = [
  "invalid_client",
  "invalid_grant",
  "unsupported_grant_type",
  "invalid_scope",
  "invalid_request",
];

export function fromGenesysError(e: GenesysError): ErrorFacts {
  return {
    status: e.status,
    code: e.code,
    message: e.message,
    permissions: [...e.requiredPermissions],
    anyOf: e.code === "missing.any.permissions",
    ...(e.contextId ? { contextId: e.contextId } : {}),
    ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
    method: e.method,
    path: e.path,
    oauth: e.path.endsWith("/oauth/token"),
  };
}

/** What an audit row recorded about a failed Genesys call; undefined when it was no Genesys error. */
export function fromAuditRow(row: AuditEntry): ErrorFacts | undefined {
  const d = row.detail ?? {};
  const status = typeof d.status === "number" ? d.status : undefined;
  const code = typeof d.code === "string" ? d.code : undefined;
  if (status === undefined || code === undefined) return undefined;
  const permissions = Array.isArray(d.requiredPermissions)
    ? d.requiredPermissions.filter((p): p is string => typeof p === "string")
    : [];
  const path = typeof d.path === "string" ? d.path : undefined;
  return {
    status,
    code,
    message: typeof d.message === "string" ? d.message : "",
    permissions,
    anyOf: code === "missing.any.permissions",
    ...(row.contextId ? { contextId: row.contextId } : {}),
    ...(typeof d.retryAfterSeconds === "number" ? { retryAfterSeconds: d.retryAfterSeconds } : {}),
    ...(typeof d.method === "string" ? { method: d.method } : {}),
    ...(path ? { path } : {}),
    oauth: path?.endsWith("/oauth/token") ?? OAUTH_CODES.includes(code),
  };
}

/** A pasted error: JSON when it parses, else whatever code, status and permissions the text names. */
export function fromPastedText(raw: string): ErrorFacts | undefined {
  // Chat clients turn straight quotes into typographic ones.
  const text = raw.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"').replace(/[\u2018\u2019]/g, "'");
  const retryAfter = /retry-after["']?\s*[:=]\s*"?(\d+)/i.exec(text)?.[1];
  const retry = retryAfter !== undefined ? { retryAfterSeconds: Number(retryAfter) } : {};
  const body = parseObject(text);
  if (body && typeof body.error === "string") {
    return {
      code: body.error,
      message: str(body.description) ?? str(body.error_description) ?? "",
      permissions: [],
      anyOf: false,
      ...(typeof body.status === "number" ? { status: body.status } : {}),
      oauth: true,
      ...retry,
    };
  }
  if (body && (typeof body.code === "string" || typeof body.status === "number")) {
    const code = str(body.code) ?? `http.${String(body.status)}`;
    const message = str(body.message) ?? str(body.messageWithParams) ?? "";
    return {
      ...(typeof body.status === "number" ? { status: body.status } : statusOf(code)),
      code,
      message,
      permissions: permissionsIn(`${message} ${JSON.stringify(body.messageParams ?? {})}`),
      anyOf: code === "missing.any.permissions",
      ...(str(body.contextId) ? { contextId: str(body.contextId) } : {}),
      oauth: false,
      ...retry,
    };
  }
  const code =
    Object.keys(STATUS_OF_CODE).find((c) => new RegExp(`\\b${c.replace(/\./g, "\\.")}\\b`).test(text)) ??
    OAUTH_CODES.find((c) => text.includes(c));
  if (!code) return undefined;
  const status = /\b(4\d\d|5\d\d)\b/.exec(text)?.[1];
  return {
    ...(status ? { status: Number(status) } : statusOf(code)),
    code,
    message: text.trim().slice(0, 300),
    permissions: permissionsIn(text),
    anyOf: code === "missing.any.permissions",
    oauth: OAUTH_CODES.includes(code),
    ...retry,
  };
}

function statusOf(code: string): { status?: number } {
  const status = STATUS_OF_CODE[code];
  return status === undefined ? {} : { status };
}

function permissionsIn(text: string): string[] {
  return [...new Set(text.match(PERMISSION) ?? [])];
}

function parseObject(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Which Switchboard action a failed call was, from its method and path. */
export function actionOfError(error: ErrorFacts | undefined): DiagnosedAction | undefined {
  const m = CAMPAIGN_PATH.exec(error?.path ?? "");
  if (!m) return undefined;
  if (m[2] === "stop") return "pause";
  if (m[2] === "start") return "resume";
  // The versioned PUT is pause's and resume's fallback: the refused permissions say which it was.
  if (error?.method === "PUT" && error.permissions.includes("outbound:campaign:stop")) return "pause";
  if (error?.method === "PUT" && error.permissions.includes("outbound:campaign:start")) return "resume";
  return error?.method === "GET" && m[1] !== "progress" ? "status" : undefined;
}

/** The campaign a failed call was about, from its path. */
export function campaignIdOfError(error: ErrorFacts | undefined): string | undefined {
  const id = CAMPAIGN_PATH.exec(error?.path ?? "")?.[1];
  return id && id !== "progress" ? decodeURIComponent(id) : undefined;
}
