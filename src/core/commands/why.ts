import { resolveCampaign } from "../campaigns/resolve-campaign.js";
import { resolveOrg } from "../campaigns/resolve-org.js";
import { isCredentialFailure } from "../diagnosis/credential-check.js";
import { diagnose } from "../diagnosis/diagnose.js";
import type { DiagnosedAction, Diagnosis } from "../diagnosis/diagnosis.js";
import { requireDiagnose } from "../diagnosis/diagnostics-access.js";
import { diagnosisBlocks, wouldSucceed } from "../diagnosis/render-diagnosis.js";
import { isInvisibleCampaign } from "../diagnosis/visibility.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { isAppError } from "../kernel/errors.js";
import type { Campaign } from "../kernel/model.js";
import { type Block, reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import type { GateDecision } from "../permissions/gate-decision.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import { findDialingCauses, renderDialing } from "../watch/why-dialing.js";

const ACTIONS = new Set<DiagnosedAction>(["pause", "resume", "status"]);

/**
 * `why <org> <campaign> [pause|resume|status]`: a dry run. Reads (never changes) the campaign, the
 * caller's grants and the OAuth client's, and says whether the action would go through for each,
 * and if not, why and the smallest fix.
 */
export const whyCommand: CommandDefinition = {
  name: "why",
  access: PERMISSION_CATALOGUE.why,
  diagnosesBrokenOrgs: true,
  summary:
    "Dry run of pause, resume or status (last word; default status): would it work for you and for the OAuth client? If not, why and the fix. `dialing` instead says why the campaign is not placing calls",
  args: [
    { name: "org", kind: "org" },
    { name: "campaign", kind: "campaign", variadic: true },
  ],
  examples: [
    'why globex "Broadband Upgrade" pause',
    'why acme "Spring Promo" resume',
    "why acme <campaign id> status",
    'why acme "Spring Promo" dialing',
  ],
  async run({ services, args, invocation, access }) {
    const [slug = "", ...words] = args.positionals;
    // `dialing` asks why an `on` campaign places no calls, not whether an action would work.
    const dialing = words.length > 1 && words.at(-1)?.toLowerCase() === "dialing";
    const rest = dialing ? words.slice(0, -1) : words;
    const { ref, action } = splitAction(rest);
    // A broken org is exactly what `why` is for: it is diagnosed, not refused.
    const org = await resolveOrg(services.orgs, slug, { allowBroken: true });
    const actor = invocation.actor.id;
    let anywhere: GateDecision;
    try {
      const client = await services.genesys.forOrg(org);
      anywhere = await services.gate.check(actor, org, client, "why");
    } catch (e) {
      if (!isCredentialFailure(e) && !(isAppError(e) && e.code === "org_broken")) throw e;
      // No token, so no grants to check the caller against: people of that org may see why.
      await requireDiagnose(services, actor, org, "why");
      return render(await diagnose(services, { org, action }), org.slug, action, ref);
    }
    // Someone who may view nothing must not learn campaign names from it; "cannot verify" is itself a finding.
    refuseUnlessMayView(anywhere);
    const client = await services.genesys.forOrg(org);
    let campaign: Campaign | undefined;
    try {
      // Among what the caller may view; "all" only when their grants cannot be read (itself the finding).
      const visible = anywhere.allowed ? (access?.viewable ?? []) : "all";
      campaign = await resolveCampaign(client, org, ref, visible, (c) => `why ${org.slug} ${c} ${action}`);
    } catch (e) {
      // Diagnosed below: a campaign the OAuth client cannot see is one of the causes `why` is for.
      // One the client sees but the caller may not view stays "not found", as if it did not exist.
      if (!isInvisibleCampaign(e) || (await clientSees(client, org, ref))) throw e;
    }
    if (campaign)
      refuseUnlessMayView(await services.gate.check(actor, org, client, "why", campaign.division));
    if (dialing && campaign) {
      return renderDialing(org.slug, await findDialingCauses(client, campaign, services.clock.now()));
    }
    const diag = await diagnose(services, {
      org,
      actor,
      action,
      ...(campaign ? { campaign } : { campaignRef: ref }),
    });
    return render(diag, org.slug, action, ref);
  },
};

async function clientSees(client: GenesysOrgClient, org: LinkedOrg, ref: string): Promise<boolean> {
  try {
    await resolveCampaign(client, org, ref, "all");
    return true;
  } catch (e) {
    // Ambiguous among everything the client sees: it sees something by that name.
    return !isInvisibleCampaign(e);
  }
}

function refuseUnlessMayView(decision: GateDecision): void {
  if (!decision.allowed && decision.reason !== "cannot_verify") throw notPermitted(decision);
}

/** `Spring Promo pause` → campaign "Spring Promo", action pause; no action word → status. */
function splitAction(words: string[]): { ref: string; action: DiagnosedAction } {
  const last = words.at(-1)?.toLowerCase();
  if (words.length > 1 && last && ACTIONS.has(last as DiagnosedAction))
    return { ref: words.slice(0, -1).join(" "), action: last as DiagnosedAction };
  return { ref: words.join(" "), action: "status" };
}

function render(d: Diagnosis, slug: string, action: DiagnosedAction, ref: string) {
  const name = d.campaign ? `"${d.campaign.name}"` : `"${ref}"`;
  const where = d.campaign ? ` (division ${d.campaign.division.name})` : "";
  const ok = wouldSucceed(d);
  // Only a "no" is a refusal; a "cannot tell" says so rather than guessing.
  const parties = [
    { who: "you", outcome: d.caller?.outcome },
    { who: "the OAuth client", outcome: d.client ? d.client.outcome : "unknown" },
  ].filter((p) => p.outcome !== undefined);
  const denied = parties.filter((p) => p.outcome === "denied").map((p) => p.who);
  const unknown = parties.filter((p) => p.outcome === "unknown").map((p) => p.who);
  const cannotTell = unknown.length ? `cannot tell for ${unknown.join(" or ")}` : "";
  const headline: Block = ok
    ? { type: "text", text: `Would succeed. Dry run: nothing was changed.`, tone: "success" }
    : denied.length === 0 && unknown.length > 0
      ? {
          type: "text",
          text: `Cannot tell whether it would succeed for ${unknown.join(" or ")}. Dry run: nothing was changed.`,
          tone: "warning",
        }
      : {
          type: "text",
          text: `Would not succeed${denied.length ? ` for ${denied.join(" or ")}` : ""}${cannotTell ? ` (and ${cannotTell})` : ""}. Dry run: nothing was changed.`,
          tone: "error",
        };
  return reply({
    tone: ok ? "success" : "error",
    title: `why ${action} ${name} in ${slug}${where}`,
    blocks: [headline, ...diagnosisBlocks(d)],
  });
}
