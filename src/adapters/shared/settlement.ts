/**
 * What an `approve`/`deny` reply means for the request's own message, whichever chat shows it: a
 * decision (or a vote) changes it for everyone; a refusal is for the caller alone, and if it left
 * the request dead (expired, void, failed) the message loses its buttons too. Slack and Teams each
 * render and send the result their own way.
 */
import { currentView, DEAD_END, decidedView } from "../../core/approvals/approval-views.js";
import type { Reply } from "../../core/kernel/reply.js";
import type { ApprovalRequest } from "../../core/ports/approval-store.js";
import type { CoreServices } from "../../core/services.js";

export type Settlement =
  /** No such request: only the reply itself can be shown. */
  | { kind: "unknown" }
  /** The reply is for everyone: `view` replaces the request's message. */
  | { kind: "decided"; request: ApprovalRequest; view: Reply }
  /**
   * The reply is for the caller alone. `current` is the request as it stands; `dead` is set when the
   * request can no longer be decided, to replace its message (buttons gone).
   */
  | { kind: "refused"; request: ApprovalRequest; current: Reply; dead?: Reply };

export async function settlementOf(
  services: Pick<CoreServices, "approvals" | "clock">,
  id: string,
  result: Reply,
): Promise<Settlement> {
  const request = await services.approvals.get(id.trim().toUpperCase());
  if (!request) return { kind: "unknown" };
  const now = services.clock.now();
  if (result.ok && result.visibility === "channel") {
    const view = request.status === "pending" ? currentView(request, now) : decidedView(request, result, now);
    return { kind: "decided", request, view };
  }
  return {
    kind: "refused",
    request,
    current: currentView(request, now),
    ...(DEAD_END.has(request.status) ? { dead: decidedView(request, undefined, now) } : {}),
  };
}
