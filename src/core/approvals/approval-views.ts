import { type Block, type Reply, reply, type Tone } from "../kernel/reply.js";
import type { ApprovalRequest, ApprovalStatus } from "../ports/approval-store.js";
import { approvalRequestReply, decidedLine } from "./approval-reply.js";

/**
 * How an approval request looks over its life, as neutral Replies: every chat surface edits its
 * posted request message into one of these (Slack with chat.update, Teams by refreshing the card).
 */
const OUTCOME: Record<ApprovalStatus, { title: string; tone: Tone }> = {
  pending: { title: "Approval needed", tone: "info" },
  approved: { title: "Approved", tone: "success" },
  executing: { title: "Approved, running", tone: "info" },
  executed: { title: "Approved and done", tone: "success" },
  denied: { title: "Denied", tone: "warning" },
  withdrawn: { title: "Withdrawn", tone: "warning" },
  expired: { title: "Expired", tone: "warning" },
  voided: { title: "Void", tone: "error" },
  failed: { title: "Approved, but it failed", tone: "error" },
};

/** Statuses a refused or failed click can leave behind: the message must stop offering buttons. */
export const DEAD_END: ReadonlySet<ApprovalStatus> = new Set(["expired", "voided", "failed"]);

/** The request id an approval reply's buttons carry, when the reply is an approval request. */
export function approvalRequestId(r: Reply): string | undefined {
  for (const block of r.blocks) {
    if (block.type !== "actions") continue;
    const button = block.actions.find((a) => a.requestId !== undefined);
    if (button) return button.requestId;
  }
  return undefined;
}

/** The request as it stands: pending with buttons, or decided without. */
export function currentView(request: ApprovalRequest, now: Date): Reply {
  return request.status === "pending" ? pendingView(request, now) : decidedView(request, undefined, now);
}

/** A pending request: as posted, plus who approved so far. */
function pendingView(request: ApprovalRequest, now: Date): Reply {
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
