/**
 * One org's part of a bulk plan: each campaign checked against the caller's permission in its own
 * division, and against its current status. Refused campaigns stay in the plan as `refused` (audited
 * as denied) so the caller sees them; campaigns already where the action would take them are
 * `already …`; the rest are pending.
 */
import { auditDenied } from "../campaigns/authorize-switch.js";
import { isAlready, type SwitchAction } from "../campaigns/switch-campaign.js";
import type { Campaign } from "../kernel/model.js";
import type { Requested } from "../kernel/requested.js";
import type { NewBulkItem } from "../ports/bulk-store.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import type { PauseToUndo } from "./undo-pause.js";

/** A bulk plan's view of one org: its client and its items (notes say what could not be planned). */
export interface OrgPlan {
  org: LinkedOrg;
  client: GenesysOrgClient;
  items: NewBulkItem[];
}

const NOT_RESUMED_IN_BULK: ReadonlySet<string> = new Set(["complete", "invalid"]);

/** One org's campaigns to plan for `action`; `undo` limits a resume to what that bulk pause stopped. */
export interface PlanInput {
  org: LinkedOrg;
  client: GenesysOrgClient;
  campaigns: Campaign[];
  action: SwitchAction;
  reason: string | undefined;
  undo?: PauseToUndo | undefined;
}

export async function planItems(
  services: CoreServices,
  requested: Requested,
  input: PlanInput,
): Promise<NewBulkItem[]> {
  const { org, client, campaigns, action, reason, undo } = input;
  const actor = requested.requester;
  const items: NewBulkItem[] = [];
  for (const campaign of campaigns) {
    const decision = await services.gate.check(actor, org, client, action, campaign.division);
    const base = {
      orgSlug: org.slug,
      campaignId: campaign.id,
      campaignName: campaign.name,
      version: campaign.version,
      division: campaign.division,
      plannedStatus: campaign.status,
      genesysIdentity: decision.genesysIdentity ?? null,
    };
    if (!decision.allowed) {
      await auditDenied(
        services,
        requested,
        { org, action, reason },
        decision,
        { target: campaign.id, targetName: campaign.name },
        { division: campaign.division.name, bulk: true },
      );
      items.push({ ...base, status: "skipped", result: "refused", detail: decision.message });
    } else if (isAlready(action, campaign.status)) {
      items.push({ ...base, status: "skipped", result: `already ${campaign.status}`, detail: null });
    } else if (action === "resume" && NOT_RESUMED_IN_BULK.has(campaign.status)) {
      // A selector never restarts a finished or broken campaign: for a complete one Genesys would
      // dial its list again from the top of what is left; name it on its own if that is wanted.
      items.push({
        ...base,
        status: "skipped",
        result: `not resumed (${campaign.status})`,
        detail:
          campaign.status === "complete"
            ? `Starting a complete campaign makes Genesys dial its list again; if that is wanted: resume ${org.slug} "${campaign.name}"`
            : "Genesys will not start an invalid campaign; fix its configuration first.",
      });
    } else if (undo && !undo.paused.has(campaign.id)) {
      items.push({ ...base, status: "skipped", ...notPausedBy(undo, org, campaign) });
    } else if (action === "resume" && campaign.status === "stopping") {
      items.push({
        ...base,
        status: "skipped",
        result: "still stopping",
        detail: "Genesys will not start it until it is off; run the command again in a moment.",
      });
    } else {
      items.push({ ...base, status: "pending" });
    }
  }
  return items;
}

/** Why a campaign the undone pause did not stop stays as it is. */
function notPausedBy(undo: PauseToUndo, org: LinkedOrg, campaign: Campaign) {
  const id = undo.job.id;
  const planned = undo.job.items.find((i) => i.orgSlug === org.slug && i.campaignId === campaign.id);
  const offBefore = planned?.result?.startsWith("already ") === true;
  return {
    result: offBefore ? `not resumed (off before ${id})` : `not resumed (not paused by ${id})`,
    detail: `${offBefore ? `It was already ${planned?.plannedStatus} when pause ${id} ran` : `Pause ${id} did not stop it`}; to start it anyway: resume ${org.slug} "${campaign.name}"`,
  };
}
