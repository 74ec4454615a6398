/**
 * Mapping a chat identity to a Genesys user or role in one org, verified against that org through
 * its OAuth client (a typo must not produce a mapping that silently denies everything), audited,
 * and applied at once to this process's permission cache.
 */
import { AppError, refused } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { ChatIdentity, GenesysUser } from "../kernel/model.js";
import { UUID } from "../kernel/uuid.js";
import type { EffectiveAccess } from "../permissions/gate-decision.js";
import { genesysIdentityLabel } from "../permissions/identity-grants.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { GenesysIdentity, IdentityMapping } from "../ports/identity-store.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

export type GenesysTarget = { kind: "user"; ref: string } | { kind: "role"; name: string };

/** Who changes a mapping, for the audit log: `cli:<os user>`, a Slack admin's identity… */
export interface MappingAuthor {
  actor: string;
  platform: string;
  channel: string;
}

export interface MapResult {
  mapping: IdentityMapping;
  previous: IdentityMapping | null;
  /** Display name of the Genesys user or role, as Genesys spells it. */
  genesysName: string;
  /** What the mapping allows now, or why that cannot be known. */
  access: EffectiveAccess;
}

export async function mapChatIdentity(
  services: CoreServices,
  org: LinkedOrg,
  chatIdentity: ChatIdentity,
  target: GenesysTarget,
  author: MappingAuthor,
): Promise<MapResult> {
  const found = await verifyGenesysTarget(services, org, target);
  const client = await services.genesys.forOrg(org);
  const previous = await services.identities.get(chatIdentity, org.slug);
  const mapping = await services.identities.map({
    chatIdentity,
    orgSlug: org.slug,
    genesys: found.identity,
    createdBy: author.actor,
  });
  await services.gate.invalidate(chatIdentity, org.slug);
  const label = genesysIdentityLabel(found.identity);
  await services.audit.append({
    ...author,
    orgSlug: org.slug,
    action: "user.map",
    target: chatIdentity,
    targetName: label,
    genesysIdentity: label,
    outcome: "success",
    detail: { previous: previous ? genesysIdentityLabel(previous.genesys) : null, genesysName: found.name },
  });
  const access = await services.gate.effective(chatIdentity, org, client);
  return { mapping, previous, genesysName: found.name, access };
}

/** The Genesys user or role a target names, checked in the org through its OAuth client. */
export async function verifyGenesysTarget(
  services: Pick<CoreServices, "genesys">,
  org: LinkedOrg,
  target: GenesysTarget,
): Promise<{ identity: GenesysIdentity; name: string }> {
  const client = await services.genesys.forOrg(org);
  return target.kind === "user" ? verifyUser(client, org, target.ref) : verifyRole(client, org, target.name);
}

/** Removes a mapping (the org need not be linked any more); false when there was none. */
export async function unmapChatIdentity(
  services: CoreServices,
  orgSlug: string,
  chatIdentity: ChatIdentity,
  author: MappingAuthor,
): Promise<IdentityMapping | null> {
  const previous = await services.identities.get(chatIdentity, orgSlug);
  if (!previous) return null;
  await services.identities.unmap(chatIdentity, orgSlug);
  await services.gate.invalidate(chatIdentity, orgSlug);
  const label = genesysIdentityLabel(previous.genesys);
  await services.audit.append({
    ...author,
    orgSlug,
    action: "user.unmap",
    target: chatIdentity,
    targetName: label,
    genesysIdentity: label,
    outcome: "success",
    detail: { previous: label },
  });
  return previous;
}

async function verifyUser(
  client: GenesysOrgClient,
  org: LinkedOrg,
  ref: string,
): Promise<{ identity: GenesysIdentity; name: string }> {
  const wanted = ref.trim();
  const byEmail = wanted.includes("@");
  if (!byEmail && !UUID.test(wanted)) {
    throw new AppError(
      "invalid_input",
      `"${wanted}" is neither an email address nor a Genesys user id (a UUID).`,
      {
        hint: "Use the user's email (sam@example.com) or id as shown in Genesys Admin > People.",
      },
    );
  }
  const tried = byEmail
    ? `a user search by email "${wanted}" (POST /api/v2/users/search)`
    : `a lookup of user id ${wanted} (GET /api/v2/users/${wanted})`;
  let user: GenesysUser | null;
  try {
    user = byEmail ? await client.findUserByEmail(wanted) : await client.getUser(wanted);
  } catch (e) {
    if (isGenesysError(e) && e.status === 404) user = null;
    else if (isGenesysError(e) && e.status === 403) {
      throw refused(
        `${org.slug}'s OAuth client may not look up users (it lacks directory:user:view), so "${wanted}" cannot be verified.`,
        {
          hint: `Ask a Genesys admin to grant directory:user:view to the role of ${org.slug}'s OAuth client (${org.clientId}), or map a role instead: --genesys-role "<name>"`,
        },
      );
    } else throw e;
  }
  if (!user) {
    throw new AppError("invalid_input", `No Genesys user "${wanted}" in ${org.slug}.`, {
      details: [`Tried: ${tried} as ${org.slug}'s OAuth client; no match.`],
      hint: byEmail
        ? "Check the spelling, or use the user's id (a UUID) instead."
        : "Check the id, or use the user's email instead.",
    });
  }
  return { identity: { kind: "user", userId: user.id, email: user.email }, name: user.name };
}

async function verifyRole(
  client: GenesysOrgClient,
  org: LinkedOrg,
  name: string,
): Promise<{ identity: GenesysIdentity; name: string }> {
  const wanted = name.trim();
  try {
    const [role] = await client.findRolesByName(wanted);
    if (!role) {
      throw new AppError("invalid_input", `${org.slug} has no Genesys role named "${wanted}".`, {
        details: [
          `Tried: GET /api/v2/authorization/roles?name=${wanted} as ${org.slug}'s OAuth client, exact name, any case.`,
        ],
        hint: "Use the role's name exactly as Genesys Admin > Roles/Permissions shows it.",
      });
    }
    // Genesys' spelling is stored, so messages and the audit log match what admins see there.
    return { identity: { kind: "role", roleName: role.name }, name: role.name };
  } catch (e) {
    if (isGenesysError(e) && e.status === 403) {
      throw refused(
        `${org.slug}'s OAuth client may not read roles (it lacks authorization:role:view), so role "${wanted}" cannot be verified or checked.`,
        {
          hint: `Ask a Genesys admin to grant authorization:role:view to the role of ${org.slug}'s OAuth client (${org.clientId}).`,
        },
      );
    }
    throw e;
  }
}
