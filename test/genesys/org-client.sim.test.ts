import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenesysError } from "../../src/core/kernel/genesys-error.js";
import type { OrgClient } from "../../src/genesys/org-client.js";
import { derivedUuid, type Simulator } from "../../src/genesys-sim/index.js";
import { ORG, SECRETS, threeOrgsYaml } from "./support/fixtures.js";
import { recordingFetch } from "./support/recording-fetch.js";
import { clientFor, startSim } from "./support/sim.js";

let sim: Simulator;
let acme: OrgClient;
let viewer: OrgClient;
let spring: string;
const salesId = derivedUuid("acme", "division", "Sales");

beforeAll(async () => {
  sim = await startSim(threeOrgsYaml({ bulkCampaigns: 130 }));
  acme = clientFor(sim, "acme");
  viewer = clientFor(sim, "acme", {
    credentials: { clientId: "client-acme-viewer", clientSecret: SECRETS.acmeViewer },
  });
  spring = sim.campaign("acme", "Spring Promo").id;
});
afterAll(() => sim.close());

describe("campaign reads", () => {
  it("lists a page with the name filter and maps campaigns onto the model", async () => {
    const page = await acme.listCampaigns({ name: "spring", filterType: "Prefix", pageSize: 10 });
    expect(page).toMatchObject({ total: 1, pageNumber: 1, pageSize: 10, pageCount: 1 });
    expect(page.entities[0]).toEqual({
      id: spring,
      name: "Spring Promo",
      status: "on",
      dialingMode: "preview",
      division: { id: salesId, name: "Sales" },
      version: expect.any(Number),
      dateModified: expect.any(String),
      contactList: { id: expect.any(String), name: "Spring Promo Contacts" },
      queue: { id: expect.any(String), name: "Sales Outbound" },
    });
  });

  it("sends repeated divisionId parameters", async () => {
    const rec = recordingFetch();
    const client = clientFor(sim, "acme", { fetch: rec.fetch });
    const home = derivedUuid("acme", "division", "Home");
    const page = await client.listCampaigns({ divisionId: [home, salesId], pageSize: 5, pageNumber: 2 });
    expect(page.pageNumber).toBe(2);
    const url = new URL(rec.sent.at(-1)?.url ?? "");
    expect(url.searchParams.getAll("divisionId")).toEqual([home, salesId]);
    expect(url.searchParams.get("pageSize")).toBe("5");
  });

  it("follows every page in listAllCampaigns", async () => {
    const rec = recordingFetch();
    const client = clientFor(sim, "acme", { fetch: rec.fetch });
    const all = await client.listAllCampaigns();
    expect(all).toHaveLength(133);
    expect(new Set(all.map((c) => c.id)).size).toBe(133);
    const pages = rec.sent.filter((r) => r.url.includes("/outbound/campaigns?"));
    expect(pages.map((r) => new URL(r.url).searchParams.get("pageNumber"))).toEqual(["1", "2"]);
  });

  it("reads one campaign, its progress and its stats", async () => {
    expect((await acme.getCampaign(spring)).name).toBe("Spring Promo");
    expect(await acme.getProgress(spring)).toEqual({
      campaignId: spring,
      percentage: 42,
      totalNumberOfContacts: 1000,
      numberOfContactsCalled: 420,
    });
    const stats = await acme.getStats(spring);
    expect(stats.attempts).toBeGreaterThanOrEqual(420);
    expect(stats.connectRatio).toBeGreaterThan(0);
  });

  it("reads several campaigns' progress in one request, leaving out ids Genesys does not know", async () => {
    const summer = sim.campaign("acme", "Summer Sale").id;
    const progress = await acme.getProgressOf([spring, summer, "no-such-campaign"]);
    expect(progress).toEqual([
      { campaignId: spring, percentage: 42, totalNumberOfContacts: 1000, numberOfContactsCalled: 420 },
      expect.objectContaining({ campaignId: summer }),
    ]);
    expect(await acme.getProgressOf([])).toEqual([]);
  });

  it("stops and starts a campaign", async () => {
    const summer = sim.campaign("acme", "Summer Sale").id;
    await acme.stopCampaign(summer);
    expect(sim.campaign("acme", summer).status).toBe("off"); // stoppingMs is 0 in this fixture
    await acme.startCampaign(summer);
    expect(sim.campaign("acme", summer).status).toBe("on");
  });
});

