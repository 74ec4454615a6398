/**
 * The permission step of pause/resume: every target is checked in its own division before any
 * Genesys change, and one refusal stops the whole command (a half-applied bulk pause is harder to
 * reason about than none). Each refusal is audited as `denied`.
 */

import type { CommandContext } from "../command.js";
import { AppError } from "../errors.js";
import type { Campaign } from "../model.js";
import type { GateAllowed, GateDenied } from "../permissions/gate-decision.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { GenesysOrgClient, LinkedOrg } from "../ports.js";
import type { SwitchAction } from "./switch-campaign.js";

export interface AuthorizedTarget {
  campaign: Campaign;
  decision: GateAllowed;
}

/** Refuses (audited) unless the caller is mapped to a Genesys identity Switchboard can read. */
export async function requireIdentity(
  ctx: CommandContext,
  org: LinkedOrg,
  client: GenesysOrgClient,
  action: SwitchAction,
  refs: string[],
  reason: string | undefined,
): Promise<void> {
  const who = await ctx.services.gate.identify(ctx.invocation.actor.id, org, client, action);
  if (who.allowed) return;
  await auditDenied(ctx, org, action, reason, who, { targetName: refs.join(" ") || null });
  throw notPermitted(who);
}

/** The targets with the decision that allows each; throws not_permitted (nothing changed) if any is refused. */
export async function authorizeTargets(
  ctx: CommandContext,
  org: LinkedOrg,
  client: GenesysOrgClient,
  action: SwitchAction,
  campaigns: Campaign[],
  reason: string | undefined,
): Promise<AuthorizedTarget[]> {
  const actor = ctx.invocation.actor.id;
  const allowed: AuthorizedTarget[] = [];
  const refused: { campaign: Campaign; decision: GateDenied }[] = [];
  for (const campaign of campaigns) {
    const decision = await ctx.services.gate.check(actor, org, client, action, campaign.division);
    if (decision.allowed) allowed.push({ campaign, decision });
    else refused.push({ campaign, decision });
  }
  for (const r of refused)
    await auditDenied(ctx, org, action, reason, r.decision, {
      target: r.campaign.id,
      targetName: r.campaign.name,
    });
  const [first] = refused;
  if (!first) return allowed;
  const done = action === "pause" ? "paused" : "resumed";
  if (campaigns.length === 1) {
    throw notPermitted(first.decision, [
      `${first.campaign.name} is in division ${first.campaign.division.name}. Nothing was ${done}.`,
    ]);
  }
  throw new AppError(
    "not_permitted",
    `Nothing was ${done}: you may not ${action} ${refused.length} of the ${campaigns.length} campaigns.`,
    {
      hint: first.decision.hint,
      details: refused.map(
        (r) => `• ${r.campaign.name} (${r.campaign.division.name}): ${r.decision.message}`,
      ),
    },
  );
}

async function auditDenied(
  ctx: CommandContext,
  org: LinkedOrg,
  action: SwitchAction,
  reason: string | undefined,
  decision: GateDenied,
  target: { target?: string | null; targetName: string | null },
): Promise<void> {
  await ctx.services.audit.append({
    actor: ctx.invocation.actor.id,
    platform: ctx.invocation.platform,
    channel: ctx.invocation.channel.id,
    orgSlug: org.slug,
    action,
    target: target.target ?? null,
    targetName: target.targetName,
    reason: reason ?? null,
    outcome: "denied",
    genesysIdentity: decision.genesysIdentity ?? null,
    detail: { reason: decision.reason, missing: decision.missing, division: decision.division?.name ?? null },
  });
}
