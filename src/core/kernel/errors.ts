/**
 * Expected, user-facing failures. Each carries a closed `code`, a `userMessage` that says what was
 * wrong, and a `hint` that says what to type instead. Faults (bugs, outages) are any other Error;
 * the dispatcher is the one place that turns both into replies.
 */
export type AppErrorCode =
  | "usage" // the command line could not be parsed or is missing something
  | "unknown_command"
  | "unknown_org" // no linked org with that slug
  | "org_broken" // linked, but its credentials or org binding are known bad
  | "org_mismatch" // the credentials belong to another Genesys org
  | "campaign_not_found"
  | "campaign_ambiguous"
  | "not_permitted" // Switchboard's own permission check (caller's mapped identity)
  | "genesys" // Genesys answered with an error the command cannot recover from
  | "conflict" // a state change raced with another
  | "config" // bad or missing configuration
  | "store_unavailable" // the database could not be reached; nothing was changed
  | "invalid_input"; // a value (region, slug, email, …) is malformed

/**
 * What a failed command's audit row records: `denied` when Switchboard refused it (the caller, or
 * the org's client, may not), `failure` for everything else that went wrong.
 */
export type FailureOutcome = "denied" | "failure";

export interface AppErrorOptions {
  hint?: string;
  /** Set by `refused`; every other expected failure is audited as a failure. */
  outcome?: FailureOutcome;
  /** Extra lines shown under the message (candidates, details). */
  details?: string[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly hint?: string;
  readonly details: string[];
  /** The audit outcome this failure carries, so no reader of the error has to infer it. */
  readonly outcome: FailureOutcome;

  constructor(code: AppErrorCode, userMessage: string, options: AppErrorOptions = {}) {
    super(userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.hint = options.hint;
    this.details = options.details ?? [];
    this.outcome = options.outcome ?? "failure";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * The one way to say "refused": Switchboard will not do this for this caller. Thrown (after any
 * audit row of its own with the reason), replied like every AppError, and audited as `denied`.
 */
export function refused(message: string, options: Omit<AppErrorOptions, "outcome"> = {}): AppError {
  return new AppError("not_permitted", message, { ...options, outcome: "denied" });
}

/** The audit outcome of a failure: what an AppError carries; `failure` for a Genesys error or a fault. */
export function auditOutcomeOf(e: unknown): FailureOutcome {
  return isAppError(e) ? e.outcome : "failure";
}