describe("identity and permission reads", () => {
  it("maps tokens/me, with OAuthClient as oauthClient", async () => {
    const info = await acme.tokenInfo();
    expect(info.organization).toEqual({ id: ORG.acme.genesysOrgId, name: "Acme Corp" });
    expect(info.oauthClient?.id).toBe("client-acme");
    // Granted in all divisions: one roleDivision with divisionId "*", as Genesys answers.
    expect(info.oauthClient?.roleDivisions).toHaveLength(1);
    expect(info.oauthClient?.roleDivisions[0]?.divisionId).toBe("*");
    expect(info.dateTokenIdles).toEqual(expect.any(String));
  });

  it("reads the organization and the OAuth client", async () => {
    expect(await acme.organization()).toEqual({
      id: ORG.acme.genesysOrgId,
      name: "Acme Corp",
      state: "active",
    });
    const client = await acme.getOAuthClient("client-acme-viewer");
    expect(client).toMatchObject({ id: "client-acme-viewer", accessTokenValiditySeconds: 86_400 });
    expect(client.roleDivisions).toEqual([
      { roleId: derivedUuid("acme", "role", "Outbound Viewer"), divisionId: salesId },
    ]);
  });

  it("flattens role permission policies to one string per action, wildcards kept", async () => {
    const role = await acme.getRole(derivedUuid("acme", "role", "Outbound Admin"));
    expect(role.name).toBe("Outbound Admin");
    expect(role.permissions.sort()).toEqual(
      ["authorization:*:view", "directory:user:view", "oauth:client:view", "outbound:campaign:*"].sort(),
    );
  });

  it("finds roles by exact name, not by prefix", async () => {
    const roles = await acme.findRolesByName("outbound viewer");
    expect(roles).toEqual([
      {
        id: derivedUuid("acme", "role", "Outbound Viewer"),
        name: "Outbound Viewer",
        permissions: ["outbound:campaign:view"],
      },
    ]);
    expect(await acme.findRolesByName("Outbound")).toEqual([]);
  });

  it("reads a user's grants and the divisions", async () => {
    const sam = await acme.findUserByEmail("sam@acme.test");
    expect(sam).toMatchObject({ name: "Sam Jones", email: "sam@acme.test" });
    const grants = await acme.getSubjectGrants(sam?.id ?? "");
    expect(grants).toHaveLength(1);
    expect(grants[0]?.role.name).toBe("Outbound Admin");
    expect(grants[0]?.division.id).toBe("*");
    expect((await acme.listDivisions()).map((d) => d.name).sort()).toEqual(["Home", "Sales", "Support"]);
    expect(await acme.getUser(sam?.id ?? "")).toEqual(sam);
    expect(await acme.findUserByEmail("nobody@acme.test")).toBeNull();
  });
});

describe("typed errors", () => {
  it("types a 403 with the missing permission", async () => {
    const error = await viewer.stopCampaign(spring).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysError);
    expect(error).toMatchObject({
      status: 403,
      code: "missing.permissions",
      method: "POST",
      path: `/api/v2/outbound/campaigns/${spring}/stop`,
      requiredPermissions: ["outbound:campaign:stop"],
      orgSlug: "acme",
      contextId: expect.any(String),
      correlationId: expect.any(String),
    });
  });

  it("types a 404", async () => {
    const error = await acme.getCampaign("no-such-campaign").catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 404,
      code: "not.found",
      path: "/api/v2/outbound/campaigns/no-such-campaign",
      contextId: expect.any(String),
      requiredPermissions: [],
    });
  });

  it("types a 403 on the identity endpoints too", async () => {
    await expect(viewer.findRolesByName("Outbound Admin")).rejects.toMatchObject({
      status: 403,
      requiredPermissions: ["authorization:role:view"],
    });
  });
});
