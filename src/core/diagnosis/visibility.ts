/**
 * Genesys answers 404 (and leaves campaigns out of lists) for a campaign in a division the caller
 * may not view: a permission problem that looks like a missing campaign. From the client's live
 * grants this tells the two apart: the divisions it cannot see, or proof that it sees them all.
 */
import { isAppError } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import { CAMPAIGN_PERMISSION } from "../permissions/catalogue.js";
import { matchAny } from "../permissions/permission-match.js";
import { cannotReadCause } from "./client-causes.js";
import { clientLabel, heldIn, roleLabel } from "./client-facts.js";
import { grantsCovering } from "./client-verdict.js";
import type { Cause, ClientFacts } from "./diagnosis.js";
import { andList, orList } from "./diagnosis.js";

const VIEW = CAMPAIGN_PERMISSION.view;

/** A failed campaign lookup that means "the client cannot see it": not found, or a list refused outright. */
export function isInvisibleCampaign(e: unknown): boolean {
  if (isAppError(e)) return e.code === "campaign_not_found";
  return isGenesysError(e) && (e.status === 403 || e.status === 404);
}

/**
 * The divisions whose campaigns the org's client cannot see: the one visibility rule shared by the
 * doctor, `list` and bulk plans. With unreadable roles, what tokens/me still tells: divisions where
 * the client has no role at all.
 */
export function blindDivisions(facts: ClientFacts): ClientFacts["divisions"] {
  const unreadable = facts.grants.some((g) => g.permissions === undefined);
  return unreadable
    ? facts.divisions.filter((d) => !facts.grants.some((g) => g.division.id === d.id))
    : facts.divisions.filter((d) => !matchAny(heldIn(facts, d.id), [VIEW]));
}

/** Why `ref` (a campaign name or id) is not visible to the org's client. */
export function visibilityCause(facts: ClientFacts, ref: string, orgSlug: string): Cause {
  const who = clientLabel(facts);
  const divisions = facts.divisions;
  const unreadable = facts.grants.some((g) => g.permissions === undefined);
  const blind = blindDivisions(facts);
  const covering = grantsCovering(facts, [VIEW]);
  const role = covering[0] ?? facts.grants[0];
  const base = {
    permissions: [VIEW],
    client: facts.clientId,
    ...(role?.roleName ? { role: role.roleName } : {}),
  };
  if (unreadable && blind.length === 0) return cannotReadCause(facts, [VIEW], undefined);
  if (!unreadable && covering.length === 0) {
    return {
      kind: "permission_missing",
      severity: "blocking",
      summary: `No role of OAuth client ${who} includes ${VIEW}, in any division: it sees no campaign at all, so Genesys answers "${ref}" with 404 / an empty list.`,
      fix: role
        ? `Add ${VIEW} to role ${roleLabel(role)}.`
        : `Give OAuth client ${who} a role that includes ${VIEW}.`,
      ...base,
    };
  }
  if (blind.length > 0) {
    const names = blind.map((d) => d.name);
    const sees = divisions.filter((d) => !blind.includes(d)).map((d) => d.name);
    return {
      kind: "not_visible",
      severity: "blocking",
      summary: `Genesys hides campaigns in divisions the client may not view (404, missing from lists): OAuth client ${who} may view ${sees.length ? andList(sees) : "no division"} but not ${andList(names)}. If "${ref}" is in ${orList(names)}, that is why.`,
      fix: role
        ? `Grant role ${roleLabel(role)} to OAuth client ${who} in division ${orList(names)}.`
        : `Grant OAuth client ${who} a role with ${VIEW} in division ${orList(names)}.`,
      ...base,
      division: names.join(", "),
    };
  }
  return {
    kind: "not_found",
    severity: "blocking",
    summary: `OAuth client ${who} may view every division of ${orgSlug}, so no campaign "${ref}" exists there (deleted, renamed, or in another org).`,
    fix: `Check the name or id: list ${orgSlug}`,
    ...base,
  };
}
