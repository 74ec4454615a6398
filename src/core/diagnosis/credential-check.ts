/**
 * When no usable token comes out of an org's credentials, asks Genesys itself why: a token from the
 * linked region's login host and `tokens/me` (whose org is it?), and when the login host refuses
 * the client, every other region's (is it simply linked with the wrong region?). What is left after
 * that is a wrong secret or a disabled or deleted client: Genesys answers all of them with the same
 * `invalid_client` / "authentication failed", so nothing here tells them apart by wording.
 */
import { isAppError } from "../kernel/errors.js";
import { type GenesysError, isGenesysError } from "../kernel/genesys-error.js";
import { orgLinkCommand } from "../kernel/hints.js";
import type { TokenInfo } from "../kernel/model.js";
import type { RegionInfo } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import type { Cause } from "./diagnosis.js";

type Deps = Pick<CoreServices, "genesys" | "orgs">;

const relinkCommand = (org: LinkedOrg, region = org.region, clientId?: string) =>
  orgLinkCommand({ slug: org.slug, region, ...(clientId ? { clientId } : {}) });

/** True for failures that mean "no trustworthy token": token endpoint errors, 401s, org mismatch. */
export function isCredentialFailure(e: unknown): boolean {
  if (isAppError(e)) return e.code === "org_mismatch";
  return isGenesysError(e) && (e.path.endsWith("/oauth/token") || e.status === 401);
}

/** A credential cause in a few words: a verdict or a table cell. */
export function credentialReason(cause: Cause): string {
  switch (cause.kind) {
    case "org_mismatch":
      return `credentials belong to ${cause.actualOrg?.name ?? "another org"}${cause.actualOrg?.linkedAs ? ` (linked here as ${cause.actualOrg.linkedAs})` : ""}`;
    case "wrong_region":
      return `credentials work in ${cause.region ?? "another region"} only`;
    case "invalid_client":
      return "wrong secret, or the client was disabled or deleted";
    case "token_rejected":
      return "token rejected";
    case "genesys_unavailable":
      return "Genesys unavailable";
    default:
      return cause.summary;
  }
}

/** The credential cause, or undefined when the credentials work (the failure was transient). */
export async function diagnoseCredentials(
  deps: Deps,
  org: LinkedOrg,
  failure?: unknown,
): Promise<Cause | undefined> {
  const regions = deps.genesys.regions();
  const home = regions.find((r) => r.key === org.region) ?? { key: org.region, loginHost: org.region };
  let token: TokenInfo;
  try {
    token = await deps.genesys.probe(org);
  } catch (e) {
    if (isAppError(e))
      return {
        kind: "invalid_client",
        severity: "blocking",
        summary: e.userMessage,
        fix: e.hint ?? relinkCommand(org),
      };
    if (!isGenesysError(e)) throw e;
    if (e.code !== "invalid_client" && e.status !== 400 && e.status !== 401) return unavailable(org, e);
    return searchOtherRegions(deps, org, home, regions, e);
  }
  if (token.organization.id.toLowerCase() !== org.genesysOrgId.toLowerCase())
    return mismatch(deps, org, token, home);
  if (isGenesysError(failure) && failure.status === 401 && !failure.path.endsWith("/oauth/token")) {
    return {
      kind: "token_rejected",
      severity: "blocking",
      summary: `Genesys refused a token of ${org.slug} (${failure.status} ${failure.code}: ${failure.message}); a fresh token from the same credentials works, so it had expired or idled out.`,
      fix: `Nothing to change if it happens rarely (Switchboard fetches a new token on a 401). If often, check the client's token lifetime: org test ${org.slug}`,
    };
  }
  return undefined;
}

async function searchOtherRegions(
  deps: Deps,
  org: LinkedOrg,
  home: RegionInfo,
  regions: readonly RegionInfo[],
  refused: GenesysError,
): Promise<Cause> {
  const others = regions.filter((r) => r.key !== home.key);
  const found = await Promise.all(
    others.map((r) =>
      deps.genesys.probe(org, r.key).then(
        (token) => ({ region: r, token }),
        () => undefined,
      ),
    ),
  );
  const hit = found.find((f) => f !== undefined);
  const said = `${refused.code}${refused.message && refused.message !== refused.code ? `: "${refused.message}"` : ""}`;
  if (hit) {
    if (hit.token.organization.id.toLowerCase() !== org.genesysOrgId.toLowerCase())
      return mismatch(deps, org, hit.token, hit.region);
    return {
      kind: "wrong_region",
      severity: "blocking",
      summary: `${home.loginHost} (${home.key}) refuses ${org.slug}'s OAuth client ${org.clientId} (${said}), but ${hit.region.loginHost} (${hit.region.key}) accepts it and its token belongs to ${hit.token.organization.name}: the org lives in ${hit.region.key}, not ${home.key}.`,
      fix: `Re-link with the right region: ${relinkCommand(org, hit.region.key, org.clientId)}`,
      region: hit.region.key,
      client: org.clientId,
    };
  }
  // Without a token nothing can read the client's state, and Genesys words a wrong secret, a disabled
  // client and a deleted one identically: say all three.
  return {
    kind: "invalid_client",
    severity: "blocking",
    summary: `Genesys refuses ${org.slug}'s client id/secret at ${home.loginHost} (${said}), and none of the other ${others.length} regions accepts them: wrong secret, or the client was disabled or deleted (Genesys does not say which).`,
    fix: `Check client ${org.clientId} in Genesys Admin > Integrations > OAuth: if it is inactive, activate it; if it is gone, create a new client-credentials client; otherwise create a new secret. Then re-link: ${relinkCommand(org, org.region, org.clientId)}`,
    client: org.clientId,
    region: home.key,
  };
}

async function mismatch(deps: Deps, org: LinkedOrg, token: TokenInfo, region: RegionInfo): Promise<Cause> {
  const actual = token.organization;
  const linked = (await deps.orgs.list().catch(() => [])).find(
    (o) => o.genesysOrgId.toLowerCase() === actual.id.toLowerCase() && o.slug !== org.slug,
  );
  const otherRegion = region.key !== org.region ? ` (and they work in ${region.key}, not ${org.region})` : "";
  return {
    kind: "org_mismatch",
    severity: "blocking",
    summary: `The credentials linked as ${org.slug} (OAuth client ${org.clientId}) belong to Genesys org ${actual.name} (${actual.id})${linked ? `, linked here as ${linked.slug}` : ""}, not ${org.name} (${org.genesysOrgId})${otherRegion}. Switchboard refuses to use them: they would act on another company's campaigns.`,
    fix: `These credentials belong to org ${actual.name}, not ${org.slug}: re-link ${org.slug} with an OAuth client created in ${org.name}: ${relinkCommand(org)}`,
    actualOrg: { ...actual, ...(linked ? { linkedAs: linked.slug } : {}) },
    client: org.clientId,
    region: region.key,
  };
}

function unavailable(org: LinkedOrg, e: GenesysError): Cause {
  return {
    kind: "genesys_unavailable",
    severity: "blocking",
    summary: `Genesys did not answer ${org.slug}'s token request properly (${e.status === 0 ? "network error" : `${e.status} ${e.code}`}: ${e.message}).`,
    fix: `Nothing to fix on Switchboard's side; try again shortly (org test ${org.slug}) and check status.mypurecloud.com.`,
  };
}
