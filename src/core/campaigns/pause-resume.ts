/**
 * Where pause and resume happen: named campaigns in one org (`pause acme "Spring Promo"`), for
 * whoever asks (a chat command, a button). The steps, in order: the org; the caller's Genesys
 * identity; the campaigns, among those the caller may view; each one's division; the policy (file
 * an approval request instead, or go ahead); the audited Genesys change (switch-campaign.ts); for
 * `pause --for`, the resume to schedule. Bulk selections (`--all`, `--match`) are core/bulk's.
 */
import { fileApprovalRequest } from "../approvals/request-approval.js";
import { AppError, isAppError } from "../kernel/errors.js";
import type { Campaign } from "../kernel/model.js";
import type { Block } from "../kernel/reply.js";
import { noProgress, type Progress, type Requested } from "../kernel/requested.js";
import type { DivisionScope } from "../permissions/gate-decision.js";
import { resolveRule } from "../policy/policy.js";
import type { ApprovalRequest } from "../ports/approval-store.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import { scheduleResumes } from "../schedule/schedule-resume.js";
import type { CoreServices } from "../services.js";
import { authorizeTargets, requireIdentity } from "./authorize-switch.js";
import { resolveCampaign } from "./resolve-campaign.js";
import { resolveOrg } from "./resolve-org.js";
import {
  assertSwitchable,
  isAlready,
  type SwitchAction,
  type SwitchResult,
  switchCampaign,
} from "./switch-campaign.js";

export interface SwitchCampaignsInput {
  orgSlug: string;
  /** Campaign names or ids as typed; unquoted words are tried together first. */
  refs: string[];
  /** The divisions the caller may view: a campaign outside them is "not found". */
  viewable: DivisionScope;
  reason?: string;
}

export interface PauseInput extends SwitchCampaignsInput {
  /** `--for`: schedule the resume of what this pause stopped. */
  forMs?: number;
}

export type SwitchCampaignsOutcome =
  /** The policy asks for approvers: nothing changed, a request is filed. */
  | { kind: "approval"; org: LinkedOrg; request: ApprovalRequest; restarting?: Campaign }
  | {
      kind: "switched";
      org: LinkedOrg;
      results: SwitchResult[];
      /** A complete campaign being resumed: Genesys dials its list again from the start. */
      restarting?: Campaign;
      /** What `--for` scheduled (or why it did not). */
      scheduled: Block[];
    };

export function pauseCampaign(
  services: CoreServices,
  requested: Requested,
  input: PauseInput,
  progress: Progress = noProgress,
): Promise<SwitchCampaignsOutcome> {
  return switchCampaigns(services, requested, "pause", input, progress);
}

export function resumeCampaign(
  services: CoreServices,
  requested: Requested,
  input: SwitchCampaignsInput,
  progress: Progress = noProgress,
): Promise<SwitchCampaignsOutcome> {
  return switchCampaigns(services, requested, "resume", input, progress);
}

async function switchCampaigns(
  services: CoreServices,
  requested: Requested,
  action: SwitchAction,
  input: PauseInput,
  progress: Progress,
): Promise<SwitchCampaignsOutcome> {
  const { refs, reason, forMs } = input;
  const org = await resolveOrg(services.orgs, input.orgSlug);
  const client = await services.genesys.forOrg(org);
  // Unmapped or unverifiable callers are refused before campaign names are resolved (and suggested).
  await requireIdentity(services, requested, { org, client, action, reason, refs });
  // Names resolve among the campaigns the caller may view: a hidden one is "not found".
  const campaigns = await resolveTargets(
    client,
    org,
    refs,
    input.viewable,
    (c) => `${action} ${org.slug} ${c}`,
  );
  // Every target's division is checked before the first Genesys change.
  const targets = await authorizeTargets(services, requested, { org, client, action, reason, campaigns });
  // Policy decides whether the change waits for an approver. Campaigns already where the caller
  // wants them need no one's approval: they are reported as such.
  const rule = resolveRule(services.policy.current(), org.slug, action, { bulk: false });
  const toChange = targets.filter(({ campaign }) => !isAlready(action, campaign.status));
  for (const { campaign } of toChange) assertSwitchable(action, campaign, org);
  const restarting =
    action === "resume"
      ? restartingCampaign(
          org,
          toChange.map((t) => t.campaign),
        )
      : undefined;
  if (rule.approval === "required" && toChange.length > 0) {
    const request = await fileApprovalRequest(services, requested, {
      org,
      campaigns: toChange.map((t) => t.campaign),
      action,
      reason,
      rule,
      genesysIdentity: toChange[0]?.decision.genesysIdentity,
    });
    return { kind: "approval", org, request, restarting };
  }
  const results: SwitchResult[] = [];
  for (const { campaign, decision } of targets) {
    results.push(
      await switchCampaign(
        services,
        requested,
        { org, client, campaign, action, reason, genesysIdentity: decision.genesysIdentity },
        progress,
      ),
    );
  }
  const scheduled =
    forMs === undefined ? [] : await scheduleAfterPause(services, requested, org, results, forMs, reason);
  return { kind: "switched", org, results, restarting, scheduled };
}

/**
 * Starting a complete campaign makes Genesys dial its contact list again from the start (it
 * recycles): allowed only when the campaign is named on its own, and said out loud when it is.
 */
function restartingCampaign(org: LinkedOrg, campaigns: Campaign[]): Campaign | undefined {
  const complete = campaigns.filter((c) => c.status === "complete");
  const first = complete[0];
  if (!first) return undefined;
  if (campaigns.length > 1)
    throw new AppError(
      "usage",
      `${complete.map((c) => c.name).join(", ")} ${complete.length === 1 ? "is" : "are"} complete: starting ${complete.length === 1 ? "it" : "them"} makes Genesys dial the contact list again from the start. Nothing was resumed.`,
      { hint: `Name a complete campaign on its own if that is wanted: resume ${org.slug} "${first.name}"` },
    );
  return first;
}

/** `--for`: the resume of what this pause stopped (not of what was already off: it stays off). */
async function scheduleAfterPause(
  services: CoreServices,
  requested: Requested,
  org: LinkedOrg,
  results: SwitchResult[],
  forMs: number,
  reason: string | undefined,
): Promise<Block[]> {
  const paused = results.filter((r) => r.outcome !== "already").map((r) => r.campaign);
  if (paused.length === 0) return [{ type: "text", text: "Nothing was paused, so no resume was scheduled." }];
  return scheduleResumes(
    services,
    requested,
    [
      {
        orgSlug: org.slug,
        targets: paused.map((c) => ({ campaignId: c.id, campaignName: c.name, division: c.division })),
      },
    ],
    forMs,
    { reason: reason ?? null },
  );
}

/**
 * `pause acme Spring Promo` (unquoted) most likely means one campaign called "Spring Promo"; try
 * the words together first, then each word as its own campaign.
 */
async function resolveTargets(
  client: GenesysOrgClient,
  org: LinkedOrg,
  refs: string[],
  visible: DivisionScope,
  example: (campaign: string) => string,
): Promise<Campaign[]> {
  if (refs.length <= 1) return [await resolveCampaign(client, org, refs[0] ?? "", visible, example)];
  try {
    return [await resolveCampaign(client, org, refs.join(" "), visible, example)];
  } catch (joinedError) {
    if (!isAppError(joinedError) || joinedError.code !== "campaign_not_found") throw joinedError;
    const each: Campaign[] = [];
    for (const ref of refs) each.push(await resolveCampaign(client, org, ref, visible, example));
    const unique = new Map(each.map((c) => [c.id, c]));
    return [...unique.values()];
  }
}
