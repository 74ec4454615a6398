import { executeApprovedJob } from "../bulk/approved-job.js";
import { resolveOrg } from "../campaigns/resolve-org.js";
import { type SwitchAction, switchCampaign } from "../campaigns/switch-campaign.js";
import { AppError, refused } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import { userMapCommand } from "../kernel/hints.js";
import type { Campaign } from "../kernel/model.js";
import { type Block, type Reply, reply } from "../kernel/reply.js";
import type { Progress, Requested } from "../kernel/requested.js";
import { genesysIdentityLabel } from "../permissions/identity-grants.js";
import type { ApprovalRequest } from "../ports/approval-store.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { decidedLine } from "./approval-reply.js";
import { personOf } from "./person.js";

/**
 * Approve or deny a pending request. A rule that says no throws `refused` after its own audit row
 * (the dispatcher's one way to report and audit a refusal); outcomes that are not refusals (already
 * decided, expired, void) are replies. The rules, in order: the request exists and is pending; it has
 * not expired; nobody approves their own request; the decider holds the approver permission in
 * every target's division, checked now; the vote is recorded atomically, and only the vote that
 * completes the request executes it; a campaign whose version moved since the request voids it.
 */
export interface DecideInput {
  id: string;
  verdict: "approve" | "deny";
  reason?: string;
}

export async function decide(
  services: CoreServices,
  /** Who decides: their identity, name and channel go on the audit rows and the reply. */
  approver: Requested,
  { id, verdict, reason }: DecideInput,
  progress: Progress,
): Promise<Reply> {
  const approvals = services.approvals;
  const now = services.clock.now();
  const request = await approvals.get(id.trim().toUpperCase());
  if (!request) {
    throw new AppError("usage", `There is no approval request ${id}.`, {
      hint: "See the pending ones with: approvals",
    });
  }
  // The approver's Genesys identity, once the gate has named it: it goes on every row they cause.
  const mapped = await services.identities.get(approver.requester, request.orgSlug);
  const genesysIdentity = { value: mapped ? genesysIdentityLabel(mapped.genesys) : null };
  const audit = auditFor(services, approver, request, genesysIdentity);
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
  const actor = approver.requester;
  // One person may hold several chat identities (shell and Slack, two workspaces): four-eyes counts people.
  const person = await personOf(services.identities, actor);
  const isRequester = person.has(request.requester);
  if (verdict === "approve" && isRequester) {
    await audit({
      action: "approve",
      outcome: "denied",
      detail: {
        approvalId: request.id,
        rule: "no self-approval",
        ...(actor !== request.requester ? { samePersonAs: request.requester } : {}),
      },
    });
    throw refused(
      actor === request.requester
        ? "You cannot approve your own request; someone else has to."
        : `You cannot approve this request: ${request.requester} asked for it, and that is you under another chat identity. Someone else has to.`,
      { hint: `It stays pending until ${request.expiresAt.toISOString().slice(11, 16)} UTC.` },
    );
  }
  const org = await resolveOrg(services.orgs, request.orgSlug);
  const client = await services.genesys.forOrg(org);
  // Withdrawing your own request needs no approver rights; deciding someone else's does.
  if (!(verdict === "deny" && isRequester)) {
    // Policy `approverMustBeUser`: a role mapping is a shared identity Genesys cannot name as a person.
    if (request.approverMustBeUser && mapped?.genesys.kind !== "user") {
      await audit({
        action: verdict,
        outcome: "denied",
        detail: { approvalId: request.id, rule: "approver must be a Genesys user" },
      });
      const youAre =
        mapped?.genesys.kind === "role"
          ? `you are mapped to the Genesys role "${mapped.genesys.roleName}", not to a user`
          : `you are not mapped in ${request.orgSlug}`;
      throw refused(
        `Request ${request.id} must be decided by someone mapped to their own Genesys user; ${youAre}. The request stays pending.`,
        {
          hint: `Ask a Switchboard admin to map you: ${userMapCommand(actor, request.orgSlug)}`,
        },
      );
    }
    for (const target of request.targets) {
      const decision = await services.gate.checkApprover(actor, org, client, request, target.division);
      if (decision.genesysIdentity) genesysIdentity.value = decision.genesysIdentity;
      if (!decision.allowed) {
        await audit({
          action: verdict,
          outcome: "denied",
          detail: { approvalId: request.id, missing: decision.missing },
        });
        throw refused(`${decision.message} The request stays pending.`, { hint: decision.hint });
      }
    }
  }
  if (verdict === "deny") {
    // The requester's own "deny" is a withdrawal: its own status and audit action, so neither a
    // later reader nor the audit log says anyone denied it.
    const denied = await approvals.transition(request.id, ["pending"], isRequester ? "withdrawn" : "denied", {
      at: now,
      decidedBy: actor,
      statusReason: reason ?? null,
    });
    if (!denied) return alreadyDecided(approvals, request.id, now);
    await audit({
      action: isRequester ? "withdraw" : "deny",
      outcome: "success",
      reason: reason ?? null,
      detail: {
        approvalId: request.id,
        ...(isRequester && actor !== request.requester ? { samePersonAs: request.requester } : {}),
      },
    });
    return reply({
      tone: "info",
      visibility: "channel",
      blocks: [
        {
          type: "text",
          text: `${approver.requesterName} ${isRequester ? "withdrew" : "denied"} request ${request.id} (${request.action} in ${request.orgSlug})${reason ? `: ${reason}` : "."}`,
        },
      ],
    });
  }
  // The vote's real time: the grant look-ups above may have taken long enough for the request to expire.
  const votedAt = services.clock.now();
  const vote = await approvals.addApproval(request.id, actor, votedAt, { sameAs: [...person] });
  if (vote.kind === "same_person") {
    await audit({
      action: "approve",
      outcome: "denied",
      detail: { approvalId: request.id, rule: "one vote per person", samePersonAs: vote.votedAs },
    });
    throw refused(
      `You already count for this request as ${vote.votedAs}: one person, one vote, and never on their own request.`,
      { hint: `It stays pending until ${request.expiresAt.toISOString().slice(11, 16)} UTC.` },
    );
  }
  if (vote.kind === "expired") {
    const expired = await approvals.transition(request.id, ["pending"], "expired", {
      at: votedAt,
      statusReason: "expired before a decision",
    });
    if (expired)
      await audit({
        action: "approve",
        outcome: "failure",
        detail: { approvalId: request.id, expired: true },
      });
    return errorLine(
      `Request ${request.id} expired ${request.expiresAt.toISOString().slice(11, 16)} UTC, before your approval was recorded.`,
      `Ask ${request.requesterName} to run it again.`,
    );
  }
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
          text: `${approver.requesterName} approved ${request.id}; ${left} more approval${left === 1 ? "" : "s"} needed.`,
        },
      ],
    });
  }
  return execute(services, approver, { request: vote.request, org, client }, progress);
}

