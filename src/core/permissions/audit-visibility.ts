/**
 * Which audit rows a caller may read (issue 11 row 9): rows about a campaign only when they may view
 * that campaign's division; org-level rows (no campaign) too, except that a free-text subject someone
 * else typed (`status acme <name>`) may name a hidden campaign, so those are shown only to callers
 * who view every division. Kept as data plus a predicate so a store query can apply the same rule
 * (`target IN campaignIds OR (target IS NULL AND (targetName IS NULL OR actor = caller))`).
 */
import type { AuditEntry } from "../ports/audit-log.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { inScope } from "./gate-decision.js";
import { notPermitted } from "./not-permitted.js";

export interface AuditVisibility {
  actor: string;
  /** Ids of the campaigns whose rows the caller may read, or every row. */
  campaignIds: ReadonlySet<string> | "all";
}

export function mayViewAuditRow(
  v: AuditVisibility,
  row: Pick<AuditEntry, "target" | "targetName" | "actor">,
): boolean {
  if (v.campaignIds === "all") return true;
  if (row.target) return v.campaignIds.has(row.target);
  return row.targetName === null || row.actor === v.actor;
}

/** Throws not_permitted unless the caller may view campaigns somewhere in the org. */
export async function auditVisibility(
  services: Pick<CoreServices, "genesys" | "gate">,
  actor: string,
  org: LinkedOrg,
): Promise<AuditVisibility> {
  const client = await services.genesys.forOrg(org);
  const access = await services.gate.divisionsAllowed(actor, org, client, "audit");
  if (!access.allowed) throw notPermitted(access);
  if (access.divisions === "all") return { actor, campaignIds: "all" };
  const scope = access.divisions;
  // A user granted in every division (Genesys' "*") sees the whole org, free-text rows included.
  const divisions = await client.listDivisions().catch(() => []);
  if (divisions.length > 0 && divisions.every((d) => inScope(scope, d.id)))
    return { actor, campaignIds: "all" };
  const campaigns = await client.listAllCampaigns();
  return {
    actor,
    campaignIds: new Set(campaigns.filter((c) => inScope(scope, c.division.id)).map((c) => c.id)),
  };
}
