import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/kernel/errors.js";
import { GenesysError } from "../../src/core/kernel/genesys-error.js";
import type { Simulator } from "../../src/genesys-sim/index.js";
import { CAMPAIGNS, ORG, SECRETS, threeOrgsYaml } from "./support/fixtures.js";
import { pathOf, recordingFetch } from "./support/recording-fetch.js";
import { clientFor, everythingIn, startSim } from "./support/sim.js";

let sim: Simulator;
let spring: string;

beforeAll(async () => {
  sim = await startSim(threeOrgsYaml());
  spring = sim.campaign("acme", "Spring Promo").id;
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.resetStats();
  sim.setFaults({ errorRate: 0, tokenEndpointDown: false });
});

const fast = { limits: { requestsPerMinute: 100_000, maxConcurrent: 64 } };

describe("token cache against the simulator", () => {
  it("makes exactly one token request for 500 concurrent calls on a cold cache", async () => {
    const client = clientFor(sim, "acme", fast);
    // 500 different requests: identical GETs asked together would share one exchange (next test).
    const pages = await Promise.all(
      Array.from({ length: 500 }, (_, i) => client.listCampaigns({ pageSize: 1, pageNumber: i + 1 })),
    );
    expect(pages.every((p) => p.total > 0)).toBe(true);
    expect(sim.stats().tokenRequests).toBe(1);
    expect(client.counters.tokenFetches).toBe(1);
    // 500 campaign pages plus the one tokens/me org check.
    expect(sim.stats().apiRequests).toBe(501);
  });

  it("shares one exchange among identical GETs asked for together, and not with a later one", async () => {
    const client = clientFor(sim, "acme", fast);
    const campaigns = await Promise.all(Array.from({ length: 500 }, () => client.getCampaign(spring)));
    expect(campaigns.every((c) => c.name === "Spring Promo")).toBe(true);
    // One campaign read plus the tokens/me org check.
    expect(sim.stats().apiRequests).toBe(2);
    await client.getCampaign(spring);
    expect(sim.stats().apiRequests).toBe(3);
  });

  it("checks the org once per new token, not per call", async () => {
    const rec = recordingFetch();
    let tokensFetched = 0;
    const client = clientFor(sim, "acme", {
      fetch: rec.fetch,
      hooks: { onTokenFetched: () => tokensFetched++ },
    });
    await client.getCampaign(spring);
    await client.getCampaign(spring);
    expect(tokensFetched).toBe(1);
    expect(rec.sent.map((r) => `${r.method} ${pathOf(r.url)}`)).toEqual([
      "POST /login.mypurecloud.com/oauth/token",
      "GET /api.mypurecloud.com/api/v2/tokens/me",
      `GET /api.mypurecloud.com/api/v2/outbound/campaigns/${spring}`,
      `GET /api.mypurecloud.com/api/v2/outbound/campaigns/${spring}`,
    ]);
    expect(rec.sent[0]?.authorization).toBe(
      `Basic ${Buffer.from(`client-acme:${SECRETS.acme}`).toString("base64")}`,
    );
  });

  it("refreshes once after the token expires early, and the call still succeeds", async () => {
    const client = clientFor(sim, "acme");
    await client.getCampaign(spring);
    sim.expireTokens();
    sim.resetStats();
    const campaign = await client.getCampaign(spring);
    expect(campaign.id).toBe(spring);
    expect(sim.stats().tokenRequests).toBe(1);
    expect(sim.stats().byStatus["401"]).toBe(1);
    expect(client.counters.tokenFetches).toBe(2);
  });

  it("refreshes once for 50 parallel calls that all meet the expired token", async () => {
    const client = clientFor(sim, "acme", fast);
    await client.getCampaign(spring);
    sim.expireTokens();
    sim.resetStats();
    const campaigns = await Promise.all(Array.from({ length: 50 }, () => client.getCampaign(spring)));
    expect(campaigns).toHaveLength(50);
    expect(sim.stats().tokenRequests).toBe(1);
    expect(client.counters.tokenFetches).toBe(2);
  });

  it("reports a revoked client as Genesys does: invalid_client, authentication failed", async () => {
    const client = clientFor(sim, "initech");
    await client.getCampaign(sim.campaign("initech", "TPS Reminders").id);
    sim.revokeClient("client-initech");
    const error = await client.listCampaigns().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysError);
    expect(error).toMatchObject({
      status: 401,
      code: "invalid_client",
      path: "/oauth/token",
      orgSlug: "initech",
    });
    // Genesys words a revoked client like a wrong secret; nothing may pretend to know which.
    expect((error as GenesysError).message).toMatch(/authentication failed/i);
  });

  it("fails with invalid_client when the org is linked in the wrong region", async () => {
    const client = clientFor(sim, "acme", { org: { ...ORG.acme, region: "eu_west_1" } });
    const error = await client.listCampaigns().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysError);
    expect(error).toMatchObject({ code: "invalid_client", path: "/oauth/token" });
    expect(sim.stats().apiRequests).toBe(0);
  });

  it("reports a login outage as a 5xx after bounded retries", async () => {
    sim.setFaults({ tokenEndpointDown: true });
    const client = clientFor(sim, "acme", { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await client.listCampaigns().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: "temporarily_unavailable" });
    expect(sim.stats().tokenRequests).toBe(3);
  });
});

