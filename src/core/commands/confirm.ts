import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
/**
 * `confirm <job>` and `cancel <job>`: the caller's answer to a bulk plan (the Confirm and Cancel
 * buttons send the same). Only the requester confirms: confirming means "I saw this list and I mean
 * it". The confirmation is recorded once (a double click runs nothing twice), then the job runs.
 */

import { approvalRequestReply } from "../approvals/approval-reply.js";
import { loadJob } from "../bulk/load-job.js";
import { jobTitle, runJob } from "../bulk/run-job.js";
import type { CommandContext, CommandDefinition } from "../dispatch/command.js";
import { refused } from "../kernel/errors.js";
import { ago } from "../kernel/format.js";
import { type Block, type Reply, reply } from "../kernel/reply.js";
import type { BulkJob } from "../ports/bulk-store.js";
import { atText } from "../schedule/schedule-resume.js";

export const confirmCommand: CommandDefinition = {
  name: "confirm",
  access: PERMISSION_CATALOGUE.confirm,
  summary: "Go ahead with a bulk pause or resume you planned (the Confirm button does the same)",
  args: [{ name: "job-id" }],
  examples: ["confirm B7K2QX"],
  async run(ctx) {
    const { services, invocation } = ctx;
    const job = await loadJob(services, ctx.args.positionals[0] ?? "");
    const now = services.clock.now();
    if (invocation.actor.id !== job.requester)
      throw refused(`Only ${job.requesterName} can confirm job ${job.id}: they planned it.`, {
        hint: `To do the same yourself, run the command yourself: ${job.action} ${job.orgs.length > 1 ? `--orgs ${job.orgs.join(",")}` : job.orgs[0]} ${job.selector}`,
      });
    if (job.confirmation !== "pending") return alreadyAnswered(job, now);
    if (job.expiresAt.getTime() <= now.getTime())
      return reply({
        ok: false,
        tone: "warning",
        blocks: [
          {
            type: "text",
            text: `Job ${job.id} expired at ${atText(job.expiresAt, now)} without confirmation; nothing was changed.`,
          },
          {
            type: "hint",
            text: "Plan it again (the list may have changed):",
            command: `${job.action} ${job.orgs.length > 1 ? `--orgs ${job.orgs.join(",")}` : job.orgs[0]} ${job.selector}`,
          },
        ],
      });
    if (!(await services.bulk.decide(job.id, "confirmed", invocation.actor.id, now)))
      return alreadyAnswered((await services.bulk.get(job.id)) ?? job, now);
    await record(ctx, job, "confirm");
    const confirmed = (await services.bulk.get(job.id)) ?? job;
    const { reply: result } = await runJob(ctx, confirmed, {
      eligible: (i) => i.approvalId === null,
      retryFailed: false,
      title: jobTitle(confirmed),
      // The result replaces the plan's message: requests still open for other orgs keep their buttons.
      after: await openApprovalCards(ctx, confirmed),
    });
    return result;
  },
};

export const cancelCommand: CommandDefinition = {
  name: "cancel",
  access: PERMISSION_CATALOGUE.cancel,
  summary: "Drop a bulk pause or resume that waits for your confirmation (the Cancel button does the same)",
  args: [{ name: "job-id" }],
  examples: ["cancel B7K2QX"],
  async run(ctx) {
    const { services, invocation } = ctx;
    const job = await loadJob(services, ctx.args.positionals[0] ?? "");
    const actor = invocation.actor.id;
    if (actor !== job.requester && !services.isAdmin(actor))
      throw refused(`Only ${job.requesterName} (or an admin) can cancel job ${job.id}.`, {
        hint: "It expires by itself if nobody confirms it.",
      });
    const now = services.clock.now();
    if (!(await services.bulk.decide(job.id, "cancelled", actor, now)))
      return alreadyAnswered((await services.bulk.get(job.id)) ?? job, now);
    await record(ctx, job, "cancel");
    const verb = job.action === "pause" ? "paused" : "resumed";
    return reply({
      tone: "info",
      visibility: "channel",
      blocks: [
        {
          type: "text",
          text: `${invocation.actor.displayName} cancelled job ${job.id} (${job.action} ${job.selector} in ${job.orgs.join(", ")}): nothing was ${verb}.`,
        },
      ],
    });
  },
};

function alreadyAnswered(job: BulkJob, now: Date): Reply {
  const text =
    job.confirmation === "not_needed"
      ? `Job ${job.id} needs no confirmation: its campaigns wait for an approval (see: approvals).`
      : `Job ${job.id} was already ${job.confirmation}${job.confirmedBy ? ` by ${job.confirmedBy}` : ""}${job.confirmedAt ? ` ${ago(job.confirmedAt, now)}` : ""}.`;
  return reply({
    ok: false,
    tone: "warning",
    blocks: [
      { type: "text", text },
      { type: "hint", text: "See where it stands:", command: `bulk status ${job.id}` },
    ],
  });
}

async function record(ctx: CommandContext, job: BulkJob, verb: "confirm" | "cancel"): Promise<void> {
  await ctx.services.audit.append({
    actor: ctx.invocation.actor.id,
    platform: ctx.invocation.platform,
    channel: ctx.invocation.channel.id,
    orgSlug: job.orgs.length === 1 ? (job.orgs[0] ?? null) : null,
    action: `${job.action} ${verb}`,
    targetName: `bulk ${job.id} ${job.selector}`,
    reason: job.reason,
    outcome: "success",
    detail: { bulkJobId: job.id },
  });
}

async function openApprovalCards(ctx: CommandContext, job: BulkJob): Promise<Block[]> {
  const now = ctx.services.clock.now();
  const ids = new Set(
    job.items.flatMap((i) => (i.approvalId && i.status === "pending" ? [i.approvalId] : [])),
  );
  const cards: Block[] = [];
  for (const id of ids) {
    const request = await ctx.services.approvals.get(id);
    if (request?.status === "pending") cards.push(...approvalRequestReply(request, now).blocks);
  }
  return cards;
}
