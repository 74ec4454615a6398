import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/kernel/errors.js";
import type {
  LinkedOrg,
  LinkOrgInput,
  OrgCredentials,
  OrgHealth,
  OrgStore,
} from "../../src/core/ports/org-store.js";
import { createGenesysGateway } from "../../src/genesys/gateway.js";
import type { Simulator } from "../../src/genesys-sim/index.js";
import { ORG, SECRETS, threeOrgsYaml } from "./support/fixtures.js";
import { recordingFetch } from "./support/recording-fetch.js";
import { startSim } from "./support/sim.js";

/** An in-memory OrgStore: the port's behaviour, none of its storage. */
class MemoryOrgStore implements OrgStore {
  readonly healthLog: Array<{ slug: string; health: OrgHealth; reason: string | null }> = [];
  private readonly orgs = new Map<string, LinkedOrg>();
  private readonly secrets = new Map<string, OrgCredentials>();
  private tick = Date.UTC(2025, 0, 1);

  async list(): Promise<LinkedOrg[]> {
    return [...this.orgs.values()];
  }
  async get(slug: string): Promise<LinkedOrg | null> {
    return this.orgs.get(slug) ?? null;
  }
  async upsert(input: LinkOrgInput): Promise<LinkedOrg> {
    this.tick += 1000;
    const now = new Date(this.tick);
    const before = this.orgs.get(input.slug);
    const org: LinkedOrg = {
      slug: input.slug,
      genesysOrgId: input.genesysOrgId,
      name: input.name,
      region: input.region,
      clientId: input.clientId,
      health: "unknown",
      healthReason: null,
      healthCheckedAt: null,
      automap: before?.automap ?? false,
      linkedAt: before?.linkedAt ?? now,
      updatedAt: now,
    };
    this.orgs.set(input.slug, org);
    this.secrets.set(input.slug, { clientId: input.clientId, clientSecret: input.clientSecret });
    return org;
  }
  async unlink(slug: string): Promise<boolean> {
    this.secrets.delete(slug);
    return this.orgs.delete(slug);
  }
  async setAutomap(slug: string, on: boolean): Promise<boolean> {
    const org = this.orgs.get(slug);
    if (org) this.orgs.set(slug, { ...org, automap: on });
    return org !== undefined;
  }
  async credentials(slug: string): Promise<OrgCredentials | null> {
    return this.secrets.get(slug) ?? null;
  }
  async setHealth(slug: string, health: OrgHealth, reason: string | null = null): Promise<void> {
    this.healthLog.push({ slug, health, reason });
    const org = this.orgs.get(slug);
    if (org)
      this.orgs.set(slug, { ...org, health, healthReason: reason, healthCheckedAt: new Date(this.tick) });
  }
  /** Drops the secret but keeps the org row, as a broken database row would. */
  loseSecret(slug: string): void {
    this.secrets.delete(slug);
  }
}

const acmeLink = (overrides: Partial<LinkOrgInput> = {}): LinkOrgInput => ({
  slug: "acme",
  genesysOrgId: ORG.acme.genesysOrgId,
  name: "Acme Corp",
  region: "us_east_1",
  clientId: "client-acme",
  clientSecret: SECRETS.acme,
  ...overrides,
});

let sim: Simulator;
let store: MemoryOrgStore;

beforeAll(async () => {
  sim = await startSim(threeOrgsYaml());
});
afterAll(() => sim.close());
beforeEach(() => {
  store = new MemoryOrgStore();
  sim.resetStats();
});