describe("org binding", () => {
  it("refuses credentials of another org and makes no campaign call", async () => {
    const rec = recordingFetch();
    const mismatches: Array<{ id: string; name: string }> = [];
    // Globex's client linked as acme (in globex's region, so the login itself succeeds).
    const client = clientFor(sim, "globex", {
      org: { slug: "acme", genesysOrgId: ORG.acme.genesysOrgId, region: "eu_west_1" },
      fetch: rec.fetch,
      onOrgMismatch: (actual) => {
        mismatches.push(actual);
      },
    });
    const error = await client.listCampaigns().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "org_mismatch",
      userMessage: `The credentials linked as acme belong to Genesys org Globex (${ORG.globex.genesysOrgId}), not ${ORG.acme.genesysOrgId}.`,
    });
    expect((error as AppError).hint).toContain("switchboard org link acme");
    expect(mismatches).toEqual([{ id: ORG.globex.genesysOrgId, name: "Globex" }]);
    expect(rec.sent.some((r) => r.url.includes("/outbound/"))).toBe(false);

    // The client stays refused without asking Genesys again, and the token was never used further.
    await expect(client.getCampaign("x")).rejects.toMatchObject({ code: "org_mismatch" });
    expect(rec.sent.map((r) => pathOf(r.url).split("/").slice(2).join("/"))).toEqual([
      "oauth/token",
      "api/v2/tokens/me",
    ]);
    expect(mismatches).toHaveLength(1);
  });
});

describe("secrets", () => {
  it("never puts the client secret or a token in an error", async () => {
    const rec = recordingFetch();
    const errors: unknown[] = [];
    const capture = (p: Promise<unknown>) =>
      p.then(
        () => expect.fail("expected a failure"),
        (e: unknown) => errors.push(e),
      );

    // What a logger would be fed: every response the clients report.
    const reported: unknown[] = [];
    const hooks = { onResponse: (info: unknown) => reported.push(info) };
    const good = clientFor(sim, "acme", { fetch: rec.fetch, hooks });
    await good.getCampaign(spring);
    await capture(good.getCampaign("no-such-campaign"));
    const viewer = clientFor(sim, "acme", {
      fetch: rec.fetch,
      hooks,
      credentials: { clientId: "client-acme-viewer", clientSecret: SECRETS.acmeViewer },
    });
    await capture(viewer.stopCampaign(spring));
    await capture(
      clientFor(sim, "acme", {
        fetch: rec.fetch,
        credentials: { clientId: "client-acme", clientSecret: "wrong-secret-123" },
      }).listCampaigns(),
    );
    await capture(
      clientFor(sim, "globex", {
        fetch: rec.fetch,
        org: { ...ORG.globex, genesysOrgId: ORG.acme.genesysOrgId },
      }).listCampaigns(),
    );
    await capture(
      clientFor(sim, "acme", {
        simulatorUrl: "http://127.0.0.1:1",
        retry: { maxAttempts: 1 },
      }).listCampaigns(),
    );
    sim.expireTokens();
    sim.setFaults({ tokenEndpointDown: true });
    await capture(good.getCampaign(spring));

    expect(errors).toHaveLength(6);
    expect(rec.issuedTokens.length).toBeGreaterThanOrEqual(3);
    const secrets = [...Object.values(SECRETS), "wrong-secret-123", ...rec.issuedTokens];
    expect(reported.length).toBeGreaterThan(5);
    for (const text of [...errors.map(everythingIn), JSON.stringify(reported)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it("gets every org's own campaigns only (sanity check for the fixture)", async () => {
    const names = (await clientFor(sim, "globex").listAllCampaigns()).map((c) => c.name).sort();
    expect(names).toEqual([...CAMPAIGNS.globex].sort());
  });
});
