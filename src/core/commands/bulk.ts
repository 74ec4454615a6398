/**
 * `bulk status <job>` shows where a bulk job stands, campaign by campaign; `bulk continue <job>`
 * finishes it: what is still pending, what a crashed process left running (once its claim is old),
 * and what failed (retried). Items whose approval was denied or expired are closed as not approved.
 */
import { approvalsOf, closeUnapproved } from "../bulk/approval-state.js";
import { planBlocks, resultReply } from "../bulk/job-reply.js";
import { confirmPrompt } from "../bulk/launch-job.js";
import { loadJob, mayView } from "../bulk/load-job.js";
import { PLAN_PAGE_ROWS, unchangedBlocks } from "../bulk/plan-page.js";
import { jobTitle, runJob } from "../bulk/run-job.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { refused } from "../kernel/errors.js";
import { ago } from "../kernel/format.js";
import type { ChatIdentity } from "../kernel/model.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import type { ApprovalStatus } from "../ports/approval-store.js";
import type { BulkItem } from "../ports/bulk-store.js";

export const bulkStatusCommand: CommandDefinition = {
  name: "bulk status",
  access: PERMISSION_CATALOGUE["bulk status"],
  summary: "Where a bulk pause or resume stands, campaign by campaign",
  args: [{ name: "job-id" }],
  examples: ["bulk status B7K2QX"],
  async run({ services, args, invocation }) {
    const job = await loadJob(services, args.positionals[0] ?? "");
    if (!(await mayView(services, invocation.actor.id, job)))
      throw refused(`Job ${job.id} is in orgs you do not work in.`, {
        hint: "Ask its requester or an admin.",
      });
    // A denial, withdrawal or expiry shows at once, not only after the requester's `bulk continue`.
    const current = await closeUnapproved(services, job, await approvalsOf(services, job));
    const now = services.clock.now();
    const shown = resultReply(current, {
      title: `${jobTitle(job)}: planned by ${job.requesterName} ${ago(job.createdAt, now)}`,
    });
    return { ...shown, ok: true, visibility: "ephemeral" };
  },
};

/**
 * `bulk plan <job> [--page N]`: the plan page by page (the pages a chat message could not hold),
 * Confirm on the last one while the job waits for it; `--unchanged`: the campaigns it leaves as
 * they are, and why.
 */
export const bulkPlanCommand: CommandDefinition = {
  name: "bulk plan",
  access: PERMISSION_CATALOGUE["bulk plan"],
  summary: "A bulk job's plan, page by page (--unchanged: the campaigns it leaves as they are)",
  args: [{ name: "job-id" }],
  flags: {
    page: { type: "integer", valueName: "N", min: 1, max: 10_000, description: "which page of the plan" },
    unchanged: { type: "boolean", description: "the campaigns the plan does not change, and why" },
  },
  examples: ["bulk plan B7K2QX --page 2", "bulk plan B7K2QX --unchanged"],
  async run({ services, args, invocation }) {
    const job = await loadJob(services, args.positionals[0] ?? "");
    if (!(await mayView(services, invocation.actor.id, job)))
      throw refused(`Job ${job.id} is in orgs you do not work in.`, {
        hint: "Ask its requester or an admin.",
      });
    const now = services.clock.now();
    if (args.flags.unchanged === true)
      return reply({ title: `${jobTitle(job)}: not changed`, blocks: unchangedBlocks(job) });
    const page = typeof args.flags.page === "number" ? args.flags.page : 1;
    const planned = planBlocks(job, [], { page, rows: PLAN_PAGE_ROWS[invocation.platform], jobId: job.id });
    const waiting = job.confirmation === "pending" && job.expiresAt > now;
    if (waiting) return confirmPrompt(job, planned.blocks, [], now, planned.last);
    const state = job.confirmation === "pending" ? "expired without confirmation" : job.confirmation;
    return reply({
      title: `${jobTitle(job)}: ${state}`,
      blocks: [
        ...planned.blocks,
        { type: "hint", text: "Where it stands:", command: `bulk status ${job.id}` },
      ],
    });
  },
};

const APPROVED: ReadonlySet<ApprovalStatus> = new Set(["approved", "executing", "executed", "failed"]);

export const bulkContinueCommand: CommandDefinition = {
  name: "bulk continue",
  access: PERMISSION_CATALOGUE["bulk continue"],
  summary: "Finish a bulk job: what is left, what a crash left running, and what failed",
  args: [{ name: "job-id" }],
  examples: ["bulk continue B7K2QX"],
  async run(ctx) {
    const { services, invocation } = ctx;
    let job = await loadJob(services, ctx.args.positionals[0] ?? "");
    if (invocation.actor.id !== job.requester)
      throw refused(`Only ${job.requesterName} can continue job ${job.id}: it runs as them.`, {
        hint: `See where it stands: bulk status ${job.id}`,
      });
    if (job.confirmation === "pending" || job.confirmation === "cancelled") {
      const text =
        job.confirmation === "pending"
          ? `Job ${job.id} was never confirmed: confirm ${job.id}`
          : `Job ${job.id} was cancelled; there is nothing to continue.`;
      return reply({ ok: false, tone: "warning", blocks: [{ type: "text", text }] });
    }
    const approvals = await approvalsOf(services, job);
    job = await closeUnapproved(services, job, approvals);
    const eligible = (i: BulkItem) => {
      if (i.approvalId === null) return job.confirmation === "confirmed";
      const status = approvals.get(i.approvalId)?.status;
      return status !== undefined && APPROVED.has(status);
    };
    const open = job.items.filter(
      (i) => eligible(i) && (i.status === "pending" || i.status === "running" || i.status === "failed"),
    );
    if (open.length === 0) {
      const shown = resultReply(job, { title: `${jobTitle(job)}: nothing left to do` });
      return { ...shown, ok: true, visibility: "ephemeral" };
    }
    const approvers = new Map<string, ChatIdentity>();
    for (const [id, a] of approvals) if (a.decidedBy) approvers.set(id, a.decidedBy);
    const { reply: result } = await runJob(ctx, job, {
      eligible,
      retryFailed: true,
      approvers,
      title: `Continuing ${jobTitle(job)}`,
    });
    return result;
  },
};
