import { executeApprovedJob } from "../bulk/approved-job.js";
import { type SwitchAction, switchCampaign } from "../campaign-switch.js";
import type { CommandContext } from "../command.js";
import { AppError } from "../errors.js";
import { isGenesysError } from "../genesys-error.js";
import type { Campaign } from "../model.js";
import { resolveOrg } from "../org-resolver.js";
import type { ApprovalRequest, GenesysOrgClient, LinkedOrg } from "../ports.js";
import { type Block, type Reply, reply } from "../reply.js";
import { decidedLine } from "./approval-reply.js";

/**
 * Approve or deny a pending request. The rules, in order: the request exists and is pending; it has
 * not expired; nobody approves their own request; the decider holds the approver permission in
 * every target's division, checked now; the vote is recorded atomically, and only the vote that
 * completes the request executes it; a campaign whose version moved since the request voids it.
 */
export async function decide(
  ctx: CommandContext,
  id: string,
  verdict: "approve" | "deny",
  reason?: string,
): Promise<Reply> {
  const { services, invocation } = ctx;
  const approvals = services.approvals;
  const now = services.clock.now();
  const request = await approvals.get(id.trim().toUpperCase());
  if (!request) {
    throw new AppError("usage", `There is no approval request ${id}.`, {
      hint: "See the pending ones with: approvals",
    });
  }
  const audit = auditFor(ctx, request);
  if (request.status !== "pending") {
    return reply({ ok: false, tone: "warning", blocks: [{ type: "text", text: decidedLine(request, now) }] });
  }
  if (request.expiresAt.getTime() <= now.getTime()) {
    const expired = await approvals.transition(request.id, ["pending"], "expired", {
      at: now,
      statusReason: "expired before a decision",
    });
    if (expired)
      await audit({
        action: `${verdict}`,
        outcome: "failure",
        detail: { approvalId: request.id, expired: true },
      });
    return errorLine(
      `Request ${request.id} expired ${request.expiresAt.toISOString().slice(11, 16)} UTC without a decision.`,
      `Ask ${request.requesterName} to run it again: ${request.action} ${request.orgSlug} "${request.targets[0]?.campaignName ?? ""}"`,
    );
  }
  const actor = invocation.actor.id;
  const isRequester = actor === request.requester;
  if (verdict === "approve" && isRequester) {
    await audit({
      action: "approve",
      outcome: "denied",
      detail: { approvalId: request.id, rule: "no self-approval" },
    });
    return errorLine(
      "You cannot approve your own request; someone else has to.",
      `It stays pending until ${request.expiresAt.toISOString().slice(11, 16)} UTC.`,
    );
  }
  const org = await resolveOrg(services.orgs, request.orgSlug);
  const client = await services.genesys.forOrg(org);
  // Withdrawing your own request needs no approver rights; deciding someone else's does.
  if (!(verdict === "deny" && isRequester)) {
    for (const target of request.targets) {
      const decision = await services.gate.checkApprover(actor, org, client, request, target.division);
      if (!decision.allowed) {
        await audit({
          action: verdict,
          outcome: "denied",
          detail: { approvalId: request.id, missing: decision.missing },
        });
        return errorLine(`${decision.message} The request stays pending.`, decision.hint);
      }
    }
  }
  if (verdict === "deny") {
    const denied = await approvals.transition(request.id, ["pending"], "denied", {
      at: now,
      decidedBy: actor,
      statusReason: reason ?? (isRequester ? "withdrawn by the requester" : null),
    });
    if (!denied) return alreadyDecided(approvals, request.id, now);
    await audit({
      action: "deny",
      outcome: "success",
      reason: reason ?? null,
      detail: { approvalId: request.id },
    });
    return reply({
      tone: "info",
      visibility: "channel",
      blocks: [
        {
          type: "text",
          text: `${invocation.actor.displayName} ${isRequester ? "withdrew" : "denied"} request ${request.id} (${request.action} in ${request.orgSlug})${reason ? `: ${reason}` : "."}`,
        },
      ],
    });
  }
  const vote = await approvals.addApproval(request.id, actor, now);
  if (vote.kind === "duplicate") {
    const left = vote.request.approversRequired - vote.request.approvals.length;
    return reply({
      tone: "info",
      blocks: [
        {
          type: "text",
          text: `You already approved ${request.id}; it needs ${left} more approval${left === 1 ? "" : "s"}.`,
        },
      ],
    });
  }
  if (vote.kind === "not_pending")
    return reply({
      ok: false,
      tone: "warning",
      blocks: [{ type: "text", text: decidedLine(vote.request, now) }],
    });
  await audit({
    action: "approve",
    outcome: "success",
    detail: { approvalId: request.id, votes: vote.request.approvals.length },
  });
  if (!vote.completed) {
    const left = vote.request.approversRequired - vote.request.approvals.length;
    return reply({
      tone: "info",
      visibility: "channel",
      blocks: [
        {
          type: "text",
          text: `${invocation.actor.displayName} approved ${request.id}; ${left} more approval${left === 1 ? "" : "s"} needed.`,
        },
      ],
    });
  }
  return execute(ctx, vote.request, org, client);
}

