/**
 * A non-2xx answer from Genesys Cloud (API or token endpoint), typed. It lives in the core because
 * the core decides what a 403, 404 or 409 means for a command; the Genesys client builds it.
 */
import { isAppError } from "./errors.js";

export interface GenesysErrorFields {
  status: number;
  /** Genesys error code (`missing.permissions`, `not.found`, …) or OAuth error (`invalid_client`). */
  code: string;
  message: string;
  messageParams?: Record<string, unknown>;
  /** Present on every Genesys error body; support asks for it. */
  contextId?: string;
  /** From the `inin-correlation-id` response header. */
  correlationId?: string;
  method: string;
  path: string;
  /** Permissions named by a 403 (`missing.permissions` / `missing.any.permissions`). */
  requiredPermissions?: string[];
  /** Seconds from `Retry-After` on a 429. */
  retryAfterSeconds?: number;
  /** Linked org slug the call was made for. */
  orgSlug?: string;
}

export class GenesysError extends Error implements GenesysErrorFields {
  readonly status: number;
  readonly code: string;
  readonly messageParams: Record<string, unknown>;
  readonly contextId?: string;
  readonly correlationId?: string;
  readonly method: string;
  readonly path: string;
  readonly requiredPermissions: string[];
  readonly retryAfterSeconds?: number;
  readonly orgSlug?: string;

  constructor(fields: GenesysErrorFields) {
    super(fields.message);
    this.name = "GenesysError";
    this.status = fields.status;
    this.code = fields.code;
    this.messageParams = fields.messageParams ?? {};
    this.contextId = fields.contextId;
    this.correlationId = fields.correlationId;
    this.method = fields.method;
    this.path = fields.path;
    this.requiredPermissions = fields.requiredPermissions ?? [];
    this.retryAfterSeconds = fields.retryAfterSeconds;
    this.orgSlug = fields.orgSlug;
  }

  /** Transport failures (no HTTP answer at all) use status 0. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export function isGenesysError(e: unknown): e is GenesysError {
  return e instanceof GenesysError;
}

/** The Genesys error behind a failure: itself, or the cause an AppError was built from. */
export function genesysCauseOf(e: unknown): GenesysError | undefined {
  if (isGenesysError(e)) return e;
  if (isAppError(e) && isGenesysError(e.cause)) return e.cause;
  return undefined;
}
