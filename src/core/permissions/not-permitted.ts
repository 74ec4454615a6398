import { type AppError, refused } from "../kernel/errors.js";
import type { GateDenied } from "./gate-decision.js";

/** A refusal as the error the dispatcher renders: the gate's message, and who can fix it as the hint. */
export function notPermitted(decision: GateDenied, details: string[] = []): AppError {
  return refused(decision.message, { hint: decision.hint, details });
}
