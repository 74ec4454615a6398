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

export interface AppErrorOptions {
  hint?: string;
  /** Extra lines shown under the message (candidates, details). */
  details?: string[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly hint?: string;
  readonly details: string[];

  constructor(code: AppErrorCode, userMessage: string, options: AppErrorOptions = {}) {
    super(userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
