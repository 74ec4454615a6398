import type { Reply } from "../kernel/reply.js";
import type { Progress, Requested } from "../kernel/requested.js";
import type { ApprovalRequest } from "../ports/approval-store.js";
import type { BulkJob } from "../ports/bulk-store.js";
import type { CoreServices } from "../services.js";
import { runJob } from "./run-job.js";

/**
 * An approved request that covers a bulk job's campaigns in one org: those items run through the
 * bulk executor (claimed once each, a failure isolated to its campaign, a per-campaign table) as the
 * requester, with the approval on every audit row. A campaign whose version moved since the request
 * is skipped on its own rather than voiding the whole request. The request ends `executed`, or
 * `failed` when nothing of it could be done.
 */
export async function executeApprovedJob(
  services: CoreServices,
  /** The approver whose vote completed the request. */
  approver: Requested,
  { request, job }: { request: ApprovalRequest; job: BulkJob },
  progress: Progress,
): Promise<Reply> {
  const { reply, result } = await runJob({ services, progress }, job, {
    eligible: (i) => i.approvalId === request.id,
    retryFailed: false,
    approvers: new Map([[request.id, approver.requester]]),
    title: `${approver.requesterName} approved ${request.id} (requested by ${request.requesterName})`,
  });
  const mine = result.job.items.filter((i) => i.approvalId === request.id);
  const failed = mine.filter((i) => i.status === "failed").length;
  const done = mine.filter((i) => i.status === "done").length;
  await services.approvals.transition(
    request.id,
    ["approved", "executing"],
    failed > 0 && done === 0 ? "failed" : "executed",
    {
      at: services.clock.now(),
      decidedBy: approver.requester,
      statusReason: failed ? `${failed} of ${mine.length} failed (job ${job.id})` : null,
    },
  );
  return reply;
}
