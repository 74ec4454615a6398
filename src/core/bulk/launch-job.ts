/**
 * A planned bulk action persisted as a job, then held at the gate its policy sets, per org: where
 * resume (or pause) needs approval, one approval request covers that org's campaigns; elsewhere the
 * caller confirms the list shown (`--yes` confirms at once). Nothing changes in Genesys before one of
 * those; everything after works from the job's rows.
 */
import { approvalRequestReply } from "../approvals/approval-reply.js";
import { fileApprovalRequest } from "../approvals/request-approval.js";
import { durationText } from "../kernel/format.js";
import { type Action, type Block, type Reply, reply } from "../kernel/reply.js";
import { asPlatform, noProgress, type Progress, type Requested } from "../kernel/requested.js";
import type { ResolvedRule } from "../policy/policy.js";
import type { ApprovalRequest } from "../ports/approval-store.js";
import type { BulkAction, BulkJob } from "../ports/bulk-store.js";
import { atText } from "../schedule/schedule-resume.js";
import type { CoreServices } from "../services.js";
import { planBlocks } from "./job-reply.js";
import type { OrgPlan } from "./plan-items.js";
import { countLines, PLAN_PAGE_ROWS, unchangedBlocks } from "./plan-page.js";
import { jobTitle, runJob } from "./run-job.js";

export interface LaunchInput {
  action: BulkAction;
  plans: OrgPlan[];
  notes: string[];
  /** As typed (`--all`, `--match "Spring*"`), or what started it (`schedule S4M9QX`). */
  selector: string;
  fingerprint: string;
  reason: string | undefined;
  /** Confirmed already: `--yes`, or a scheduled action (its scheduling was the confirmation). */
  yes: boolean;
  resumeAfterMs: number | null;
  rule(orgSlug: string): ResolvedRule;
  /** Shown before everything else. */
  intro?: Block[];
}

const DEFAULT_EXPIRY_MS = 15 * 60_000;

export async function launchJob(
  services: CoreServices,
  requested: Requested,
  input: LaunchInput,
  progress: Progress = noProgress,
): Promise<Reply> {
  const now = services.clock.now();
  const items = input.plans.flatMap((p) => p.items);
  const active = input.plans.filter((p) => p.items.some((i) => i.status === "pending"));
  if (active.length === 0) return nothingToDo(input);
  const needApproval = active.filter((p) => input.rule(p.org.slug).approval === "required");
  const needConfirm = active.filter((p) => !needApproval.includes(p));
  const expiresMs = Math.min(DEFAULT_EXPIRY_MS, ...needConfirm.map((p) => input.rule(p.org.slug).expiresMs));
  const created = await services.bulk.create(
    {
      action: input.action,
      orgs: input.plans.map((p) => p.org.slug),
      selector: input.selector,
      fingerprint: input.fingerprint,
      requester: requested.requester,
      requesterName: requested.requesterName,
      reason: input.reason ?? null,
      platform: requested.platform,
      channel: requested.channel,
      confirmation: needConfirm.length ? "pending" : "not_needed",
      resumeAfterMs: input.resumeAfterMs,
      expiresAt: new Date(now.getTime() + expiresMs),
    },
    items,
  );
  const requests: ApprovalRequest[] = [];
  for (const plan of needApproval) {
    const campaigns = plan.items
      .filter((i) => i.status === "pending")
      .map((i) => ({
        id: i.campaignId,
        name: i.campaignName,
        version: i.version,
        status: i.plannedStatus,
        division: i.division,
      }));
    const rule = input.rule(plan.org.slug);
    const request = await fileApprovalRequest(services, requested, {
      org: plan.org,
      campaigns,
      action: input.action,
      reason: input.reason,
      rule,
      detail: { bulkJobId: created.id },
    });
    await services.bulk.attachApproval(created.id, plan.org.slug, request.id);
    requests.push(request);
  }
  await auditPlan(services, created, input, needConfirm.length > 0 && !input.yes);
  const approvalBlocks = requests.flatMap((r) => approvalRequestReply(r, now).blocks);
  if (needConfirm.length && input.yes) {
    await services.bulk.decide(created.id, "confirmed", requested.requester, now);
    const job = (await services.bulk.get(created.id)) ?? created;
    const { reply: result } = await runJob({ services, progress }, job, {
      eligible: (i) => i.approvalId === null,
      retryFailed: false,
      title: jobTitle(job),
      before: [
        ...(input.intro ?? []),
        ...input.notes.map((text) => ({ type: "text" as const, text, tone: "warning" as const })),
      ],
      after: approvalBlocks,
    });
    return result;
  }
  const job = (await services.bulk.get(created.id)) ?? created;
  const rows = PLAN_PAGE_ROWS[asPlatform(requested.platform)];
  const planned = planBlocks(job, input.notes, { page: 1, rows, jobId: job.id });
  const blocks = [...(input.intro ?? []), ...planned.blocks];
  if (!needConfirm.length) {
    const first = requests[0];
    const title =
      requests.length === 1 && first
        ? (approvalRequestReply(first, now).title ?? jobTitle(job))
        : `Approval needed: ${input.action} in ${needApproval.map((p) => p.org.slug).join(", ")}`;
    return reply({ tone: "info", visibility: "channel", title, blocks: [...blocks, ...approvalBlocks] });
  }
  return confirmPrompt(job, blocks, approvalBlocks, now, planned.last);
}

