/**
 * A Genesys org: its campaigns, roles, users and their grants, served through the GenesysOrgClient
 * port. Only what the approval and bulk rules read is answered; anything else throws, so a test
 * that starts depending on more says so instead of getting a silent default.
 */
import type {
  Campaign,
  GenesysUser,
  Grant,
  OAuthClientInfo,
  RoleInfo,
  TokenInfo,
} from "../../src/core/kernel/model.js";
import type { GenesysGateway, GenesysOrgClient } from "../../src/core/ports/genesys-gateway.js";
import type { LinkedOrg } from "../../src/core/ports/org-store.js";

export interface FakeOrgData {
  campaigns?: Campaign[];
  roles?: RoleInfo[];
  users?: GenesysUser[];
  /** Per Genesys user id: the roles granted to them, per division. */
  grants?: Record<string, Grant[]>;
  /**
   * Divisions Switchboard's own OAuth client may view campaigns in; default: every campaign's
   * division (so no "cannot see division" note unless a test asks for one).
   */
  clientDivisions?: string[];
}

/** The role the fake org's OAuth client holds in its divisions. */
const CLIENT_ROLE: RoleInfo = {
  id: "r-switchboard",
  name: "Switchboard",
  permissions: ["outbound:campaign:*"],
};

export class FakeOrgClient {
  readonly campaigns: Campaign[];
  readonly roles: RoleInfo[];
  readonly users: GenesysUser[];
  readonly grants: Record<string, Grant[]>;
  readonly #clientDivisions: string[] | undefined;

  constructor(
    readonly orgSlug: string,
    data: FakeOrgData = {},
  ) {
    this.campaigns = data.campaigns ?? [];
    this.roles = data.roles ?? [];
    this.users = data.users ?? [];
    this.grants = data.grants ?? {};
    this.#clientDivisions = data.clientDivisions;
  }

  async listAllCampaigns(): Promise<Campaign[]> {
    return this.campaigns.map((c) => structuredClone(c));
  }

  async getCampaign(id: string): Promise<Campaign> {
    const found = this.campaigns.find((c) => c.id === id);
    if (!found) throw new Error(`fake org ${this.orgSlug}: no campaign ${id}`);
    return structuredClone(found);
  }

  async getSubjectGrants(subjectId: string): Promise<Grant[]> {
    return structuredClone(this.grants[subjectId] ?? []);
  }

  async getRole(roleId: string): Promise<RoleInfo> {
    const found = [...this.roles, CLIENT_ROLE].find((r) => r.id === roleId);
    if (!found) throw new Error(`fake org ${this.orgSlug}: no role ${roleId}`);
    return structuredClone(found);
  }

  async findRolesByName(name: string): Promise<RoleInfo[]> {
    return this.roles.filter((r) => r.name === name).map((r) => structuredClone(r));
  }

  async getUser(userId: string): Promise<GenesysUser> {
    const found = this.users.find((u) => u.id === userId);
    if (!found) throw new Error(`fake org ${this.orgSlug}: no user ${userId}`);
    return structuredClone(found);
  }

  async listDivisions() {
    const seen = new Map<string, { id: string; name: string }>();
    for (const c of this.campaigns) seen.set(c.division.id, c.division);
    return [...seen.values()];
  }

  async tokenInfo(): Promise<TokenInfo> {
    return { organization: { id: `org-${this.orgSlug}`, name: this.orgSlug } };
  }

  async getOAuthClient(clientId: string): Promise<OAuthClientInfo> {
    const divisions = this.#clientDivisions ?? (await this.listDivisions()).map((d) => d.id);
    return {
      id: clientId,
      name: "switchboard",
      roleDivisions: divisions.map((divisionId) => ({ roleId: CLIENT_ROLE.id, divisionId })),
    };
  }

  /** The port's view of this fake: unknown methods throw when called. */
  asClient(): GenesysOrgClient {
    return new Proxy(this, {
      get(target, property, receiver) {
        if (property in target) {
          const value = Reflect.get(target, property, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        }
        if (property === "then") return undefined;
        return () => {
          throw new Error(`fake Genesys client: ${String(property)} is not faked`);
        };
      },
    }) as unknown as GenesysOrgClient;
  }
}

/** A gateway over fake orgs, by slug. */
export function fakeGateway(clients: Record<string, FakeOrgClient>): GenesysGateway {
  return {
    async forOrg(org: LinkedOrg) {
      const client = clients[org.slug];
      if (!client) throw new Error(`fake gateway: no org ${org.slug}`);
      return client.asClient();
    },
    evict() {},
    probe: () => Promise.reject(new Error("fake gateway: probe is not faked")),
    regions: () => [],
    probeCredentials: () => Promise.reject(new Error("fake gateway: probeCredentials is not faked")),
  };
}

/** A campaign as Genesys lists it, in division `division`. */
export function campaign(id: string, name: string, division: string, status = "on", version = 1): Campaign {
  return { id, name, status, dialingMode: "preview", division: { id: division, name: division }, version };
}
