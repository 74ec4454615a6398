import type { CommandContext } from "../command.js";
import type { Campaign } from "../model.js";
import type { ResolvedRule } from "../policy/policy.js";
import type { ApprovalRequest, LinkedOrg } from "../ports.js";
import type { Reply } from "../reply.js";
import { approvalRequestReply } from "./approval-reply.js";

/**
 * Files a request instead of acting: the campaigns as they are now (their version voids the request
 * if they change), who asked and why, and what the policy demands of approvers. Audited as pending.
 */
export async function requestApproval(
  ctx: CommandContext,
  org: LinkedOrg,
  campaigns: Campaign[],
  action: "pause" | "resume",
  reason: string | undefined,
  rule: ResolvedRule,
  genesysIdentity?: string | null,
): Promise<Reply> {
  const request = await fileApprovalRequest(ctx, org, campaigns, action, reason, rule, {}, genesysIdentity);
  return approvalRequestReply(request, ctx.services.clock.now());
}

/** The request itself, created and audited as pending (a bulk job shows it within its own reply). */
export async function fileApprovalRequest(
  ctx: CommandContext,
  org: LinkedOrg,
  campaigns: Pick<Campaign, "id" | "name" | "version" | "status" | "division">[],
  action: "pause" | "resume",
  reason: string | undefined,
  rule: ResolvedRule,
  detail: Record<string, unknown> = {},
  genesysIdentity?: string | null,
): Promise<ApprovalRequest> {
  const { services, invocation } = ctx;
  const now = services.clock.now();
  const request = await services.approvals.create({
    orgSlug: org.slug,
    action,
    targets: campaigns.map((c) => ({
      campaignId: c.id,
      campaignName: c.name,
      version: c.version,
      status: c.status,
      division: c.division,
    })),
    requester: invocation.actor.id,
    requesterName: invocation.actor.displayName,
    reason: reason ?? null,
    platform: invocation.platform,
    channel: invocation.channel.id,
    approversRequired: rule.approvers,
    approverPermission: rule.approverPermission,
    approverMustBeUser: rule.approverMustBeUser,
    expiresAt: new Date(now.getTime() + rule.expiresMs),
  });
  await services.audit.append({
    actor: invocation.actor.id,
    platform: invocation.platform,
    channel: invocation.channel.id,
    orgSlug: org.slug,
    action,
    target: campaigns.length === 1 ? (campaigns[0]?.id ?? null) : null,
    targetName: campaigns.map((c) => c.name).join(", "),
    reason: reason ?? null,
    outcome: "pending",
    genesysIdentity: genesysIdentity ?? null,
    detail: {
      approvalId: request.id,
      approvers: rule.approvers,
      policy: rule.source,
      expiresAt: request.expiresAt.toISOString(),
      ...detail,
    },
  });
  return request;
}
