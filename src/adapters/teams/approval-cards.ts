/**
 * The life of an approval request's card. Posted with a reason box and Approve / Deny as
 * Action.Execute carrying the request id (so a card only ever decides its own request) and a
 * `refresh` action, so a client showing an old copy asks for the current one. After a vote that
 * leaves it pending it shows who approved so far; once decided it shows what was asked, who decided
 * and the outcome, with the buttons and the refresh gone.
 */
import { approvalRequestReply, decidedLine } from "../../core/approvals/approval-reply.js";
import type { ApprovalRequest, ApprovalStatus } from "../../core/ports.js";
import { type Block, type Reply, reply, type Tone } from "../../core/reply.js";
import { type AdaptiveCard, type CardElement, renderCard } from "./adaptive-card.js";

/** The Input.Text whose value comes back in the Deny action's data. */
export const REASON_INPUT = "reason";
export const REASON_MAX = 500;

const OUTCOME: Record<ApprovalStatus, { title: string; tone: Tone }> = {
  pending: { title: "Approval needed", tone: "info" },
  approved: { title: "Approved", tone: "success" },
  executed: { title: "Approved and done", tone: "success" },
  denied: { title: "Denied", tone: "warning" },
  expired: { title: "Expired", tone: "warning" },
  voided: { title: "Void", tone: "error" },
  failed: { title: "Approved, but it failed", tone: "error" },
};

/** Statuses a refused or failed click can leave behind: the card must stop offering buttons. */
export const DEAD_END: ReadonlySet<ApprovalStatus> = new Set(["expired", "voided", "failed"]);

/** The request id an approval reply's buttons carry, when the reply is an approval request. */
export function approvalRequestId(r: Reply): string | undefined {
  for (const block of r.blocks) {
    if (block.type !== "actions") continue;
    const button = block.actions.find((a) => a.id === "approve" || a.id === "deny");
    if (button) return button.value.replace(/^(approve|deny)\s+/, "");
  }
  return undefined;
}

/** The request as it stands: pending with buttons, or decided without. */
export function currentView(request: ApprovalRequest, now: Date): Reply {
  return request.status === "pending" ? pendingView(request, now) : decidedView(request, undefined, now);
}

/** A pending request: as posted, plus who approved so far. */
export function pendingView(request: ApprovalRequest, now: Date): Reply {
  const posted = approvalRequestReply(request, now);
  if (!request.approvals.length) return posted;
  const voters = request.approvals.map((v) => v.approver).join(", ");
  const progress: Block = {
    type: "text",
    tone: "info",
    text: `Approved so far by ${voters} (${request.approvals.length} of ${request.approversRequired}).`,
  };
  const at = posted.blocks.findIndex((b) => b.type === "actions");
  const blocks = [...posted.blocks];
  blocks.splice(at === -1 ? blocks.length : at, 0, progress);
  return { ...posted, blocks };
}

/**
 * A decided request: what was asked and why, then the outcome the deciding command reported (who,
 * what changed); without one, the request's own status line. The request-time status table is left
 * out: after a decision it would show a state that is no longer true.
 */
export function decidedView(request: ApprovalRequest, outcome: Reply | undefined, now: Date): Reply {
  const names = request.targets.map((t) => t.campaignName);
  const asked: Block[] = [
    ...approvalRequestReply(request, now).blocks.filter((b) => b.type === "text"),
    {
      type: "fields",
      fields: [
        ...(names.length > 1 ? [{ label: "Campaigns", value: names.join(", ") }] : []),
        { label: "Reason", value: request.reason ?? "none given" },
      ],
    },
  ];
  const verdict: Block[] = outcome
    ? [
        ...(outcome.title ? [{ type: "text" as const, text: outcome.title, tone: outcome.tone }] : []),
        ...outcome.blocks.filter((b) => b.type !== "actions"),
      ]
    : [{ type: "text", text: decidedLine(request, now) }];
  const { title, tone } = OUTCOME[request.status];
  return reply({
    tone,
    title: `${title}: ${request.action} in ${request.orgSlug} (request ${request.id})`,
    visibility: "channel",
    blocks: [...asked, ...verdict],
  });
}

/** `view` with a note on top: what only the person who clicked needs to know (a refusal, "already decided"). */
export function withNote(note: Reply, view: Reply): Reply {
  const head: Block[] = note.title ? [{ type: "text", text: note.title, tone: note.tone }] : [];
  const blocks = note.blocks.filter((b) => b.type !== "actions");
  return { ...view, blocks: [...head, ...blocks, ...view.blocks] };
}

/**
 * Renders a view of `requestId`: its buttons become Action.Execute with the request id as data, next
 * to the reason box Deny reads; a card with buttons also gets the refresh action.
 */
export function approvalCard(view: Reply, requestId: string): AdaptiveCard {
  let buttons = false;
  const card = renderCard(view, {
    actions: (block) => {
      buttons = true;
      return block.actions.map((a) => ({
        type: "Action.Execute",
        title: a.label,
        verb: a.id,
        data: { requestId },
        ...(a.style ? { style: a.style === "primary" ? "positive" : "destructive" } : {}),
      }));
    },
  });
  if (!buttons) return card;
  // Before the buttons, not before a details block's "More" toggle (also an ActionSet).
  const at = card.body.findIndex(
    (e) =>
      e.type === "ActionSet" &&
      Array.isArray(e.actions) &&
      e.actions.some((a: { type?: unknown }) => a.type === "Action.Execute"),
  );
  card.body.splice(at, 0, reasonInput());
  return { ...card, refresh: { action: { type: "Action.Execute", verb: "refresh", data: { requestId } } } };
}

function reasonInput(): CardElement {
  return {
    type: "Input.Text",
    id: REASON_INPUT,
    placeholder: "Reason for a denial (optional, recorded in the audit log)",
    isMultiline: true,
    maxLength: REASON_MAX,
  };
}
