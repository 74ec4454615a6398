/**
 * Would Genesys let the org's OAuth client do this? Decided from the client's live role × division
 * grants and the catalogue's requirement, the way Genesys decides: one of the permissions, held by a
 * role granted in the campaign's division. When it would refuse, names the smallest fix.
 */
import type { DivisionRef } from "../kernel/model.js";
import { concreteDivisions, grantReaches } from "../permissions/division-grants.js";
import { matchAny } from "../permissions/permission-match.js";
import { cannotReadCause, missingCause } from "./client-causes.js";
import { clientLabel, grantsIn, heldIn, roleLabel } from "./client-facts.js";
import type { Cause, ClientFacts, DiagnosedAction, RoleGrant, Verdict } from "./diagnosis.js";
import { andList, orList } from "./diagnosis.js";

export interface ClientAssessment {
  verdict: Verdict;
  causes: Cause[];
}

/** How the action reaches Genesys with a given permission: what `pause` really calls. */
function endpointFor(action: DiagnosedAction | undefined, permission: string): string {
  const what = permission.split(":").at(-1);
  if (action === "pause") return what === "edit" ? "a versioned PUT campaignStatus=off" : "POST …/stop";
  if (action === "resume") return what === "edit" ? "a versioned PUT campaignStatus=on" : "POST …/start";
  return "GET";
}

/**
 * `division` absent: "may it do this somewhere?" (a pasted error with no campaign): allowed only
 * when held in every division, otherwise the divisions that lack it are the finding.
 */
export function assessClient(
  facts: ClientFacts,
  anyOf: readonly string[],
  division: DivisionRef | undefined,
  action?: DiagnosedAction,
): ClientAssessment {
  if (!division) return assessEverywhere(facts, anyOf, action);
  const who = clientLabel(facts);
  const inDivision = grantsIn(facts, division.id);
  const match = matchAny(heldIn(facts, division.id), anyOf);
  if (match) {
    const verdict: Verdict = { outcome: "allowed", via: match.permission, heldAs: match.heldAs };
    const [preferred = match.permission] = anyOf;
    if (match.permission === preferred) return { verdict, causes: [] };
    const role = inDivision.find((g) => g.permissions && matchAny(g.permissions, [match.permission]));
    return {
      verdict,
      causes: [
        {
          kind: "missing_any",
          severity: "info",
          summary: `OAuth client ${who} lacks ${preferred} in ${division.name} but holds ${match.permission}${role ? ` (role ${roleLabel(role)})` : ""}, so Switchboard uses ${endpointFor(action, match.permission)} instead of ${endpointFor(action, preferred)}.`,
          fix: `Optional: add ${preferred} to role ${role ? roleLabel(role) : "of the client"} so ${action ?? "the action"} uses ${endpointFor(action, preferred)}.`,
          permissions: [preferred],
          division: division.name,
          ...(role?.roleName ? { role: role.roleName } : {}),
          client: facts.clientId,
        },
      ],
    };
  }
  const unknownHere = inDivision.some((g) => g.permissions === undefined);
  if (unknownHere) {
    return {
      verdict: { outcome: "unknown", reason: "the client may not read its own roles" },
      causes: [cannotReadCause(facts, anyOf, division)],
    };
  }
  if (inDivision.length === 0 && facts.grants.some((g) => g.permissions === undefined)) {
    // Even unable to read its roles, tokens/me says where they are granted: nowhere here.
    const where = unique(facts.grants.map((g) => g.division.name));
    const [any] = facts.grants;
    return {
      verdict: { outcome: "denied", reason: `the client has no role in ${division.name}` },
      causes: [
        {
          kind: "wrong_division",
          severity: "blocking",
          summary: `OAuth client ${who} has no role at all in ${division.name}: tokens/me lists its roles in ${where.length ? andList(where) : "no division"} only.`,
          fix: `Grant the client's role${any ? ` (${roleLabel(any)})` : ""} to OAuth client ${who} in division ${division.name}.`,
          permissions: anyOf,
          division: division.name,
          client: facts.clientId,
        },
      ],
    };
  }
  const elsewhere = grantsCovering(facts, anyOf).filter((g) => !grantReaches(g.division.id, division.id));
  const first = elsewhere[0];
  if (first) {
    const where = unique(elsewhere.map((g) => g.division.name));
    const lacking = inDivision.length
      ? `its roles in ${division.name} (${andList(unique(inDivision.map((g) => roleLabel(g))))}) lack it`
      : `it has no role at all in ${division.name}`;
    return {
      verdict: { outcome: "denied", reason: `${orList(anyOf)} is granted only in ${andList(where)}` },
      causes: [
        {
          kind: "wrong_division",
          severity: "blocking",
          summary: `Role ${roleLabel(first)} gives OAuth client ${who} ${orList(anyOf)} in ${andList(where)}, not in ${division.name}: ${lacking}.`,
          fix: `Grant role ${roleLabel(first)} to OAuth client ${who} in division ${division.name}.`,
          permissions: anyOf,
          division: division.name,
          ...(first.roleName ? { role: first.roleName } : {}),
          client: facts.clientId,
        },
      ],
    };
  }
  return {
    verdict: { outcome: "denied", reason: `no role of the client includes ${orList(anyOf)}` },
    causes: [missingCause(facts, anyOf, division, action)],
  };
}

