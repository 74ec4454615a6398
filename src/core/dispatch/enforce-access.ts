/**
 * The dispatcher's access step: what a command declares (its `access`, from the permission
 * catalogue) is checked here, once, before the command runs. Campaign commands name an org: the
 * caller must be mapped there and hold outbound:campaign:view in at least one division, and the
 * divisions where they do are handed to the command, so it resolves names among those campaigns
 * only (issue 11 row 3). The command's own action is then checked in the campaign's division.
 */

import { resolveOrg } from "../campaigns/resolve-org.js";
import { requireDiagnose } from "../diagnosis/diagnostics-access.js";
import type { Invocation } from "../kernel/invocation.js";
import type { DivisionScope, GateDenied } from "../permissions/gate-decision.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { type CommandContext, type CommandDefinition, namedOrg } from "./command.js";
import type { ParsedArgs } from "./flags.js";

/** What the access step learned about the caller in the org a command names. */
export interface OrgAccess {
  org: LinkedOrg;
  /** Divisions whose campaigns the caller may view: the only campaigns the command may resolve. */
  viewable: DivisionScope;
  genesysIdentity: string;
}

/** The orgs a command line names: its declared `org` argument and `--orgs a,b`. */
export function orgsNamed(command: CommandDefinition, args: ParsedArgs): string[] {
  const slugs: string[] = [];
  const org = namedOrg(command, args);
  if (org) slugs.push(org);
  if (typeof args.flags.orgs === "string") slugs.push(...args.flags.orgs.split(","));
  return [...new Set(slugs.map((s) => s.trim().toLowerCase()).filter(Boolean))];
}

/**
 * Throws not_permitted (after an audit row naming the reason) when the caller may not run the
 * command at all; otherwise returns what it may see in the named org (for campaign commands).
 */
export async function enforceAccess(
  command: CommandDefinition,
  ctx: Pick<CommandContext, "services" | "args" | "invocation">,
  subject: string | null,
): Promise<OrgAccess | undefined> {
  const { services, invocation } = ctx;
  const actor = invocation.actor.id;
  const access = command.access;
  const slugs = orgsNamed(command, ctx.args);
  if (access.kind === "mapped-or-admin") {
    for (const slug of slugs) {
      const org = await services.orgs.get(slug);
      // An unknown org is the command's to report (with the list of linked ones).
      if (!org) continue;
      try {
        await requireDiagnose(services, actor, org, command.name);
      } catch (e) {
        await auditDenied(services, invocation, command.name, org.slug, subject, "unmapped");
        throw e;
      }
    }
    return undefined;
  }
  if (access.kind !== "genesys") return undefined;
  let first: OrgAccess | undefined;
  for (const slug of slugs) {
    let org: LinkedOrg;
    let client: Awaited<ReturnType<CoreServices["genesys"]["forOrg"]>>;
    try {
      org = await resolveOrg(services.orgs, slug, { allowBroken: command.diagnosesBrokenOrgs === true });
      client = await services.genesys.forOrg(org);
    } catch {
      // No org or no token: nothing can be resolved either. The command reports the same fault (or,
      // for `why`, diagnoses it for people mapped in the org).
      continue;
    }
    let seen: Awaited<ReturnType<CoreServices["gate"]["divisionsAllowed"]>>;
    try {
      seen = await services.gate.divisionsAllowed(actor, org, client, "status");
    } catch (e) {
      // Credentials of another org, a revoked client…: `why` diagnoses that for people mapped there.
      if (command.diagnosesBrokenOrgs) continue;
      throw e;
    }
    if (!seen.allowed) {
      if (seen.reason === "cannot_verify" && command.diagnosesBrokenOrgs) continue;
      await auditDenied(services, invocation, command.name, org.slug, subject, seen.reason, seen);
      throw notPermitted(seen);
    }
    first ??= { org, viewable: seen.divisions, genesysIdentity: seen.genesysIdentity };
  }
  return first;
}

async function auditDenied(
  services: CoreServices,
  invocation: Invocation,
  action: string,
  orgSlug: string,
  subject: string | null,
  reason: string,
  decision?: GateDenied,
): Promise<void> {
  await services.audit.append({
    actor: invocation.actor.id,
    platform: invocation.platform,
    channel: invocation.channel.id,
    orgSlug,
    action,
    targetName: subject,
    outcome: "denied",
    genesysIdentity: decision?.genesysIdentity ?? null,
    detail: { reason, missing: decision?.missing ?? [], division: null, stage: "access" },
  });
}
