import type { Campaign } from "../kernel/model.js";
import type { Requested } from "../kernel/requested.js";
import type { ResolvedRule } from "../policy/policy.js";
import type { ApprovalRequest } from "../ports/approval-store.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

/** What waits for approvers: the campaigns as they are now, the action, and the rule that asks for it. */
export interface ApprovalInput {
  org: LinkedOrg;
  campaigns: Pick<Campaign, "id" | "name" | "version" | "status" | "division">[];
  action: "pause" | "resume";
  reason: string | undefined;
  rule: ResolvedRule;
  /** Added to the pending audit row (a bulk job names itself). */
  detail?: Record<string, unknown>;
  genesysIdentity?: string | null;
}

/**
 * Files a request instead of acting: the campaigns as they are now (their version voids the request
 * if they change), who asked and why, and what the policy demands of approvers. Audited as pending.
 */
export async function fileApprovalRequest(
  services: CoreServices,
  requested: Requested,
  input: ApprovalInput,
): Promise<ApprovalRequest> {
  const { org, campaigns, action, reason, rule, detail = {}, genesysIdentity } = input;
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
    requester: requested.requester,
    requesterName: requested.requesterName,
    reason: reason ?? null,
    platform: requested.platform,
    channel: requested.channel,
    approversRequired: rule.approvers,
    approverPermission: rule.approverPermission,
    approverMustBeUser: rule.approverMustBeUser,
    expiresAt: new Date(now.getTime() + rule.expiresMs),
  });
  await services.audit.append({
    actor: requested.requester,
    platform: requested.platform,
    channel: requested.channel,
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
