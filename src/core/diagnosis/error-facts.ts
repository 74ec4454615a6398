/**
 * A Genesys error in one shape, whatever it came from: a GenesysError raised by a live call or the
 * detail recorded on an audit row (pasted text is read by pasted-error.ts).
 */
import type { GenesysError } from "../kernel/genesys-error.js";
import type { AuditEntry } from "../ports/audit-log.js";
import type { DiagnosedAction, ErrorFacts } from "./diagnosis.js";

/** `…/outbound/campaigns/{id}` and its `/start`, `/stop`. */
const CAMPAIGN_PATH = /\/outbound\/campaigns\/([^/?]+)(?:\/(start|stop))?/;

/** The status each code comes with, for text that names a code but no status. */
export const STATUS_OF_CODE: Record<string, number> = {
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
/** The token endpoint's error codes (RFC 6749), as Genesys's login host sends them. */
export const OAUTH_CODES = [
  "invalid_client",
  "invalid_grant",
  "unsupported_grant_type",
  "invalid_scope",
  "invalid_request",
  "unauthorized_client",
  "access_denied",
  "server_error",
  "temporarily_unavailable",
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
