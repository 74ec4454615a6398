/**
 * API errors exactly as Genesys shapes them. Handlers throw a SimError; the server turns it into the
 * body below with a fresh `contextId`, which is what Switchboard's `explain` command works from.
 */
import { freshUuid } from "./ids.js";

export interface GenesysErrorBody {
  message: string;
  code: string;
  status: number;
  messageParams: Record<string, string>;
  messageWithParams: string;
  contextId: string;
  details: Array<{ errorCode?: string; fieldName?: string }>;
  errors: unknown[];
}

export class SimError extends Error {
  readonly status: number;
  readonly code: string;
  /** Template with `{name}` placeholders; `message` is the filled-in text. */
  readonly template: string;
  readonly messageParams: Record<string, string>;
  readonly headers: Record<string, string>;
  /** Per-field problems (`details[{errorCode, fieldName}]`), e.g. a PUT missing required fields. */
  details: GenesysErrorBody["details"] = [];

  constructor(
    status: number,
    code: string,
    template: string,
    messageParams: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    super(fill(template, messageParams));
    this.name = "SimError";
    this.status = status;
    this.code = code;
    this.template = template;
    this.messageParams = messageParams;
    this.headers = headers;
  }

  body(): GenesysErrorBody {
    return {
      message: this.message,
      code: this.code,
      status: this.status,
      messageParams: this.messageParams,
      messageWithParams: this.template,
      contextId: freshUuid(),
      details: this.details,
      errors: [],
    };
  }
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
}

export const badRequest = (message: string) => new SimError(400, "bad.request", message);

export const invalidValue = (message: string) => new SimError(400, "invalid.value", message);

export const notFound = (message = "The requested resource was not found.") =>
  new SimError(404, "not.found", message);

export const authenticationRequired = (
  message = "No authentication bearer token specified in authorization header.",
) => new SimError(401, "authentication.required", message);

export const badCredentials = (message = "Invalid login credentials.") =>
  new SimError(401, "bad.credentials", message);

export const credentialsExpired = () =>
  new SimError(401, "credentials.expired", "The authentication token has expired.");

export function missingPermissions(permissions: readonly string[]): SimError {
  return new SimError(
    403,
    "missing.permissions",
    "Unable to perform the requested action. You are missing the following permission(s): [{permissions}]",
    { permissions: permissions.join(", ") },
  );
}

export function missingAnyPermissions(permissions: readonly string[]): SimError {
  return new SimError(
    403,
    "missing.any.permissions",
    "Unable to perform the requested action. You must have at least one of the following permissions assigned: [{permissions}]",
    { permissions: permissions.join(", ") },
  );
}

export const conflict = (message: string) => new SimError(409, "general.conflict", message);

/** A body lacking required fields: 400 naming each one, in the message and in `details`. */
export function missingFields(fields: readonly string[]): SimError {
  const err = new SimError(400, "invalid.value", "Missing required field(s): {fields}", {
    fields: fields.join(", "),
  });
  err.details = fields.map((fieldName) => ({ errorCode: "missing.required.field", fieldName }));
  return err;
}

export function tooManyRequests(limit: number, retryAfterSeconds: number): SimError {
  return new SimError(
    429,
    "too.many.requests",
    "Rate limit exceeded the maximum. [{limit}] requests for [60] seconds",
    { limit: String(limit) },
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** Codes Genesys uses for server-side failures; injected faults reuse them. */
const SERVER_CODES: Record<number, string> = {
  500: "internal.server.error",
  502: "bad.gateway",
  503: "service.unavailable",
  504: "gateway.timeout",
};

export function injectedFault(status: number): SimError {
  const code = SERVER_CODES[status] ?? (status === 429 ? "too.many.requests" : "bad.request");
  const headers: Record<string, string> = status === 429 || status === 503 ? { "retry-after": "1" } : {};
  return new SimError(status, code, "The service is currently unavailable (simulated fault).", {}, headers);
}

export const internalError = () =>
  new SimError(500, "internal.server.error", "The server encountered an unexpected error.");
