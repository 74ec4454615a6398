/**
 * Builds a Diagnosis from live data: the org's OAuth client (credentials, org, grants), the
 * campaign (its division), the caller's grants through the PermissionGate, and the catalogue's
 * requirement for the action, optionally starting from a Genesys error. Never calls a mutating
 * endpoint: every request made here is a GET (or the token request).
 */
import { resolveCampaign } from "../campaigns/resolve-campaign.js";
import { isAppError } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { Campaign, ChatIdentity } from "../kernel/model.js";
import { CAMPAIGN_PERMISSION, requirementFor } from "../permissions/catalogue.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { assessCaller } from "./caller-verdict.js";
import { cannotReadCause } from "./client-causes.js";
import { readClientFacts } from "./client-facts.js";
import { assessClient } from "./client-verdict.js";
import { credentialReason, diagnoseCredentials, isCredentialFailure } from "./credential-check.js";
import {
  type Cause,
  type ClientFacts,
  type DiagnosedAction,
  type Diagnosis,
  type ErrorFacts,
  orderCauses,
  type Verdict,
} from "./diagnosis.js";
import { causesFromError, needsLiveData } from "./error-causes.js";
import { actionOfError, campaignIdOfError, fromGenesysError } from "./error-facts.js";
import { isInvisibleCampaign, visibilityCause } from "./visibility.js";

export interface DiagnoseInput {
  org: LinkedOrg;
  /** Whose permissions to check as the caller; absent = the client's side only. */
  actor?: ChatIdentity;
  action?: DiagnosedAction;
  /** A campaign name or id to resolve (by the org's client). */
  campaignRef?: string;
  /** Already resolved. */
  campaign?: Campaign;
  /** What Genesys answered, when explaining a failure. */
  error?: ErrorFacts;
  /** Callers who may not see the org's live data get the error's meaning only. */
  live?: boolean;
}

export async function diagnose(services: CoreServices, input: DiagnoseInput): Promise<Diagnosis> {
  const { org, error } = input;
  const action = input.action ?? actionOfError(error);
  const requirement = action ? requirementFor(action) : (error?.permissions ?? []);
  const base: Diagnosis = {
    orgSlug: org.slug,
    requirement,
    causes: [],
    ...(action ? { action } : {}),
    ...(error ? { error } : {}),
  };
  if ((error && !needsLiveData(error)) || input.live === false)
    return { ...base, causes: error ? causesFromError(error, org.slug) : [] };

  let client: GenesysOrgClient;
  let facts: ClientFacts;
  try {
    client = await services.genesys.forOrg(org);
    facts = await readClientFacts(client, org.clientId);
  } catch (e) {
    return { ...base, ...(await unreadableClient(services, org, e)) };
  }
  const diag: Diagnosis = { ...base, facts };
  if (error && (error.oauth || error.status === 401)) diag.causes.push(credentialsWorkNow(org, facts, error));

  const campaign = await findCampaign(client, org, input, facts, diag);
  if (campaign === "invisible") return orderCauses(diag);
  if (campaign) diag.campaign = campaign;
  const division = campaign?.division;

  const assessed = seenByClient(
    clientSide(facts, action, requirement, error, division),
    campaign,
    requirement,
  );
  if (requirement.length) diag.client = assessed.verdict;
  diag.causes.push(...assessed.causes);
  if (error?.status === 403 && assessed.verdict.outcome === "allowed")
    diag.causes.push(grantedSince(facts, assessed.verdict.via));
  // Live data found nothing to add (a 404 on no campaign, a 403 naming no permission): say what the error means.
  if (error && !diag.causes.some((c) => c.severity === "blocking") && assessed.verdict.outcome !== "allowed")
    diag.causes.push(...causesFromError(error, org.slug));

  if (input.actor && action) {
    try {
      const decision = await services.gate.check(input.actor, org, client, action, division);
      const caller = assessCaller(decision, input.actor, org, assessed.verdict.outcome === "allowed");
      diag.callerLabel = caller.label;
      diag.caller = caller.verdict;
      diag.causes.push(...caller.causes);
    } catch (e) {
      if (!isGenesysError(e)) throw e;
      diag.caller = {
        outcome: "unknown",
        reason: `Genesys answered ${e.status} ${e.code} while reading your grants`,
      };
    }
  }
  if (facts.unreadable.length && !diag.causes.some((c) => c.kind === "cannot_read_grants"))
    diag.causes.push({ ...cannotReadCause(facts, requirement, division), severity: "info" });
  return orderCauses(diag);
}

/**
 * Genesys returned the campaign, so the client may view it, whatever its unreadable roles say:
 * that settles `status`, and is worth saying when the roles cannot be read for anything else.
 */
