/**
 * A bulk selector turned into a plan: per org, the campaigns the caller may see (the gate's view
 * scope, as `list` shows them) that the selector matches, each planned by planItems. With several
 * orgs, one org's trouble (broken link, unmapped caller, Genesys down) is a note and the others go
 * on; with one org it is the command's error, as for a single campaign.
 */

import { resolveOrg } from "../campaigns/resolve-org.js";
import type { SwitchAction } from "../campaigns/switch-campaign.js";
import { unseenDivisionsNote } from "../diagnosis/unseen-divisions.js";
import { AppError, isAppError } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { Requested } from "../kernel/requested.js";
import { closestMatches } from "../kernel/text-match.js";
import { inScope } from "../permissions/gate-decision.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { type OrgPlan, planItems } from "./plan-items.js";
import { globMatcher, globStem, type Selection } from "./selector.js";
import type { PauseToUndo } from "./undo-pause.js";

export interface SelectedPlan {
  plans: OrgPlan[];
  /** One line per org that could not be planned, or whose matches were partly hidden. */
  notes: string[];
}

const PAST: Record<SwitchAction, string> = { pause: "paused", resume: "resumed" };

type BulkSelection = Extract<Selection, { kind: "bulk" }>;

export interface SelectInput {
  selection: BulkSelection;
  action: SwitchAction;
  reason: string | undefined;
  /** For a resume: per org, the bulk pause it undoes (only what that pause stopped is resumed). */
  undo?: ReadonlyMap<string, PauseToUndo>;
}

export async function selectCampaigns(
  services: CoreServices,
  requested: Requested,
  { selection, action, reason, undo }: SelectInput,
): Promise<SelectedPlan> {
  // Every org name is checked before any Genesys work: a typo is a usage error, not a partial plan.
  const orgs: LinkedOrg[] = [];
  const notes: string[] = [];
  for (const slug of selection.orgs) {
    try {
      orgs.push(await resolveOrg(services.orgs, slug));
    } catch (e) {
      if (selection.orgs.length === 1 || !isAppError(e) || e.code !== "org_broken") throw e;
      notes.push(`${slug}: not planned — ${e.userMessage}`);
    }
  }
  const matches = selection.match === undefined ? () => true : globMatcher(selection.match);
  const plans: OrgPlan[] = [];
  const names: string[] = [];
  let hiddenTotal = 0;
  for (const org of orgs) {
    try {
      const found = await selectInOrg(services, requested, org, matches, action);
      names.push(...found.allNames);
      hiddenTotal += found.hidden;
      if (found.hidden)
        notes.push(
          `${org.slug}: ${found.hidden} more match${found.hidden === 1 ? "es" : ""} in divisions where you lack outbound:campaign:view (not listed).`,
        );
      const unseen = await unseenDivisionsNote(org, found.client, `will not be ${PAST[action]}`);
      if (unseen) notes.push(unseen);
      if (found.campaigns.length === 0) continue;
      const items = await planItems(services, requested, {
        org,
        client: found.client,
        campaigns: found.campaigns,
        action,
        reason,
        undo: undo?.get(org.slug),
      });
      plans.push({ org, client: found.client, items });
    } catch (e) {
      if (orgs.length === 1 && selection.orgs.length === 1) throw e;
      notes.push(`${org.slug}: not planned — ${problemText(e)}`);
    }
  }
  if (plans.length === 0 && orgs.length > 0 && hiddenTotal === 0 && notes.length === 0) {
    throw nothingMatches(selection, names);
  }
  return { plans, notes };
}

async function selectInOrg(
  services: CoreServices,
  requested: Requested,
  org: LinkedOrg,
  matches: (name: string) => boolean,
  action: SwitchAction,
) {
  const actor = requested.requester;
  const client = await services.genesys.forOrg(org);
  // Unmapped or unverifiable callers are refused before anything is listed (or suggested).
  const who = await services.gate.identify(actor, org, client, action);
  if (!who.allowed) {
    await services.audit.append({
      actor,
      platform: requested.platform,
      channel: requested.channel,
      orgSlug: org.slug,
      action,
      targetName: "(bulk selector)",
      outcome: "denied",
      detail: { reason: who.reason, missing: who.missing, bulk: true },
    });
    throw notPermitted(who);
  }
  const view = await services.gate.divisionsAllowed(actor, org, client, "list");
  if (!view.allowed) throw notPermitted(view);
  const all = await client.listAllCampaigns();
  const visible = all.filter((c) => inScope(view.divisions, c.division.id));
  const matched = visible.filter((c) => matches(c.name)).sort((a, b) => a.name.localeCompare(b.name));
  const hidden = all.filter((c) => !inScope(view.divisions, c.division.id) && matches(c.name)).length;
  return { client, campaigns: matched, hidden, allNames: visible.map((c) => c.name) };
}

function nothingMatches(selection: BulkSelection, names: string[]): AppError {
  const where = selection.orgs.join(" or ");
  if (selection.match === undefined) {
    return new AppError("campaign_not_found", `You may see no campaigns in ${where}.`, {
      hint: `See what you may view with: list ${selection.orgs[0] ?? ""}`,
    });
  }
  const guesses = closestMatches(globStem(selection.match), [...new Set(names)]);
  return new AppError("campaign_not_found", `No campaigns in ${where} match "${selection.match}".`, {
    hint: guesses.length
      ? `Did you mean ${guesses.map((g) => `"${g}"`).join(" or ")}? (* is any text, ? one character)`
      : `See the campaigns with: list ${selection.orgs[0] ?? ""}`,
  });
}

function problemText(e: unknown): string {
  if (isAppError(e)) return e.userMessage;
  if (isGenesysError(e)) return `Genesys answered ${e.status} ${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
