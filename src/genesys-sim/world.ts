/**
 * The immutable part of the simulated Genesys: the fixture indexed for lookups (by id, name, host),
 * plus grant resolution. Mutable things (campaign status, tokens) live in SimState.
 */
import { REGION_DOMAINS, type Region, regionOfDomain } from "../genesys/regions.js";
import type {
  Fixture,
  FixtureCampaign,
  FixtureDivision,
  FixtureGrant,
  FixtureOAuthClient,
  FixtureOrg,
  FixtureRole,
  FixtureUser,
} from "./fixture.js";
import { ALL_DIVISIONS, type PermissionSet, permissionSetFrom, type ResolvedGrant } from "./permissions.js";

export interface OrgModel {
  fx: FixtureOrg;
  region: Region;
  divisionById: Map<string, FixtureDivision>;
  divisionByName: Map<string, FixtureDivision>;
  roleById: Map<string, FixtureRole>;
  roleByName: Map<string, FixtureRole>;
  userById: Map<string, FixtureUser>;
  campaignById: Map<string, FixtureCampaign>;
  home: FixtureDivision;
}

export type HostKind = { kind: "login" | "api"; region: Region };

export class World {
  readonly fixture: Fixture;
  readonly orgs: OrgModel[];
  readonly #clients = new Map<string, { org: OrgModel; client: FixtureOAuthClient }>();

  constructor(fixture: Fixture) {
    this.fixture = fixture;
    this.orgs = fixture.orgs.map((fx) => indexOrg(fx));
    for (const org of this.orgs) {
      for (const client of org.fx.oauthClients) this.#clients.set(client.id, { org, client });
    }
  }

  /** `login.mypurecloud.ie` → {login, eu_west_1}; anything else → undefined. */
  hostKind(host: string): HostKind | undefined {
    const dot = host.indexOf(".");
    if (dot < 0) return undefined;
    const prefix = host.slice(0, dot);
    const region = regionOfDomain(host.slice(dot + 1).toLowerCase());
    if (!region || (prefix !== "login" && prefix !== "api")) return undefined;
    return { kind: prefix, region };
  }

  apiHost(region: Region): string {
    return `api.${REGION_DOMAINS[region]}`;
  }

  /** By slug or Genesys org id. */
  org(ref: string): OrgModel | undefined {
    return this.orgs.find((o) => o.fx.slug === ref || o.fx.id === ref);
  }

  orgById(id: string): OrgModel | undefined {
    return this.orgs.find((o) => o.fx.id === id);
  }

  client(clientId: string): { org: OrgModel; client: FixtureOAuthClient } | undefined {
    return this.#clients.get(clientId);
  }

  /**
   * Role × division pairs. A grant in all divisions stays ONE pair with division id `*`, exactly as
   * Genesys reports it (user and group grants, an OAuth client's roleDivisions).
   */
  resolveGrants(org: OrgModel, grants: readonly FixtureGrant[]): ResolvedGrant[] {
    const out: ResolvedGrant[] = [];
    const seen = new Set<string>();
    for (const g of grants) {
      const role = org.roleByName.get(g.role);
      const divisionId =
        g.division === ALL_DIVISIONS ? ALL_DIVISIONS : org.divisionByName.get(g.division)?.id;
      const key = `${role?.id}/${divisionId}`;
      if (!role || !divisionId || seen.has(key)) continue;
      seen.add(key);
      out.push({ roleId: role.id, divisionId });
    }
    return out;
  }

  /** A user's grants: its own, then those inherited from each group it belongs to (subjectId = the group). */
  userGrants(org: OrgModel, user: FixtureUser): Array<ResolvedGrant & { subjectId: string }> {
    const own = this.resolveGrants(org, user.grants).map((g) => ({ ...g, subjectId: user.id }));
    const email = user.email.toLowerCase();
    const inherited = org.fx.groups
      .filter((group) => group.members.some((m) => m.toLowerCase() === email))
      .flatMap((group) => this.resolveGrants(org, group.grants).map((g) => ({ ...g, subjectId: group.id })));
    return [...own, ...inherited];
  }

  permissions(org: OrgModel, grants: readonly FixtureGrant[]): PermissionSet {
    return permissionSetFrom(
      this.resolveGrants(org, grants),
      (roleId) => org.roleById.get(roleId)?.permissions ?? [],
    );
  }
}

function indexOrg(fx: FixtureOrg): OrgModel {
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const byName = <T extends { name: string }>(items: T[]) => new Map(items.map((i) => [i.name, i]));
  const home = fx.divisions.find((d) => d.home) ?? fx.divisions[0];
  if (!home) throw new Error(`org ${fx.slug} has no divisions`);
  return {
    fx,
    region: fx.region,
    divisionById: byId(fx.divisions),
    divisionByName: byName(fx.divisions),
    roleById: byId(fx.roles),
    roleByName: byName(fx.roles),
    userById: byId(fx.users),
    campaignById: byId(fx.campaigns),
    home,
  };
}
