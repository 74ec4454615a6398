/**
 * What a bulk plan, its result and `list` cannot reach: the divisions the org's OAuth client may
 * not view. Genesys leaves their campaigns out of every list, so `--all` silently means "all the
 * client sees"; this names them, says their campaigns were not touched, and gives the grant to add.
 */

import { CAMPAIGN_PERMISSION } from "../permissions/catalogue.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import { clientLabel, readClientFacts, roleLabel } from "./client-facts.js";
import { grantsCovering } from "./client-verdict.js";
import { andList } from "./diagnosis.js";
import { blindDivisions } from "./visibility.js";

/** One line per org, or null when its client sees every division. */
export async function unseenDivisionsNote(
  org: LinkedOrg,
  client: GenesysOrgClient,
  /** What happened to campaigns there: "were not touched", "will not be paused", "are not listed". */
  consequence: string,
): Promise<string | null> {
  let facts: Awaited<ReturnType<typeof readClientFacts>>;
  try {
    facts = await readClientFacts(client, org.clientId);
  } catch {
    return `${org.slug}: Switchboard could not read which divisions its OAuth client may view; campaigns in divisions it cannot see ${consequence}. Check: org test ${org.slug}`;
  }
  const blind = blindDivisions(facts);
  if (blind.length === 0) return null;
  const names = blind.map((d) => d.name);
  const who = clientLabel(facts);
  const role = grantsCovering(facts, [CAMPAIGN_PERMISSION.view])[0] ?? facts.grants[0];
  const fix = role
    ? `grant role ${roleLabel(role)} to OAuth client ${who} in ${andList(names)}`
    : `grant OAuth client ${who} a role with ${CAMPAIGN_PERMISSION.view} in ${andList(names)}`;
  const which = blind.length === 1 ? "division" : "divisions";
  return `${org.slug}: OAuth client ${who} cannot see ${which} ${andList(names)}; campaigns there, if any, ${consequence}. Fix: ${fix}.`;
}
