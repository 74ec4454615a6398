/** Approval requests between the port's shape and the database's rows. */
import type {
  ApprovalRequest,
  ApprovalStatus,
  ApprovalTarget,
  NewApprovalRequest,
} from "../core/ports/approval-store.js";
import { canonicalJson } from "./audit-chain.js";
import type { ApprovalRequest as RequestRow, ApprovalVote as VoteRow } from "./generated/sqlite/client.js";

const STATUSES: readonly ApprovalStatus[] = [
  "pending",
  "approved",
  "executing",
  "denied",
  "withdrawn",
  "expired",
  "voided",
  "executed",
  "failed",
];

/** Votes oldest first; the approver breaks ties so two reads always agree. */
export const WITH_VOTES = {
  votes: { orderBy: [{ at: "asc" as const }, { approver: "asc" as const }] },
};

export type RequestWithVotes = RequestRow & { votes: VoteRow[] };

/** The columns of a new pending request (everything but the id). */
export function newRequestColumns(input: NewApprovalRequest, createdAt: Date) {
  if (!Number.isInteger(input.approversRequired) || input.approversRequired < 1) {
    // A request nobody needs to approve would be approved by no vote at all: a caller's bug.
    throw new RangeError(`approversRequired must be a positive integer, not ${input.approversRequired}`);
  }
  return {
    orgSlug: input.orgSlug,
    action: input.action,
    targets: canonicalJson(input.targets),
    requester: input.requester,
    requesterName: input.requesterName,
    reason: input.reason ?? null,
    platform: input.platform,
    channel: input.channel,
    approversRequired: input.approversRequired,
    approverPermission: input.approverPermission ?? null,
    approverMustBeUser: input.approverMustBeUser ?? false,
    status: "pending",
    createdAt,
    expiresAt: input.expiresAt,
  };
}

export function toRequest(row: RequestWithVotes): ApprovalRequest {
  return {
    id: row.id,
    orgSlug: row.orgSlug,
    action: row.action,
    // Only newRequestColumns writes the column, always from an ApprovalTarget[].
    targets: JSON.parse(row.targets) as ApprovalTarget[],
    requester: row.requester,
    requesterName: row.requesterName,
    reason: row.reason,
    platform: row.platform,
    channel: row.channel,
    approversRequired: row.approversRequired,
    approverPermission: row.approverPermission,
    approverMustBeUser: row.approverMustBeUser,
    expiresAt: row.expiresAt,
    status: toStatus(row),
    statusReason: row.statusReason,
    approvals: row.votes.map((vote) => ({ approver: vote.approver, at: vote.at })),
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
    messageRef: row.messageRef,
  };
}

function toStatus(row: RequestRow): ApprovalStatus {
  const status = STATUSES.find((s) => s === row.status);
  // Only the store writes the column, always from the union: anything else is corruption.
  if (!status) throw new Error(`approval request ${row.id} is corrupt (status "${row.status}")`);
  return status;
}
