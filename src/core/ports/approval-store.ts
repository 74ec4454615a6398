/** Approval requests and their votes. */
import type { ChatIdentity } from "../kernel/model.js";

/**
 * pending → approved → executing → executed | failed, or pending → denied | withdrawn | expired, or
 * approved → voided. `withdrawn`: the requester (the same person, under any of their chat identities)
 * took it back; nobody denied it. Every move is one conditional update, so two processes never both make it.
 */
export type ApprovalStatus =
  | "pending"
  | "approved"
  | "executing"
  | "denied"
  | "withdrawn"
  | "expired"
  | "voided"
  | "executed"
  | "failed";

/** One campaign an approval covers, as it was when the request was made. */
export interface ApprovalTarget {
  campaignId: string;
  campaignName: string;
  /** The campaign's Genesys `version` at request time: a different version voids the request. */
  version: number;
  status: string;
  division: { id: string; name: string };
}

export interface NewApprovalRequest {
  orgSlug: string;
  action: string;
  targets: ApprovalTarget[];
  requester: ChatIdentity;
  requesterName: string;
  reason?: string | null;
  platform: string;
  channel: string;
  approversRequired: number;
  /** Permission an approver must hold in each target's division (policy); null = the action's own. */
  approverPermission?: string | null;
  /** Policy `approverMustBeUser`: an approver must be mapped to a Genesys user, not a role. */
  approverMustBeUser?: boolean;
  expiresAt: Date;
}

interface ApprovalVote {
  approver: ChatIdentity;
  at: Date;
}

export interface ApprovalRequest extends NewApprovalRequest {
  /** Short, human-typeable id (`approve K7Q2MX`). */
  id: string;
  status: ApprovalStatus;
  statusReason: string | null;
  approvals: ApprovalVote[];
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: ChatIdentity | null;
  /** Where the adapter posted the request (Slack `channel:ts`, Teams activity id), for updates. */
  messageRef: string | null;
}

export type AddApprovalResult =
  /** Recorded; `completed` is true for exactly one caller: the vote that moved it to `approved`. */
  | { kind: "recorded"; request: ApprovalRequest; completed: boolean }
  | { kind: "duplicate"; request: ApprovalRequest }
  /** Another identity of the same person already voted (`votedAs`), or is the requester. */
  | { kind: "same_person"; request: ApprovalRequest; votedAs: ChatIdentity }
  /** The vote came at or after the request's expiry. */
  | { kind: "expired"; request: ApprovalRequest }
  | { kind: "not_pending"; request: ApprovalRequest };

export interface ApprovalStore {
  create(input: NewApprovalRequest): Promise<ApprovalRequest>;
  get(id: string): Promise<ApprovalRequest | null>;
  /** Pending requests, oldest first. */
  listPending(orgSlug?: string): Promise<ApprovalRequest[]>;
  /**
   * Adds one approver's vote atomically (safe across processes): a second vote by the same approver
   * is `duplicate`; once `approversRequired` votes exist the request becomes `approved`.
   */
  addApproval(
    id: string,
    approver: ChatIdentity,
    at: Date,
    options?: {
      /** Every chat identity of the approver's person: none of them may have voted or be the requester. */
      sameAs?: readonly ChatIdentity[];
    },
  ): Promise<AddApprovalResult>;
  /**
   * Moves a request from one of `from` to `to` atomically; null when its status was not in `from`
   * (someone else decided first). Exactly one concurrent caller wins.
   */
  transition(
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    fields: { at: Date; decidedBy?: ChatIdentity | null; statusReason?: string | null },
  ): Promise<ApprovalRequest | null>;
  setMessageRef(id: string, messageRef: string): Promise<void>;
  /**
   * Requests a crash may have left behind, oldest first: `approved` since before `approvedBefore`
   * (nobody started running them) and `executing` since before `executingBefore` (their runner died).
   */
  listStuck(approvedBefore: Date, executingBefore: Date): Promise<ApprovalRequest[]>;
  /**
   * Takes over one stuck request: moves it to `executing` only if it is still in the state (status
   * and `decidedAt`) it was listed in, so across replicas exactly one recovery runs it.
   */
  claimStuck(
    request: Pick<ApprovalRequest, "id" | "status" | "decidedAt">,
    owner: string,
    at: Date,
  ): Promise<ApprovalRequest | null>;
}