function seenByClient(
  assessed: { verdict: Verdict; causes: Cause[] },
  campaign: Campaign | undefined,
  requirement: readonly string[],
): { verdict: Verdict; causes: Cause[] } {
  if (!campaign || assessed.verdict.outcome !== "unknown") return assessed;
  if (requirement.length === 1 && requirement[0] === CAMPAIGN_PERMISSION.view)
    return {
      verdict: { outcome: "allowed", via: CAMPAIGN_PERMISSION.view, heldAs: "Genesys returned the campaign" },
      causes: [],
    };
  const seen = ` It can view "${campaign.name}" (Genesys returned it), so ${CAMPAIGN_PERMISSION.view} is granted in ${campaign.division.name}.`;
  return {
    verdict: assessed.verdict,
    causes: assessed.causes.map((c) =>
      c.kind === "cannot_read_grants" ? { ...c, summary: `${c.summary}${seen}` } : c,
    ),
  };
}

/** The requirement is the action's (catalogue), else the error's: any of them, or each of them. */
function clientSide(
  facts: ClientFacts,
  action: DiagnosedAction | undefined,
  requirement: readonly string[],
  error: ErrorFacts | undefined,
  division: Campaign["division"] | undefined,
): { verdict: Verdict; causes: Cause[] } {
  if (action || error?.anyOf || requirement.length <= 1) {
    if (requirement.length === 0)
      return { verdict: { outcome: "unknown", reason: "no permission named" }, causes: [] };
    return assessClient(facts, requirement, division, action);
  }
  // `missing.permissions` lists what is needed all together: each one is assessed on its own.
  const each = requirement.map((p) => assessClient(facts, [p], division, action));
  const denied = each.find((a) => a.verdict.outcome === "denied");
  const unknown = each.find((a) => a.verdict.outcome === "unknown");
  return {
    verdict: denied?.verdict ?? unknown?.verdict ?? { outcome: "allowed", via: requirement.join(", ") },
    causes: each.flatMap((a) => a.causes),
  };
}

async function findCampaign(
  client: GenesysOrgClient,
  org: LinkedOrg,
  input: DiagnoseInput,
  facts: ClientFacts,
  diag: Diagnosis,
): Promise<Campaign | "invisible" | undefined> {
  if (input.campaign) return input.campaign;
  const ref = input.campaignRef ?? campaignIdOfError(input.error);
  if (!ref) return undefined;
  try {
    // The OAuth client's perspective: callers reach here only after their own view check.
    return await resolveCampaign(client, org, ref, "all");
  } catch (e) {
    if (isInvisibleCampaign(e)) {
      diag.client = { outcome: "denied", reason: `"${ref}" is not visible to the client` };
      diag.causes.push(visibilityCause(facts, ref, org.slug));
      return "invisible";
    }
    if (isAppError(e) || isGenesysError(e)) return undefined;
    throw e;
  }
}

/** No facts at all: the credentials, the org binding or Genesys itself failed. */
async function unreadableClient(
  services: CoreServices,
  org: LinkedOrg,
  e: unknown,
): Promise<Partial<Diagnosis>> {
  if (isCredentialFailure(e)) {
    const cause = await diagnoseCredentials(services, org, e);
    if (cause) return { client: { outcome: "denied", reason: credentialReason(cause) }, causes: [cause] };
  }
  if (isGenesysError(e))
    return {
      client: { outcome: "unknown", reason: e.message },
      causes: causesFromError(fromGenesysError(e), org.slug),
    };
  if (isAppError(e)) {
    return {
      client: { outcome: "unknown", reason: e.userMessage },
      causes: [
        {
          kind: "other",
          severity: "blocking",
          summary: e.userMessage,
          fix: e.hint ?? `org test ${org.slug}`,
        },
      ],
    };
  }
  throw e;
}

function credentialsWorkNow(org: LinkedOrg, facts: ClientFacts, error: ErrorFacts): Cause {
  return {
    kind: error.oauth ? "invalid_client" : "token_rejected",
    severity: "info",
    summary: `${org.slug}'s linked credentials work now: a fresh token belongs to ${facts.org.name}. The ${error.code} came from other credentials, an expired token, or a problem fixed since.`,
    fix: `If another tool sent it, check that tool's client id, secret and region; Switchboard's own: org test ${org.slug}`,
    client: facts.clientId,
  };
}

function grantedSince(facts: ClientFacts, held: string): Cause {
  return {
    kind: "other",
    severity: "info",
    summary: `OAuth client ${facts.clientId} holds ${held} there now: the grant was added since the error, or the 403 came from another token (another tool's client, or Switchboard's before a re-link).`,
    fix: "Retry the action; if it fails again, its reply names the contextId to explain.",
    client: facts.clientId,
  };
}
