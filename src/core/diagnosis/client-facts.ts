/**
 * Reads what the org's OAuth client is and may do, live, with the client's own token: `tokens/me`
 * (no permission needed: its id and role × division grants), `oauth/clients/{id}` (state, token
 * lifetime: `oauth:client:view`), each role (`authorization:role:view`) and the divisions (none).
 * A refusal of one read is recorded as unreadable, not thrown: the rest still explains something.
 */
import { isGenesysError } from "../kernel/genesys-error.js";
import type { DivisionRef, OAuthClientInfo, RoleDivision, RoleInfo } from "../kernel/model.js";
import { grantDivision, grantReaches } from "../permissions/division-grants.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { ClientFacts, RoleGrant, Unreadable } from "./diagnosis.js";

const CLIENT_VIEW = "oauth:client:view";
const ROLE_VIEW = "authorization:role:view";

/** Throws only when `tokens/me` itself fails: then the credentials or binding are the problem. */
export async function readClientFacts(
  client: GenesysOrgClient,
  linkedClientId: string,
): Promise<ClientFacts> {
  const me = await client.tokenInfo();
  const clientId = me.oauthClient?.id ?? linkedClientId;
  const unreadable: Unreadable[] = [];
  const [oauthClient, divisions] = await Promise.all([
    readOrRefused(() => client.getOAuthClient(clientId), "client settings", CLIENT_VIEW, unreadable),
    // Listing divisions needs no permission; without it, names fall back to ids.
    client.listDivisions().catch((): DivisionRef[] => []),
  ]);
  const roleDivisions: RoleDivision[] = oauthClient?.roleDivisions ?? me.oauthClient?.roleDivisions ?? [];
  const roles = await readRoles(client, roleDivisions, unreadable);
  const divisionName = new Map(divisions.map((d) => [d.id, d.name]));
  const grants: RoleGrant[] = roleDivisions.map((rd) => {
    const role = roles.get(rd.roleId);
    return {
      roleId: rd.roleId,
      ...(role ? { roleName: role.name, permissions: role.permissions } : {}),
      division: grantDivision(rd.divisionId, divisionName.get(rd.divisionId)),
    };
  });
  return {
    clientId,
    clientName: oauthClient?.name ?? me.oauthClient?.name ?? clientId,
    org: me.organization,
    grants,
    divisions,
    ...clientSettings(oauthClient),
    ...(me.dateTokenIdles ? { dateTokenIdles: me.dateTokenIdles } : {}),
    unreadable,
  };
}

function clientSettings(c: OAuthClientInfo | undefined): Pick<ClientFacts, "state" | "tokenSeconds"> {
  if (!c) return {};
  return {
    ...(c.state ? { state: c.state } : {}),
    ...(c.accessTokenValiditySeconds !== undefined ? { tokenSeconds: c.accessTokenValiditySeconds } : {}),
  };
}

async function readRoles(
  client: GenesysOrgClient,
  roleDivisions: readonly RoleDivision[],
  unreadable: Unreadable[],
): Promise<Map<string, RoleInfo>> {
  const roles = new Map<string, RoleInfo>();
  const ids = [...new Set(roleDivisions.map((rd) => rd.roleId))];
  const refused: Unreadable[] = [];
  await Promise.all(
    ids.map(async (id) => {
      try {
        roles.set(id, await client.getRole(id));
      } catch (e) {
        // A role deleted since it was granted grants nothing.
        if (isGenesysError(e) && e.status === 404)
          roles.set(id, { id, name: `(deleted role ${id})`, permissions: [] });
        else if (isGenesysError(e) && e.status === 403)
          refused.push({ what: "role permissions", permission: ROLE_VIEW, ...ctx(e.contextId) });
        else throw e;
      }
    }),
  );
  // One line for all refused roles: they fail for the same reason.
  if (refused[0]) unreadable.push(refused[0]);
  return roles;
}

async function readOrRefused<T>(
  read: () => Promise<T>,
  what: string,
  permission: string,
  unreadable: Unreadable[],
): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (!isGenesysError(e) || e.status !== 403) throw e;
    unreadable.push({ what, permission, ...ctx(e.contextId) });
    return undefined;
  }
}

const ctx = (contextId: string | undefined) => (contextId ? { contextId } : {});

/** Permissions the client holds in one division (readable roles only), grants in "*" included. */
export function heldIn(facts: ClientFacts, divisionId: string): string[] {
  return grantsIn(facts, divisionId).flatMap((g) => g.permissions ?? []);
}

/** The client's grants that apply in one division: made there or in all divisions. */
export function grantsIn(facts: ClientFacts, divisionId: string): RoleGrant[] {
  return facts.grants.filter((g) => grantReaches(g.division.id, divisionId));
}

/** `"Switchboard Integration"` or, when roles are unreadable, `id 4f1c…` (reads as "role id 4f1c…"). */
export function roleLabel(g: Pick<RoleGrant, "roleId" | "roleName">): string {
  return g.roleName ? `"${g.roleName}"` : `id ${g.roleId}`;
}

/** `Switchboard (acme) (acme-switchboard)` */
export function clientLabel(facts: Pick<ClientFacts, "clientId" | "clientName">): string {
  return facts.clientName && facts.clientName !== facts.clientId
    ? `"${facts.clientName}" (${facts.clientId})`
    : facts.clientId;
}
