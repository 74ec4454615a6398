/**
 * The permission step of pause/resume: every target is checked in its own division before any
 * Genesys change, and one refusal stops the whole command (a half-applied bulk pause is harder to
 * reason about than none). Each refusal is audited as `denied`.
 */

import { refused } from "../kernel/errors.js";
import type { Campaign } from "../kernel/model.js";
import type { Requested } from "../kernel/requested.js";
import type { GateAllowed, GateDenied } from "../permissions/gate-decision.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import type { SwitchAction } from "./switch-campaign.js";

/** The org, its client and what is asked of it: the common part of every permission step. */
export interface SwitchRequest {
  org: LinkedOrg;
  client: GenesysOrgClient;
  action: SwitchAction;
  reason?: string | undefined;
}

export interface AuthorizedTarget {
  campaign: Campaign;
  decision: GateAllowed;
}

/** Refuses (audited) unless the caller is mapped to a Genesys identity Switchboard can read. */
export async function requireIdentity(
  services: CoreServices,
  requested: Requested,
  input: SwitchRequest & { refs: string[] },
): Promise<void> {
  const { org, client, action, refs } = input;
  const who = await services.gate.identify(requested.requester, org, client, action);
  if (who.allowed) return;
  await auditDenied(services, requested, input, who, { targetName: refs.join(" ") || null });
  throw notPermitted(who);
}

/** The targets with the decision that allows each; throws not_permitted (nothing changed) if any is refused. */
export async function authorizeTargets(
  services: CoreServices,
  requested: Requested,
  input: SwitchRequest & { campaigns: Campaign[] },
): Promise<AuthorizedTarget[]> {
  const { org, client, action, campaigns } = input;
  const actor = requested.requester;
  const allowed: AuthorizedTarget[] = [];
  const refusedTargets: { campaign: Campaign; decision: GateDenied }[] = [];
  for (const campaign of campaigns) {
    const decision = await services.gate.check(actor, org, client, action, campaign.division);
    if (decision.allowed) allowed.push({ campaign, decision });
    else refusedTargets.push({ campaign, decision });
  }
  for (const r of refusedTargets)
    await auditDenied(services, requested, input, r.decision, {
      target: r.campaign.id,
      targetName: r.campaign.name,
    });
  const [first] = refusedTargets;
  if (!first) return allowed;
  const done = action === "pause" ? "paused" : "resumed";
  if (campaigns.length === 1) {
    throw notPermitted(first.decision, [
      `${first.campaign.name} is in division ${first.campaign.division.name}. Nothing was ${done}.`,
    ]);
  }
  throw refused(
    `Nothing was ${done}: you may not ${action} ${refusedTargets.length} of the ${campaigns.length} campaigns.`,
    {
      hint: first.decision.hint,
      details: refusedTargets.map(
        (r) => `• ${r.campaign.name} (${r.campaign.division.name}): ${r.decision.message}`,
      ),
    },
  );
}

/**
 * The audit row of a refused switch (single or bulk): who, what, and the gate's reason. `detail`
 * adds to or overrides the gate's facts (a bulk plan names the campaign's own division).
 */
export async function auditDenied(
  services: CoreServices,
  requested: Requested,
  { org, action, reason }: Pick<SwitchRequest, "org" | "action" | "reason">,
  decision: GateDenied,
  target: { target?: string | null; targetName: string | null },
  detail: Record<string, unknown> = {},
): Promise<void> {
  await services.audit.append({
    actor: requested.requester,
    platform: requested.platform,
    channel: requested.channel,
    orgSlug: org.slug,
    action,
    target: target.target ?? null,
    targetName: target.targetName,
    reason: reason ?? null,
    outcome: "denied",
    genesysIdentity: decision.genesysIdentity ?? null,
    detail: {
      reason: decision.reason,
      missing: decision.missing,
      division: decision.division?.name ?? null,
      ...detail,
    },
  });
}