/**
 * The plan with Confirm/Cancel. `lastPage` false: campaigns to change are still on later pages, so
 * only Cancel is offered here; Confirm comes with the last page (`bulk plan ID --page N`).
 */
export function confirmPrompt(
  job: BulkJob,
  plan: Block[],
  approvals: Block[],
  now: Date,
  lastPage: boolean,
): Reply {
  const pending = job.items.filter((i) => i.status === "pending" && i.approvalId === null).length;
  const orgs = [...new Set(job.items.filter((i) => i.approvalId === null).map((i) => i.orgSlug))];
  return reply({
    tone: "info",
    visibility: "channel",
    title: `${job.action === "pause" ? "Pause" : "Resume"} ${pending} campaign${pending === 1 ? "" : "s"} in ${orgs.join(", ")}? (job ${job.id})`,
    blocks: [...plan, ...confirmBlocks(job, pending, orgs, now, lastPage), ...approvals],
  });
}

function confirmBlocks(job: BulkJob, pending: number, orgs: string[], now: Date, lastPage: boolean): Block[] {
  const confirm: Action = {
    id: "confirm",
    label: "Confirm",
    style: "primary",
    value: `confirm ${job.id}`,
    confirm: {
      title: `${job.action === "pause" ? "Pause" : "Resume"} ${pending} campaign${pending === 1 ? "" : "s"}?`,
      text: `This ${job.action === "pause" ? "stops dialing of" : "starts dialing"} ${pending} campaign${pending === 1 ? "" : "s"} in ${orgs.join(", ")} now (job ${job.id}).`,
      yes: `Yes, ${job.action} ${pending}`,
      no: "Not yet",
    },
  };
  const cancel: Action = { id: "cancel", label: "Cancel", style: "danger", value: `cancel ${job.id}` };
  return [
    {
      type: "fields",
      fields: [
        { label: "Requested by", value: job.requesterName },
        { label: "Reason", value: job.reason ?? "none given" },
        ...(job.resumeAfterMs
          ? [{ label: "Resume", value: `automatically, ${durationText(job.resumeAfterMs)} after pausing` }]
          : []),
        { label: "Confirm by", value: `${atText(job.expiresAt, now)} (only ${job.requesterName} can)` },
        { label: "Job", value: job.id },
      ],
    },
    { type: "actions", actions: lastPage ? [confirm, cancel] : [cancel] },
    { type: "hint", text: "Or type:", command: `confirm ${job.id}  /  cancel ${job.id}` },
  ];
}

function nothingToDo(input: LaunchInput): Reply {
  const items = input.plans.flatMap((p) => p.items);
  const allRefused = items.length > 0 && items.every((i) => i.result === "refused");
  const orgs = input.plans.map((p) => p.org.slug).join(", ");
  return reply({
    ok: !allRefused && items.length > 0,
    tone: allRefused ? "error" : items.length === 0 ? "warning" : "info",
    title: allRefused
      ? `You may not ${input.action} any of the ${items.length} matched campaigns in ${orgs}; nothing was changed.`
      : `Nothing to ${input.action}${orgs ? ` in ${orgs}` : ""}.`,
    blocks: [
      ...(input.intro ?? []),
      ...(items.length
        ? [...countLines(input.action, items), ...unchangedBlocks({ action: input.action, items })]
        : []),
      ...input.notes.map((text) => ({ type: "text" as const, text, tone: "warning" as const })),
    ],
  });
}

async function auditPlan(services: CoreServices, job: BulkJob, input: LaunchInput, awaiting: boolean) {
  const count = (pred: (i: BulkJob["items"][number]) => boolean) => job.items.filter(pred).length;
  await services.audit.append({
    actor: job.requester,
    platform: job.platform,
    channel: job.channel,
    orgSlug: job.orgs.length === 1 ? (job.orgs[0] ?? null) : null,
    action: job.action,
    targetName: `bulk ${job.id} ${job.selector} (${count((i) => i.status === "pending")} campaigns)`,
    reason: job.reason,
    outcome: awaiting ? "pending" : "info",
    detail: {
      bulkJobId: job.id,
      orgs: job.orgs,
      selector: input.selector,
      planned: count((i) => i.status === "pending"),
      refused: count((i) => i.result === "refused"),
      skipped: count((i) => i.status === "skipped"),
    },
  });
}
