/**
 * The life of an approval request's channel message. Posted with Approve / Deny buttons; after a
 * vote that leaves it pending it shows who approved so far (buttons kept); once decided it shows
 * what was asked, who decided and the outcome, with the buttons gone, so nobody clicks a dead request.
 */
import { approvalRequestReply, decidedLine } from "../../core/approvals/approval-reply.js";
import type { ApprovalRequest, ApprovalStatus } from "../../core/ports.js";
import { type Block, type Reply, reply, type Tone } from "../../core/reply.js";
import { buttonValue } from "./block-kit.js";
import type { MessageRef } from "./reply-sink.js";

const OUTCOME: Record<ApprovalStatus, { title: string; tone: Tone }> = {
  pending: { title: "Approval needed", tone: "info" },
  approved: { title: "Approved", tone: "success" },
  executed: { title: "Approved and done", tone: "success" },
  denied: { title: "Denied", tone: "warning" },
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
    const button = block.actions.find((a) => a.id === "approve" || a.id === "deny");
    if (button) return buttonValue(button);
  }
  return undefined;
}

/**
 * A decided request: what was asked and why, then the outcome the deciding command reported (who,
 * what changed); without one, the request's own status line. The request-time status table is left
 * out: after a decision it would show a state that is no longer true.
 */
export function decidedMessage(request: ApprovalRequest, outcome: Reply | undefined, now: Date): Reply {
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

/** A request still waiting for more approvals: as posted, plus who approved so far. */
export function pendingMessage(request: ApprovalRequest, now: Date): Reply {
  const posted = approvalRequestReply(request, now);
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

/** `C123:1700000000.000100` as stored by ApprovalStore.setMessageRef. */
export function formatMessageRef(ref: MessageRef): string {
  return `${ref.channel}:${ref.ts}`;
}

export function parseMessageRef(text: string | null | undefined): MessageRef | undefined {
  const at = text?.indexOf(":") ?? -1;
  if (!text || at <= 0) return undefined;
  return { channel: text.slice(0, at), ts: text.slice(at + 1) };
}
