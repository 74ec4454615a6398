/** OrgStore in memory: linked orgs by slug (no credentials are ever needed by the rules under test). */
import type { LinkedOrg, LinkOrgInput, OrgHealth, OrgStore } from "../../src/core/ports/org-store.js";

export function linkedOrg(slug: string, overrides: Partial<LinkedOrg> = {}): LinkedOrg {
  const at = new Date("2026-01-01T00:00:00Z");
  return {
    slug,
    genesysOrgId: `org-${slug}`,
    name: slug,
    region: "us_east_1",
    clientId: `client-${slug}`,
    health: "ok",
    healthReason: null,
    healthCheckedAt: null,
    automap: false,
    linkedAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export class FakeOrgStore implements OrgStore {
  readonly #orgs = new Map<string, LinkedOrg>();

  constructor(orgs: LinkedOrg[] = []) {
    for (const org of orgs) this.#orgs.set(org.slug, org);
  }

  async list(): Promise<LinkedOrg[]> {
    return [...this.#orgs.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }

  async get(slug: string): Promise<LinkedOrg | null> {
    return this.#orgs.get(slug) ?? null;
  }

  async upsert(input: LinkOrgInput): Promise<LinkedOrg> {
    const { clientSecret: _secret, ...rest } = input;
    const org = linkedOrg(input.slug, rest);
    this.#orgs.set(org.slug, org);
    return org;
  }

  async unlink(slug: string): Promise<boolean> {
    return this.#orgs.delete(slug);
  }

  async credentials(): Promise<null> {
    return null;
  }

  async setHealth(slug: string, health: OrgHealth, reason: string | null = null): Promise<void> {
    const org = this.#orgs.get(slug);
    if (org) this.#orgs.set(slug, { ...org, health, healthReason: reason });
  }

  async setAutomap(slug: string, on: boolean): Promise<boolean> {
    const org = this.#orgs.get(slug);
    if (!org) return false;
    this.#orgs.set(slug, { ...org, automap: on });
    return true;
  }
}
