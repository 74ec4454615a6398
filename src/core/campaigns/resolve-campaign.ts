import { AppError } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { Campaign } from "../kernel/model.js";
import { closestMatches, normalizeName } from "../kernel/text-match.js";
import { isUuid } from "../kernel/uuid.js";
import { type DivisionScope, inScope } from "../permissions/gate-decision.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";

/**
 * Finds the one campaign a user means: a UUID directly; else a name, case-insensitively exact, then
 * a unique prefix, then a unique substring. Several matches list the candidates; none suggests the
 * nearest names. The name filter runs in Genesys first so large orgs are not listed in full.
 *
 * Only campaigns in `visible` divisions exist for the search (the caller's view scope; "all" for the
 * OAuth client's own perspective): matches, ambiguity lists and suggestions never name another one,
 * and an id outside it is "not found" exactly like an id that does not exist.
 */
export async function resolveCampaign(
  client: GenesysOrgClient,
  org: LinkedOrg,
  ref: string,
  visible: DivisionScope,
  /** The command line to suggest for a campaign, so hints repeat what the user typed. */
  example: (campaign: string) => string = (campaign) => `status ${org.slug} ${campaign}`,
): Promise<Campaign> {
  const wanted = ref.trim();
  if (!wanted)
    throw new AppError("usage", "The campaign name is empty.", {
      hint: `Name a campaign: ${example('"Spring Promo"')}`,
    });
  const seen = (c: Campaign) => inScope(visible, c.division.id);
  if (isUuid(wanted)) {
    // Genesys' own 404 stays as it is (explain and the diagnosis start from it); a campaign the
    // client sees but the caller may not view is "not found" too, naming nothing about it.
    const byId = await getById(client, org, wanted);
    if (seen(byId)) return byId;
    throw notVisible(org, wanted);
  }

  const narrowed = (await client.listAllCampaigns({ name: wanted, filterType: "Contains" })).filter(seen);
  const found = pick(narrowed, wanted, org, example);
  if (found) return found;
  // Genesys' own name filter may differ from ours (case, accents): decide on the full list before giving up.
  const all = (await client.listAllCampaigns()).filter(seen);
  const again = pick(all, wanted, org, example);
  if (again) return again;
  const suggestions = closestMatches(
    wanted,
    all.map((c) => c.name),
  );
  throw new AppError("campaign_not_found", `No campaign in ${org.slug} matches "${wanted}".`, {
    hint: suggestions.length
      ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?`
      : `See the campaigns with: list ${org.slug}`,
    details:
      all.length === 0 && visible === "all"
        ? [
            `${org.slug}'s OAuth client sees no campaigns at all: its role may not be granted in the campaigns' divisions.`,
          ]
        : [],
  });
}

function pick(
  campaigns: Campaign[],
  wanted: string,
  org: LinkedOrg,
  example: (campaign: string) => string,
): Campaign | undefined {
  const needle = normalizeName(wanted);
  const named = campaigns.map((c) => ({ c, n: normalizeName(c.name) }));
  for (const test of [
    (n: string) => n === needle,
    (n: string) => n.startsWith(needle),
    (n: string) => n.includes(needle),
  ]) {
    const hits = named.filter((x) => test(x.n)).map((x) => x.c);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) throw ambiguous(hits, wanted, org, example);
  }
  return undefined;
}

function ambiguous(
  hits: Campaign[],
  wanted: string,
  org: LinkedOrg,
  example: (campaign: string) => string,
): AppError {
  const shown = hits.slice(0, 10);
  const sameName = new Set(hits.map((c) => normalizeName(c.name))).size < hits.length;
  const first = shown[0];
  return new AppError("campaign_ambiguous", `"${wanted}" matches ${hits.length} campaigns in ${org.slug}.`, {
    details: shown
      .map((c) => `• ${c.name} (${c.division.name}, ${c.status}) ${c.id}`)
      .concat(hits.length > shown.length ? [`…and ${hits.length - shown.length} more`] : []),
    hint: first
      ? sameName
        ? `Several share a name: use the id, e.g. ${example(first.id)}`
        : `Use the full name in quotes, e.g. ${example(`"${first.name}"`)}`
      : undefined,
  });
}

async function getById(client: GenesysOrgClient, org: LinkedOrg, id: string): Promise<Campaign> {
  try {
    return await client.getCampaign(id);
  } catch (e) {
    if (isGenesysError(e) && e.status === 404) {
      throw new AppError(
        "campaign_not_found",
        `Genesys has no campaign ${id} visible to ${org.slug}'s OAuth client.`,
        {
          hint: `If it exists, the client's role may not be granted in its division. List what it can see: list ${org.slug}`,
          details: e.contextId ? [`Genesys contextId: ${e.contextId}`] : [],
          // Kept for the audit row and the failure diagnosis: the 404 is what Genesys said.
          cause: e,
        },
      );
    }
    throw e;
  }
}

/** The same words as a campaign Genesys does not have: a hidden campaign is indistinguishable. */
function notVisible(org: LinkedOrg, id: string): AppError {
  return new AppError(
    "campaign_not_found",
    `Genesys has no campaign ${id} visible to ${org.slug}'s OAuth client.`,
    {
      hint: `If it exists, the client's role may not be granted in its division. List what it can see: list ${org.slug}`,
    },
  );
}