describe("GenesysGateway", () => {
  it("hands out one client per org, shared by concurrent callers", async () => {
    const gateway = createGenesysGateway({ orgStore: store, simulatorUrl: sim.url });
    const acme = await store.upsert(acmeLink());
    const globex = await store.upsert({
      slug: "globex",
      genesysOrgId: ORG.globex.genesysOrgId,
      name: "Globex",
      region: "eu_west_1",
      clientId: "client-globex",
      clientSecret: SECRETS.globex,
    });
    const [a1, a2] = await Promise.all([gateway.forOrg(acme), gateway.forOrg(acme)]);
    expect(a1).toBe(a2);
    expect(await gateway.forOrg({ ...acme })).toBe(a1);
    const g = await gateway.forOrg(globex);
    expect(g).not.toBe(a1);
    expect(g.orgSlug).toBe("globex");

    await Promise.all([a1, a2, g].flatMap((c) => [c.listCampaigns(), c.listCampaigns()]));
    expect(sim.stats().tokensByOrg).toEqual({ acme: 1, globex: 1 });
  });

  it("rebuilds the client after a relink, so the new credentials are used", async () => {
    const rec = recordingFetch();
    const gateway = createGenesysGateway({ orgStore: store, simulatorUrl: sim.url, fetch: rec.fetch });
    const before = await gateway.forOrg(await store.upsert(acmeLink()));
    expect((await before.tokenInfo()).oauthClient?.id).toBe("client-acme");

    const relinked = await store.upsert(
      acmeLink({ clientId: "client-acme-viewer", clientSecret: SECRETS.acmeViewer }),
    );
    const after = await gateway.forOrg(relinked);
    expect(after).not.toBe(before);
    expect((await after.tokenInfo()).oauthClient?.id).toBe("client-acme-viewer");
    expect(rec.issuedTokens).toHaveLength(2);
    // The old token was not carried over: the last call used the second token.
    expect(rec.sent.at(-1)?.authorization).toBe(`Bearer ${rec.issuedTokens[1]}`);
  });

  it("builds a fresh client after evict", async () => {
    const gateway = createGenesysGateway({ orgStore: store, simulatorUrl: sim.url });
    const org = await store.upsert(acmeLink());
    const first = await gateway.forOrg(org);
    gateway.evict("acme");
    expect(await gateway.forOrg(org)).not.toBe(first);
  });

  it("reports missing credentials as org_broken with a re-link hint", async () => {
    const gateway = createGenesysGateway({ orgStore: store, simulatorUrl: sim.url });
    const org = await store.upsert(acmeLink());
    store.loseSecret("acme");
    const error = await gateway.forOrg(org).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "org_broken" });
    expect((error as AppError).hint).toContain("switchboard org link acme");
  });

  it("reports an unknown region as org_broken and does not cache the failure", async () => {
    const gateway = createGenesysGateway({ orgStore: store, simulatorUrl: sim.url });
    const org = await store.upsert(acmeLink({ region: "mars_north_1" }));
    await expect(gateway.forOrg(org)).rejects.toMatchObject({ code: "org_broken" });
    const fixed = await store.upsert(acmeLink());
    await expect((await gateway.forOrg(fixed)).listCampaigns()).resolves.toMatchObject({ total: 3 });
  });

  it("marks the org broken when its credentials belong to another org", async () => {
    const gateway = createGenesysGateway({ orgStore: store, simulatorUrl: sim.url });
    const org = await store.upsert(
      acmeLink({ region: "eu_west_1", clientId: "client-globex", clientSecret: SECRETS.globex }),
    );
    const client = await gateway.forOrg(org);
    await expect(client.listCampaigns()).rejects.toMatchObject({ code: "org_mismatch" });
    expect(store.healthLog).toEqual([
      {
        slug: "acme",
        health: "broken",
        reason: `credentials belong to Genesys org Globex (${ORG.globex.genesysOrgId}), not ${ORG.acme.genesysOrgId}`,
      },
    ]);
    expect((await store.get("acme"))?.health).toBe("broken");
  });

  it("probes whose credentials they are, in any region, without the org binding or caching", async () => {
    const gateway = createGenesysGateway({ orgStore: store, simulatorUrl: sim.url });
    const mislinked = await store.upsert(
      acmeLink({ region: "eu_west_1", clientId: "client-globex", clientSecret: SECRETS.globex }),
    );
    expect((await gateway.probe(mislinked)).organization.id).toBe(ORG.globex.genesysOrgId);
    // Another region's login host has never heard of the client: the token endpoint's error, typed.
    await expect(gateway.probe(mislinked, "us_east_1")).rejects.toMatchObject({ code: "invalid_client" });
    await expect(gateway.probe(mislinked, "mars_north_1")).rejects.toMatchObject({ code: "invalid_input" });
    expect(store.healthLog).toEqual([]);
    expect(gateway.regions().find((r) => r.key === "eu_west_1")).toEqual({
      key: "eu_west_1",
      loginHost: "login.mypurecloud.ie",
    });
  });
});
