/**
 * The causes for a client that lacks a permission outright, or cannot read its own roles: each
 * names the role to change (one already granted in the division when there is one) and the client.
 */
import type { DivisionRef } from "../kernel/model.js";
import { clientLabel, grantsIn, roleLabel } from "./client-facts.js";
import type { Cause, ClientFacts, DiagnosedAction } from "./diagnosis.js";
import { andList, orList } from "./diagnosis.js";

/** None of `anyOf` anywhere: name the role to extend, preferably one already granted in the division. */
export function missingCause(
  facts: ClientFacts,
  anyOf: readonly string[],
  division: DivisionRef | undefined,
  action: DiagnosedAction | undefined,
): Cause {
  const who = clientLabel(facts);
  const [preferred = "the permission"] = anyOf;
  const here = division ? grantsIn(facts, division.id)[0] : undefined;
  const role = here ?? facts.grants[0];
  const where = division ? ` in division ${division.name}` : "";
  const fix = !role
    ? `Give OAuth client ${who} a role that includes ${preferred}${where}.`
    : here || !division
      ? `Add ${preferred} to role ${roleLabel(role)}${division ? ` (granted to ${who} in ${division.name})` : ""}.`
      : `Add ${preferred} to role ${roleLabel(role)} and grant that role to OAuth client ${who} in division ${division.name}.`;
  const alternatives = anyOf.length > 1;
  return {
    kind: alternatives ? "missing_any" : "permission_missing",
    severity: "blocking",
    summary: alternatives
      ? `${action ? `${action} needs` : "Genesys needs"} at least one of ${orList(anyOf)}; no role of OAuth client ${who} includes any of them, in any division.`
      : `No role of OAuth client ${who} includes ${preferred}, in any division.`,
    fix,
    permissions: anyOf,
    ...(division ? { division: division.name } : {}),
    ...(role?.roleName ? { role: role.roleName } : {}),
    client: facts.clientId,
  };
}

/**
 * The client may not read its roles. What it can read: `tokens/me` (which roles, in which divisions,
 * by id). Said plainly, with the permissions that would let Switchboard explain fully.
 */
export function cannotReadCause(
  facts: ClientFacts,
  anyOf: readonly string[],
  division: DivisionRef | undefined,
): Cause {
  const who = clientLabel(facts);
  const lacking = unique(facts.unreadable.map((u) => u.permission));
  const roles = unique(facts.grants.map((g) => roleLabel(g)));
  const where = unique(facts.grants.map((g) => g.division.name));
  const canSee = facts.grants.length
    ? `tokens/me lists ${roles.length} role(s) (${andList(roles)}) granted in ${andList(where)}`
    : "tokens/me lists no role grants at all";
  return {
    kind: "cannot_read_grants",
    severity: "blocking",
    summary: `OAuth client ${who} may not read its own grants (it lacks ${andList(lacking)}), so Switchboard cannot tell whether it holds ${orList(anyOf)}${division ? ` in ${division.name}` : ""}. What it can read: ${canSee}.`,
    fix: `Add ${andList(lacking)} to the client's role (${andList(roles)}) so Switchboard can check; or look up that role in Genesys Admin > Roles / Permissions.`,
    permissions: lacking,
    ...(division ? { division: division.name } : {}),
    client: facts.clientId,
  };
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