interface ExecuteInput {
  request: ApprovalRequest;
  org: LinkedOrg;
  client: GenesysOrgClient;
  /** A recovery pass already moved it to executing. */
  claimed?: boolean;
}

/**
 * Runs an approved request, as the requester, after checking nothing moved underneath it. It first
 * moves approved → executing (one conditional update: one runner), unless a recovery pass already
 * claimed it; every way out then ends executed, failed or voided, never stuck.
 */
export async function execute(
  services: CoreServices,
  /** The approver whose vote completed the request (recovery names the last one). */
  approver: Requested,
  { request, org, client, claimed: wasClaimed }: ExecuteInput,
  progress: Progress,
): Promise<Reply> {
  if (!wasClaimed) {
    const claimed = await services.approvals.transition(request.id, ["approved"], "executing", {
      at: services.clock.now(),
    });
    if (!claimed) return alreadyDecided(services.approvals, request.id, services.clock.now());
  }
  // A bulk selector's request runs through the bulk executor (per-campaign results, exactly once).
  const job = await services.bulk.findByApproval(request.id);
  if (job) return executeApprovedJob(services, approver, { request, job }, progress);
  const now = () => services.clock.now();
  // Re-checked now, not trusted from request time: the requester may have been unmapped or lost the
  // permission while the request waited. The change runs as them, so it needs their rights today.
  let requesterIdentity: string | null = null;
  for (const target of request.targets) {
    const allowed = await services.gate.check(
      request.requester,
      org,
      client,
      request.action as SwitchAction,
      target.division,
    );
    if (!allowed.allowed) {
      const why = `${request.requesterName} may no longer ${request.action} in ${target.division.name}: ${allowed.message}`;
      await services.approvals.transition(request.id, ["executing"], "failed", {
        at: now(),
        statusReason: why,
      });
      await auditFor(
        services,
        approver,
        request,
      )({
        action: request.action,
        outcome: "denied",
        detail: { approvalId: request.id, recheck: "requester", missing: allowed.missing },
      });
      return errorLine(`Request ${request.id} was approved but not run: ${why} Nothing was changed.`);
    }
    requesterIdentity = allowed.genesysIdentity;
  }
  const current: Campaign[] = [];
  for (const target of request.targets) {
    // A Genesys error here must not leave the request approved forever: it fails, with the reason.
    const campaign = await client.getCampaign(target.campaignId).catch(async (e: unknown) => {
      await services.approvals.transition(request.id, ["executing"], "failed", {
        at: now(),
        statusReason: failureText(e),
      });
      throw e;
    });
    if (campaign.version !== target.version) {
      const why = `${campaign.name} changed since the request (version ${target.version} → ${campaign.version}; now ${campaign.status})`;
      await services.approvals.transition(request.id, ["executing"], "voided", {
        at: now(),
        statusReason: why,
      });
      await auditFor(
        services,
        approver,
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
  const requested: Requested = {
    requester: request.requester,
    requesterName: request.requesterName,
    platform: approver.platform,
    channel: request.channel,
  };
  const lines: Block[] = [];
  try {
    for (const campaign of current) {
      const result = await switchCampaign(
        services,
        requested,
        {
          org,
          client,
          campaign,
          action: request.action as SwitchAction,
          reason: request.reason ?? undefined,
          approvalId: request.id,
          approvedBy: approver.requester,
          genesysIdentity: requesterIdentity,
        },
        progress,
      );
      lines.push({
        type: "text",
        tone: "success",
        text: `${request.action === "resume" ? "Resumed" : "Paused"} ${campaign.name} in ${org.slug}: ${result.startedStatus} → ${result.campaign.status}.`,
      });
    }
  } catch (e) {
    const why = failureText(e);
    await services.approvals.transition(request.id, ["executing"], "failed", {
      at: now(),
      statusReason: why,
    });
    throw e;
  }
  await services.approvals.transition(request.id, ["executing"], "executed", {
    at: now(),
    decidedBy: approver.requester,
  });
  return reply({
    tone: "success",
    visibility: "channel",
    title: `${approver.requesterName} approved ${request.id} (requested by ${request.requesterName})`,
    blocks: lines,
  });
}

function auditFor(
  services: CoreServices,
  approver: Requested,
  request: ApprovalRequest,
  genesysIdentity: { value: string | null } = { value: null },
) {
  return (row: {
    action: string;
    outcome: "success" | "failure" | "denied" | "info";
    reason?: string | null;
    detail?: Record<string, unknown>;
  }) =>
    services.audit.append({
      actor: approver.requester,
      platform: approver.platform,
      channel: approver.channel,
      orgSlug: request.orgSlug,
      target: request.targets.length === 1 ? (request.targets[0]?.campaignId ?? null) : null,
      targetName: request.targets.map((t) => t.campaignName).join(", "),
      genesysIdentity: genesysIdentity.value,
      ...row,
    });
}

async function alreadyDecided(approvals: CoreServices["approvals"], id: string, now: Date): Promise<Reply> {
  const latest = await approvals.get(id);
  return reply({
    ok: false,
    tone: "warning",
    blocks: [
      { type: "text", text: latest ? decidedLine(latest, now) : `Request ${id} was already decided.` },
    ],
  });
}

function failureText(e: unknown): string {
  return isGenesysError(e)
    ? `${e.status} ${e.code}`
    : e instanceof AppError
      ? e.userMessage
      : "unexpected error";
}

function errorLine(message: string, hint?: string): Reply {
  const blocks: Block[] = [{ type: "text", text: message, tone: "error" }];
  if (hint) blocks.push({ type: "hint", text: hint });
  return reply({ ok: false, tone: "error", blocks });
}