function assessEverywhere(
  facts: ClientFacts,
  anyOf: readonly string[],
  action: DiagnosedAction | undefined,
): ClientAssessment {
  const divisions = facts.divisions.length
    ? facts.divisions
    : concreteDivisions(facts.grants.map((g) => g.division));
  const covering = grantsCovering(facts, anyOf);
  const lacking = divisions.filter((d) => !covering.some((g) => grantReaches(g.division.id, d.id)));
  const [first] = covering;
  if (first && lacking.length === 0) return allowedEverywhere(facts, anyOf, divisions, action);
  if (facts.grants.some((g) => g.permissions === undefined)) {
    return {
      verdict: { outcome: "unknown", reason: "the client may not read its own roles" },
      causes: [cannotReadCause(facts, anyOf, undefined)],
    };
  }
  if (!first) {
    return {
      verdict: { outcome: "denied", reason: `no role of the client includes ${orList(anyOf)}` },
      causes: [missingCause(facts, anyOf, undefined, action)],
    };
  }
  const names = lacking.map((d) => d.name);
  const who = clientLabel(facts);
  return {
    verdict: {
      outcome: "unknown",
      reason: `held in ${andList(unique(covering.map((g) => g.division.name)))} only`,
    },
    causes: [
      {
        kind: "wrong_division",
        severity: "blocking",
        summary: `Role ${roleLabel(first)} gives OAuth client ${who} ${orList(anyOf)} in ${andList(unique(covering.map((g) => g.division.name)))} only, not in ${andList(names)}: a campaign there is refused.`,
        fix: `If the campaign is in ${orList(names)}, grant role ${roleLabel(first)} to OAuth client ${who} in that division.`,
        permissions: anyOf,
        division: names.join(", "),
        ...(first.roleName ? { role: first.roleName } : {}),
        client: facts.clientId,
      },
    ],
  };
}

/** Held in every division: by which permission, and whether that is the preferred one. */
function allowedEverywhere(
  facts: ClientFacts,
  anyOf: readonly string[],
  divisions: readonly DivisionRef[],
  action: DiagnosedAction | undefined,
): ClientAssessment {
  const [preferred = ""] = anyOf;
  const everywhere =
    anyOf.find((p) => divisions.every((d) => matchAny(heldIn(facts, d.id), [p]))) ?? preferred;
  const verdict: Verdict = { outcome: "allowed", via: everywhere, heldAs: "in every division" };
  if (everywhere === preferred) return { verdict, causes: [] };
  const who = clientLabel(facts);
  const role = grantsCovering(facts, [everywhere])[0];
  return {
    verdict,
    causes: [
      {
        kind: "missing_any",
        severity: "info",
        summary: `Any one of ${orList(anyOf)} will do. OAuth client ${who} holds ${everywhere} but not ${preferred}${role ? ` (role ${roleLabel(role)})` : ""}: a call needing ${preferred} alone is refused, and ${action ? `Switchboard's ${action} uses ${endpointFor(action, everywhere)} instead` : `the ${everywhere} route works`}.`,
        fix: `Optional: add ${preferred} to role ${role ? roleLabel(role) : "of the client"}.`,
        permissions: [preferred],
        ...(role?.roleName ? { role: role.roleName } : {}),
        client: facts.clientId,
      },
    ],
  };
}

/** Grants whose role includes one of `anyOf`. */
export function grantsCovering(facts: ClientFacts, anyOf: readonly string[]): RoleGrant[] {
  return facts.grants.filter((g) => g.permissions !== undefined && matchAny(g.permissions, anyOf));
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
