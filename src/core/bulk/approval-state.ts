/**
 * Where a bulk job's approval requests stand, read fresh: a denied, withdrawn, expired or voided
 * request closes its org's pending items as "not approved" the moment anyone looks (`bulk status`)
 * or continues (`bulk continue`), so no view says "waiting for approval" after the answer was no.
 */

import type { ChatIdentity } from "../kernel/model.js";
import type { ApprovalStatus } from "../ports/approval-store.js";
import type { BulkJob } from "../ports/bulk-store.js";
import type { CoreServices } from "../services.js";

const REFUSED: ReadonlySet<ApprovalStatus> = new Set(["denied", "withdrawn", "expired", "voided"]);

export type Decided = { status: ApprovalStatus; decidedBy: ChatIdentity | null; withdrawn: boolean };

export async function approvalsOf(services: CoreServices, job: BulkJob): Promise<Map<string, Decided>> {
  const out = new Map<string, Decided>();
  for (const id of new Set(job.items.map((i) => i.approvalId).filter((x): x is string => x !== null))) {
    const request = await services.approvals.get(id);
    // An expired request stays `pending` until someone acts on it; it can no longer be approved.
    const expired = request?.status === "pending" && request.expiresAt <= services.clock.now();
    out.set(id, {
      status: !request || expired ? "expired" : request.status,
      decidedBy: request?.decidedBy ?? null,
      withdrawn: request?.status === "withdrawn",
    });
  }
  return out;
}

export async function closeUnapproved(services: CoreServices, job: BulkJob, approvals: Map<string, Decided>) {
  let changed = false;
  for (const [id, { status, withdrawn }] of approvals) {
    if (!REFUSED.has(status)) continue;
    const seqs = job.items.filter((i) => i.approvalId === id && i.status === "pending").map((i) => i.seq);
    if (!seqs.length) continue;
    await services.bulk.skipItems(
      job.id,
      seqs,
      "not approved",
      `request ${id} was ${withdrawn ? "withdrawn by its requester" : status}`,
      services.clock.now(),
    );
    changed = true;
  }
  return changed ? ((await services.bulk.get(job.id)) ?? job) : job;
}
