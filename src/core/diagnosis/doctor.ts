/**
 * `org test`, grown into a doctor: can the credentials get a token, in the linked region, for the
 * linked org; what the OAuth client is granted where; what each Switchboard action may do in each
 * division; token settings worth a warning; and what the client could not read about itself.
 */
import { isAppError } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import { concreteDivisions } from "../permissions/division-grants.js";
import type { GenesysOrgClient, RateBudget } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { actionMatrix, type MatrixRow, matrixFindings, matrixSummary } from "./action-matrix.js";
import { clientLabel, readClientFacts } from "./client-facts.js";
import { credentialReason, diagnoseCredentials, isCredentialFailure } from "./credential-check.js";
import type { ClientFacts } from "./diagnosis.js";
import { andList } from "./diagnosis.js";
import { setupChecks } from "./doctor-checks.js";

type CheckStatus = "ok" | "warn" | "fail";

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  /** Short: a table cell. */
  detail: string;
  /** The whole finding, when the cell cannot hold it. */
  why?: string;
  fix?: string;
}

export interface DoctorReport {
  org: LinkedOrg;
  checks: DoctorCheck[];
  matrix: MatrixRow[];
  facts?: ClientFacts;
  /** Credentials or binding are bad: the org's health reason. */
  broken?: string;
}

/** Fails only on faults; every Genesys answer becomes a check. */
export async function examineOrg(services: CoreServices, org: LinkedOrg): Promise<DoctorReport> {
  // A fresh client: a cached token must not hide a revoked client.
  services.genesys.evict(org.slug);
  const home = services.genesys.regions().find((r) => r.key === org.region);
  const login = home ? `${home.loginHost} (${org.region})` : org.region;
  let client: GenesysOrgClient;
  let facts: ClientFacts;
  try {
    client = await services.genesys.forOrg(org);
    facts = await readClientFacts(client, org.clientId);
  } catch (e) {
    return { org, matrix: [], ...(await credentialChecks(services, org, login, e)) };
  }
  const checks: DoctorCheck[] = [
    { name: "Token", status: "ok", detail: `accepted by ${login}` },
    { name: "Org binding", status: "ok", detail: `token belongs to ${facts.org.name}` },
    grantsCheck(facts),
  ];
  const seen = new Set<string>();
  try {
    const campaigns = await client.listAllCampaigns();
    for (const c of campaigns) seen.add(c.division.id);
    const total = facts.divisions.length || concreteDivisions(facts.grants.map((g) => g.division)).length;
    checks.push({
      name: "Campaigns",
      status: "ok",
      detail: `${campaigns.length} visible, in ${seen.size} of ${total} division${total === 1 ? "" : "s"}`,
    });
  } catch (e) {
    if (!isGenesysError(e)) throw e;
    checks.push({
      name: "Campaigns",
      status: "warn",
      detail: `listing failed: ${e.status} ${e.code}: ${e.message}`,
    });
  }
  const matrix = actionMatrix(facts, seen);
  checks.push(permissionsCheck(matrix), ...setupChecks(facts, services.clock.now()));
  checks.push(rateCheck(client.rateBudget()));
  return { org, checks, matrix, facts };
}

function grantsCheck(facts: ClientFacts): DoctorCheck {
  if (facts.grants.length === 0)
    return {
      name: "Grants",
      status: "warn",
      detail: `OAuth client ${clientLabel(facts)} has no role in any division: it can do nothing`,
      fix: "Grant the client a role with outbound:campaign:* in the campaigns' divisions.",
    };
  const byRole = new Map<string, string[]>();
  for (const g of facts.grants) {
    const name = g.roleName ? `"${g.roleName}"` : `role ${g.roleId}`;
    byRole.set(name, [...(byRole.get(name) ?? []), g.division.name]);
  }
  const text = [...byRole].map(([role, divisions]) => `${role} in ${andList(divisions)}`).join("; ");
  return { name: "Grants", status: "ok", detail: text };
}

/**
 * The request budget, after the checks above made their requests: Genesys states its window in the
 * `inin-ratelimit-*` headers. Switchboard stops at the server's zero anyway, but when Genesys allows
 * less than Switchboard's pace, bulk work runs in bursts and pauses; pacing at Genesys's number is smoother.
 */
function rateCheck(budget: RateBudget): DoctorCheck {
  const pace = `Switchboard paces at ${budget.clientPerMinute}/min`;
  const server = budget.server;
  if (!server)
    return { name: "Rate limit", status: "ok", detail: `${pace}; Genesys sent no rate-limit headers` };
  const reset = server.resetAt.toISOString().slice(11, 19);
  const detail = `Genesys: ${server.remaining} of ${server.allowed} requests left until ${reset} UTC; ${pace}`;
  if (server.allowed >= budget.clientPerMinute) return { name: "Rate limit", status: "ok", detail };
  return {
    name: "Rate limit",
    status: "warn",
    detail,
    why: `Genesys allows ${server.allowed} requests per window to this client, fewer than Switchboard's ${budget.clientPerMinute}/min: Switchboard stops when Genesys's count runs out, so bulk work comes in bursts.`,
    fix: `Set GENESYS_REQUESTS_PER_MINUTE=${server.allowed} to pace evenly, or ask Genesys about this client's limit.`,
  };
}

function permissionsCheck(matrix: readonly MatrixRow[]): DoctorCheck {
  const [first] = matrixFindings(matrix);
  if (!first) return { name: "Permissions", status: "ok", detail: "every action allowed in every division" };
  return { name: "Permissions", status: "warn", detail: matrixSummary(matrix), fix: first.fix };
}

/** No facts: the credentials (or Genesys) failed. Each possible finding as the rows it affects. */
async function credentialChecks(
  services: CoreServices,
  org: LinkedOrg,
  login: string,
  e: unknown,
): Promise<Pick<DoctorReport, "checks" | "broken">> {
  if (isGenesysError(e) && !isCredentialFailure(e))
    return { checks: [{ name: "Genesys", status: "fail", detail: `${e.status} ${e.code}: ${e.message}` }] };
  if (!isCredentialFailure(e) && !isAppError(e)) throw e;
  const cause = await diagnoseCredentials(services, org, e);
  if (!cause) {
    const detail = isAppError(e) ? e.userMessage : String(e);
    return { checks: [{ name: "Setup", status: "fail", detail }], broken: detail };
  }
  const fail = (name: string): DoctorCheck => ({
    name,
    status: "fail",
    detail: credentialReason(cause),
    why: cause.summary,
    fix: cause.fix,
  });
  switch (cause.kind) {
    case "org_mismatch":
      return {
        checks: [
          {
            name: "Token",
            status: cause.region === org.region ? "ok" : "fail",
            detail: `accepted by ${cause.region === org.region ? login : cause.region}`,
          },
          fail("Org binding"),
        ],
        broken: cause.summary,
      };
    case "wrong_region":
      return {
        checks: [{ name: "Token", status: "fail", detail: `refused by ${login}` }, fail("Region")],
        broken: cause.summary,
      };
    case "genesys_unavailable":
      return { checks: [fail("Token")] };
    default:
      return { checks: [fail("Token")], broken: cause.summary };
  }
}
