/**
 * Automap (issue 16): in an org with `org automap <org> on`, a chat user who is not mapped there is
 * mapped, as they run their first command, to the Genesys user with the email their chat platform
 * has verified — only when exactly one active Genesys user has it. The mapping is recorded as made
 * by `automap`, audited (`user.automap`) and undone like any other with `user unmap`. When it cannot
 * be made, the reason is returned so the usual "not mapped" answer can say why.
 */
import { isGenesysError } from "../kernel/genesys-error.js";
import { userUnmapCommand } from "../kernel/hints.js";
import type { Invocation } from "../kernel/invocation.js";
import type { GenesysUser } from "../kernel/model.js";
import { genesysIdentityLabel } from "../permissions/identity-grants.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

/** Who the mapping is recorded as made by: `user list` and the audit show it. */
const AUTOMAP_AUTHOR = "automap";

export type AutomapOutcome = { mapped: true; email: string } | { mapped: false; why: string };

/**
 * Tries automap in each named org where it applies; returns, per org slug, what happened (orgs
 * where automap is off, unknown, or the caller is already mapped are left out).
 */
export async function automapCaller(
  services: CoreServices,
  invocation: Invocation,
  slugs: readonly string[],
): Promise<Map<string, AutomapOutcome>> {
  const outcomes = new Map<string, AutomapOutcome>();
  for (const slug of slugs) {
    const org = await services.orgs.get(slug);
    if (!org?.automap) continue;
    if (await services.identities.get(invocation.actor.id, org.slug)) continue;
    outcomes.set(org.slug, await automapInOrg(services, invocation, org));
  }
  return outcomes;
}

async function automapInOrg(
  services: CoreServices,
  invocation: Invocation,
  org: LinkedOrg,
): Promise<AutomapOutcome> {
  if (!invocation.email) {
    return { mapped: false, why: `${invocation.platform} does not vouch for anyone's email address` };
  }
  let verified: Awaited<ReturnType<typeof invocation.email.verifiedEmail>>;
  try {
    verified = await invocation.email.verifiedEmail();
  } catch (e) {
    services.logger.warn(
      { err: e instanceof Error ? e.name : "error", org: org.slug },
      "automap email lookup failed",
    );
    return { mapped: false, why: `${invocation.platform} could not be asked for your email address` };
  }
  if (verified.email === null) return { mapped: false, why: verified.why };
  const email = verified.email.trim();
  let users: GenesysUser[];
  try {
    const client = await services.genesys.forOrg(org);
    users = await client.findUsersByEmail(email);
  } catch (e) {
    const why =
      isGenesysError(e) && e.status === 403
        ? `${org.slug}'s OAuth client may not search users (it lacks directory:user:view)`
        : `the Genesys user search in ${org.slug} failed`;
    return { mapped: false, why };
  }
  const active = users.filter(
    (u) => (u.state ?? "active") === "active" && u.email.toLowerCase() === email.toLowerCase(),
  );
  const [only] = active;
  if (!only || active.length > 1) {
    return {
      mapped: false,
      why:
        active.length > 1
          ? `${active.length} active Genesys users in ${org.slug} have your email ${email}, so automap will not choose`
          : `no active Genesys user in ${org.slug} has your email ${email}`,
    };
  }
  const genesys = { kind: "user" as const, userId: only.id, email: only.email };
  await services.identities.map({
    chatIdentity: invocation.actor.id,
    orgSlug: org.slug,
    genesys,
    createdBy: AUTOMAP_AUTHOR,
  });
  await services.gate.invalidate(invocation.actor.id, org.slug);
  const label = genesysIdentityLabel(genesys);
  await services.audit.append({
    actor: AUTOMAP_AUTHOR,
    platform: invocation.platform,
    channel: invocation.channel.id,
    orgSlug: org.slug,
    action: "user.automap",
    target: invocation.actor.id,
    targetName: label,
    genesysIdentity: label,
    outcome: "success",
    detail: {
      email,
      genesysName: only.name,
      undo: userUnmapCommand(invocation.actor.id, org.slug),
    },
  });
  services.logger.info({ actor: invocation.actor.id, org: org.slug }, "automap: mapped by verified email");
  return { mapped: true, email };
}

/** The line a "not mapped" refusal gains when automap was tried and could not map the caller. */
export function automapNote(outcome: AutomapOutcome): string | null {
  return outcome.mapped ? null : `Automap is on here but could not map you: ${outcome.why}.`;
}
