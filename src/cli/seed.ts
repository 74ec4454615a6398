import type { GenesysIdentity } from "../core/ports/identity-store.js";
import type { CoreServices } from "../core/services.js";
import type { Fixture } from "../genesys-sim/index.js";
import { asIdentity } from "../main.js";

export interface SeedResult {
  linked: string[];
  mapped: number;
}

/**
 * Links every org of a fixture (with its first OAuth client) and maps its chat users, idempotently:
 * a link or mapping that already matches is left alone, so re-running changes nothing.
 */
export async function seedFromFixture(
  services: CoreServices,
  fixture: Fixture,
  createdBy: string,
): Promise<SeedResult> {
  // One read per table, not one per org and mapping: every `exec` in a workspace runs this check.
  const [orgs, mappings] = await Promise.all([services.orgs.list(), services.identities.list()]);
  const orgBySlug = new Map(orgs.map((o) => [o.slug, o]));
  const mappingOf = new Map(mappings.map((m) => [`${m.orgSlug}\n${m.chatIdentity}`, m]));
  const linked: string[] = [];
  for (const org of fixture.orgs) {
    const client = org.oauthClients[0];
    if (!client) continue;
    const existing = orgBySlug.get(org.slug);
    const same =
      existing &&
      existing.clientId === client.id &&
      existing.region === org.region &&
      existing.genesysOrgId === org.id;
    if (same) continue;
    await services.orgs.upsert({
      slug: org.slug,
      genesysOrgId: org.id,
      name: org.name,
      region: org.region,
      clientId: client.id,
      clientSecret: client.secret,
    });
    services.genesys.evict(org.slug);
    linked.push(org.slug);
  }
  let mapped = 0;
  for (const user of fixture.switchboard?.chatUsers ?? []) {
    const chatIdentity = asIdentity(user.name);
    for (const m of user.maps) {
      const genesys = toGenesysIdentity(fixture, m.org, m);
      const current = mappingOf.get(`${m.org}\n${chatIdentity}`);
      if (current && JSON.stringify(current.genesys) === JSON.stringify(genesys)) continue;
      await services.identities.map({ chatIdentity, orgSlug: m.org, genesys, createdBy });
      mapped++;
    }
  }
  return { linked, mapped };
}

function toGenesysIdentity(
  fixture: Fixture,
  orgSlug: string,
  m: { genesysUser?: string | undefined; genesysRole?: string | undefined },
): GenesysIdentity {
  if (m.genesysRole) return { kind: "role", roleName: m.genesysRole };
  const org = fixture.orgs.find((o) => o.slug === orgSlug);
  const ref = (m.genesysUser ?? "").toLowerCase();
  const user = org?.users.find((u) => u.email.toLowerCase() === ref || u.id === m.genesysUser);
  if (!user) {
    throw new Error(
      `Fixture: chat user mapping to "${m.genesysUser}" in ${orgSlug}: no such user in that org's users.`,
    );
  }
  return { kind: "user", userId: user.id, email: user.email };
}
