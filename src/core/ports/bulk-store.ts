/**
 * The bulk-job port: a planned bulk pause or resume and its items, persisted so that confirmation,
 * an approval, a re-run and crash recovery all work from the same rows. The store implements it
 * (src/store/prisma-bulk-store.ts); exactly-once execution rests on `claimItem`.
 */
import type { ChatIdentity } from "../kernel/model.js";

export type BulkAction = "pause" | "resume";

/** `pending`: the caller has not confirmed yet; `not_needed`: every item waits for an approval instead. */
export type BulkConfirmation = "pending" | "confirmed" | "cancelled" | "not_needed";

export type BulkItemStatus = "pending" | "running" | "done" | "failed" | "skipped";

/** One campaign as planned. */
export interface NewBulkItem {
  orgSlug: string;
  campaignId: string;
  campaignName: string;
  version: number;
  division: { id: string; name: string };
  plannedStatus: string;
  genesysIdentity: string | null;
  /** `pending` to act on; `skipped` (with `result`/`detail`) for refused or already-done campaigns. */
  status: "pending" | "skipped";
  result?: string | null;
  detail?: string | null;
}

export interface BulkItem extends Omit<NewBulkItem, "status" | "result" | "detail"> {
  jobId: string;
  /** Position in the plan, 1-based: the order the caller was shown. */
  seq: number;
  status: BulkItemStatus;
  result: string | null;
  detail: string | null;
  approvalId: string | null;
  attempts: number;
  claimedBy: string | null;
  claimedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewBulkJob {
  action: BulkAction;
  orgs: string[];
  /** The selector as typed: `--all`, `--match "Spring*"`. */
  selector: string;
  /** Same action, orgs and selector: a re-run of this command continues this job. */
  fingerprint: string;
  requester: ChatIdentity;
  requesterName: string;
  reason: string | null;
  platform: string;
  channel: string;
  confirmation: BulkConfirmation;
  resumeAfterMs: number | null;
  expiresAt: Date;
}

export interface BulkJob extends NewBulkJob {
  /** Short, human-typeable id (`confirm B7K2QX`). */
  id: string;
  createdAt: Date;
  confirmedBy: ChatIdentity | null;
  confirmedAt: Date | null;
  /** In plan order. */
  items: BulkItem[];
}

/** How an executor leaves an item it claimed. */
export interface ItemOutcome {
  status: "done" | "failed" | "skipped";
  result: string;
  detail: string | null;
}

export interface BulkStore {
  create(job: NewBulkJob, items: NewBulkItem[]): Promise<BulkJob>;
  get(id: string): Promise<BulkJob | null>;
  /** The requester's newest job with this fingerprint created after `since`, or null. */
  latest(requester: ChatIdentity, fingerprint: string, since: Date): Promise<BulkJob | null>;
  /**
   * The newest pause job that paused at least one campaign in `orgSlug` (an item done as `paused`),
   * or null: what `resume <org> --all` undoes.
   */
  lastPause(orgSlug: string): Promise<BulkJob | null>;
  /** The job whose items wait for (or ran under) approval request `approvalId`. */
  findByApproval(approvalId: string): Promise<BulkJob | null>;
  /**
   * Moves the confirmation from `pending` to `to` atomically; false when it was not pending (someone
   * confirmed or cancelled first). A cancel also skips every item still pending.
   */
  decide(id: string, to: "confirmed" | "cancelled", by: ChatIdentity, at: Date): Promise<boolean>;
  /** Ties one org's pending items to the approval request that covers them. */
  attachApproval(jobId: string, orgSlug: string, approvalId: string): Promise<void>;
  /**
   * Claims one item for `owner` atomically: pending (or failed, when `retryFailed`), or running with
   * a claim older than `staleBefore` (its executor died), becomes running. Exactly one concurrent
   * caller gets the item; everyone else gets null.
   */
  claimItem(
    jobId: string,
    seq: number,
    owner: string,
    at: Date,
    options: { staleBefore: Date; retryFailed: boolean },
  ): Promise<BulkItem | null>;
  /** Records the outcome of an item `owner` holds; false when it no longer holds it (lease lost). */
  finishItem(jobId: string, seq: number, owner: string, outcome: ItemOutcome, at: Date): Promise<boolean>;
  /** Skips items that will never run (their approval was denied or expired), unless already finished. */
  skipItems(jobId: string, seqs: number[], result: string, detail: string | null, at: Date): Promise<void>;
}