/** Runs an approved request, as the requester, after checking nothing moved underneath it. */
async function execute(
  ctx: CommandContext,
  request: ApprovalRequest,
  org: LinkedOrg,
  client: GenesysOrgClient,
): Promise<Reply> {
  const { services } = ctx;
  // A bulk selector's request runs through the bulk executor (per-campaign results, exactly once).
  const job = await services.bulk.findByApproval(request.id);
  if (job) return executeApprovedJob(ctx, request, job);
  const now = () => services.clock.now();
  const current: Campaign[] = [];
  for (const target of request.targets) {
    const campaign = await client.getCampaign(target.campaignId);
    if (campaign.version !== target.version) {
      const why = `${campaign.name} changed since the request (version ${target.version} → ${campaign.version}; now ${campaign.status})`;
      await services.approvals.transition(request.id, ["approved"], "voided", {
        at: now(),
        statusReason: why,
      });
      await auditFor(
        ctx,
        request,
      )({ action: request.action, outcome: "failure", detail: { approvalId: request.id, voided: why } });
      return errorLine(
        `Request ${request.id} is void: ${why}. Nothing was changed.`,
        `Check it and ask again if still needed: status ${org.slug} "${campaign.name}"`,
      );
    }
    current.push(campaign);
  }
  // The change is made on the requester's behalf: their identity and channel go on the audit rows.
  const asRequester: CommandContext = {
    ...ctx,
    invocation: {
      ...ctx.invocation,
      actor: { id: request.requester, displayName: request.requesterName },
      channel: { id: request.channel },
    },
  };
  const lines: Block[] = [];
  try {
    for (const campaign of current) {
      const result = await switchCampaign(
        asRequester,
        org,
        client,
        campaign,
        request.action as SwitchAction,
        request.reason ?? undefined,
        {
          approvalId: request.id,
          approvedBy: ctx.invocation.actor.id,
        },
      );
      lines.push({
        type: "text",
        tone: "success",
        text: `${request.action === "resume" ? "Resumed" : "Paused"} ${campaign.name} in ${org.slug}: ${result.startedStatus} → ${result.campaign.status}.`,
      });
    }
  } catch (e) {
    const why = isGenesysError(e)
      ? `${e.status} ${e.code}`
      : e instanceof AppError
        ? e.userMessage
        : "unexpected error";
    await services.approvals.transition(request.id, ["approved"], "failed", { at: now(), statusReason: why });
    throw e;
  }
  await services.approvals.transition(request.id, ["approved"], "executed", {
    at: now(),
    decidedBy: ctx.invocation.actor.id,
  });
  return reply({
    tone: "success",
    visibility: "channel",
    title: `${ctx.invocation.actor.displayName} approved ${request.id} (requested by ${request.requesterName})`,
    blocks: lines,
  });
}

function auditFor(ctx: CommandContext, request: ApprovalRequest) {
  return (row: {
    action: string;
    outcome: "success" | "failure" | "denied" | "info";
    reason?: string | null;
    detail?: Record<string, unknown>;
  }) =>
    ctx.services.audit.append({
      actor: ctx.invocation.actor.id,
      platform: ctx.invocation.platform,
      channel: ctx.invocation.channel.id,
      orgSlug: request.orgSlug,
      target: request.targets.length === 1 ? (request.targets[0]?.campaignId ?? null) : null,
      targetName: request.targets.map((t) => t.campaignName).join(", "),
      ...row,
    });
}

async function alreadyDecided(
  approvals: CommandContext["services"]["approvals"],
  id: string,
  now: Date,
): Promise<Reply> {
  const latest = await approvals.get(id);
  return reply({
    ok: false,
    tone: "warning",
    blocks: [
      { type: "text", text: latest ? decidedLine(latest, now) : `Request ${id} was already decided.` },
    ],
  });
}

function errorLine(message: string, hint?: string): Reply {
  const blocks: Block[] = [{ type: "text", text: message, tone: "error" }];
  if (hint) blocks.push({ type: "hint", text: hint });
  return reply({ ok: false, tone: "error", blocks });
}
