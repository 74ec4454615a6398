import { describe, expect, it } from "vitest";
import {
  api,
  type CampaignJson,
  type ErrorBody,
  fixtureWith,
  manualClock,
  type PageJson,
  sim,
  tokenFor,
} from "./helpers.js";

type Page = PageJson<CampaignJson>;

const names = (p: Page) => p.entities.map((c) => c.name);

describe("GET /outbound/campaigns", () => {
  it("pages through the campaigns the client can see, sorted by name", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const all = await api<Page>(s, token, "acme", "/outbound/campaigns");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 5, pageNumber: 1, pageSize: 25, pageCount: 1 });
    expect(names(all.body)).toEqual([
      "Customer Satisfaction Survey",
      "Renewals Q3",
      "Spring Promo",
      "Spring Promo Retargeting",
      "Summer Sale",
    ]);
    const p3 = await api<Page>(s, token, "acme", "/outbound/campaigns?pageSize=2&pageNumber=3");
    expect(p3.body).toMatchObject({ total: 5, pageCount: 3, pageNumber: 3, pageSize: 2 });
    expect(names(p3.body)).toEqual(["Summer Sale"]);
    const beyond = await api<Page>(s, token, "acme", "/outbound/campaigns?pageSize=2&pageNumber=9");
    expect(beyond.body.entities).toEqual([]);
  });

  it("rejects out-of-range paging", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    for (const q of ["pageSize=0", "pageSize=101", "pageSize=abc", "pageNumber=0"]) {
      const a = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns?${q}`);
      expect(a.status, q).toBe(400);
      expect(a.body.code).toBe("invalid.value");
    }
  });

  it("filters by name: Prefix (default), Equals, Contains, case-insensitively", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const list = async (q: string) =>
      names((await api<Page>(s, token, "acme", `/outbound/campaigns?${q}`)).body);
    expect(await list("name=spring")).toEqual(["Spring Promo", "Spring Promo Retargeting"]);
    expect(await list("name=SPRING%20PROMO&filterType=Equals")).toEqual(["Spring Promo"]);
    expect(await list("name=promo&filterType=Contains")).toEqual([
      "Spring Promo",
      "Spring Promo Retargeting",
    ]);
    expect(await list("name=promo&filterType=Prefix")).toEqual([]);
    expect(await list("name=past%20due&filterType=Contains")).toEqual([]); // Collections: invisible
    const bad = await api<ErrorBody>(s, token, "acme", "/outbound/campaigns?name=x&filterType=Fuzzy");
    expect(bad.status).toBe(400);
  });

  it("filters by divisionId (repeatable) and never shows divisions without view", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const sales = s.campaign("acme", "Spring Promo").divisionId;
    const home = s.campaign("acme", "Renewals Q3").divisionId;
    const collections = s.campaign("acme", "Past Due 30 Days").divisionId;
    const inSales = await api<Page>(s, token, "acme", `/outbound/campaigns?divisionId=${sales}`);
    expect(inSales.body.total).toBe(3);
    const both = await api<Page>(
      s,
      token,
      "acme",
      `/outbound/campaigns?divisionId=${sales}&divisionId=${home}`,
    );
    expect(both.body.total).toBe(5);
    const hidden = await api<Page>(s, token, "acme", `/outbound/campaigns?divisionId=${collections}`);
    expect(hidden.body.total).toBe(0);
  });

  it("answers 403 when the client has view nowhere", async () => {
    const s = await sim({
      fixture: fixtureWith((f) => {
        const role = f.orgs[0]?.roles.find((r) => r.name === "Switchboard Integration");
        if (role) role.permissions = ["oauth:client:view"];
      }),
    });
    const token = await tokenFor(s, "acme");
    const list = await api<ErrorBody>(s, token, "acme", "/outbound/campaigns");
    expect(list.status).toBe(403);
    expect(list.body.messageParams).toEqual({ permissions: "outbound:campaign:view" });
    const one = await api<ErrorBody>(
      s,
      token,
      "acme",
      `/outbound/campaigns/${s.campaign("acme", "Spring Promo").id}`,
    );
    expect(one.status).toBe(403);
  });
});

describe("GET /outbound/campaigns/{id}", () => {
  it("returns Genesys-shaped campaign JSON", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const id = s.campaign("acme", "Spring Promo").id;
    const a = await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      id,
      name: "Spring Promo",
      version: 1,
      campaignStatus: "on",
      dialingMode: "predictive",
      division: { name: "Sales" },
      selfUri: `/api/v2/outbound/campaigns/${id}`,
    });
    for (const key of [
      "contactList",
      "queue",
      "callerName",
      "callerAddress",
      "dateCreated",
      "dateModified",
    ]) {
      expect(a.body, key).toHaveProperty(key);
    }
  });

  it("answers 404 for a campaign in a division where the client lacks view", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const id = s.campaign("acme", "Past Due 30 Days").id;
    const a = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns/${id}`);
    expect(a.status).toBe(404);
    expect(a.body.code).toBe("not.found");
    const stop = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns/${id}/stop`, { method: "POST" });
    expect(stop.status).toBe(404);
    expect(s.campaign("acme", id).status).toBe("on");
  });

  it("reports progress and stats", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const id = s.campaign("acme", "Spring Promo").id;
    const p = await api(s, token, "acme", `/outbound/campaigns/${id}/progress`);
    expect(p.body).toEqual({
      campaign: { id, name: "Spring Promo", selfUri: `/api/v2/outbound/campaigns/${id}` },
      // Required by the CampaignProgress model: the list the campaign dials.
      contactList: {
        id: expect.any(String),
        name: "Spring Promo Contacts",
        selfUri: expect.stringMatching(/^\/api\/v2\/outbound\/contactlists\//),
      },
      numberOfContactsCalled: 5250,
      numberOfContactsMessaged: 0,
      totalNumberOfContacts: 12500,
      percentage: 42,
    });
    const st = await api<{ contactRate: { attempts: number; connects: number; connectRatio: number } }>(
      s,
      token,
      "acme",
      `/outbound/campaigns/${id}/stats`,
    );
    expect(Object.keys(st.body).sort()).toEqual([
      "adjustedCallsPerAgent",
      "contactRate",
      "effectiveIdleAgents",
      "idleAgents",
      "outstandingCalls",
      "scheduledCalls",
      "timeZoneRescheduledCalls",
    ]);
    expect(st.body.contactRate.attempts).toBeGreaterThanOrEqual(5250);
    expect(st.body.contactRate.connectRatio).toBeCloseTo(
      st.body.contactRate.connects / st.body.contactRate.attempts,
      2,
    );
    const again = await api(s, token, "acme", `/outbound/campaigns/${id}/stats`);
    expect(again.body).toEqual(st.body);
    const bulk = await api<unknown[]>(s, token, "acme", "/outbound/campaigns/progress", {
      body: [id, s.campaign("acme", "Past Due 30 Days").id, "nope"],
    });
    expect(bulk.body).toHaveLength(1);
  });
});

describe("stop, start and update", () => {
  it("stop: on → stopping → off after stoppingMs, one version per change", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    const token = await tokenFor(s, "acme");
    const id = s.campaign("acme", "Spring Promo").id;
    const stop = await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}/stop`, {
      method: "POST",
    });
    expect(stop.status).toBe(200);
    // As the SDK's postOutboundCampaignStop says (Promise<void>): no body.
    expect(stop.body).toBeUndefined();
    expect(s.campaign("acme", "Spring Promo")).toMatchObject({ status: "stopping", version: 2 });
    clock.advance(1499);
    expect((await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}`)).body).toMatchObject({
      campaignStatus: "stopping",
      version: 2,
    });
    clock.advance(1);
    expect((await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}`)).body).toMatchObject({
      campaignStatus: "off",
      version: 3,
    });
    expect(s.campaign("acme", "Spring Promo")).toMatchObject({ status: "off", version: 3 });
    // Stopping an off campaign is a no-op.
    const again = await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}/stop`, {
      method: "POST",
    });
    expect(again.status).toBe(200);
    expect(s.campaign("acme", "Spring Promo").version).toBe(3);
  });

  it("start: off → on; refused while stopping", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    const token = await tokenFor(s, "acme");
    const summer = s.campaign("acme", "Summer Sale").id;
    const started = await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${summer}/start`, {
      method: "POST",
    });
    expect(started.body).toBeUndefined();
    expect(s.campaign("acme", "Summer Sale")).toMatchObject({ status: "on", version: 2 });
    await api(s, token, "acme", `/outbound/campaigns/${summer}/stop`, { method: "POST" });
    const refused = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns/${summer}/start`, {
      method: "POST",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("bad.request");
    clock.advance(1500);
    const restarted = await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${summer}/start`, {
      method: "POST",
    });
    expect(restarted.status).toBe(200);
    expect(s.campaign("acme", "Summer Sale")).toMatchObject({ status: "on", version: 5 });
  });

  it("PUT: needs the current version, allows on → off and → on only", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const id = s.campaign("acme", "Spring Promo").id;
    const current = (await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}`)).body;
    const stale = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns/${id}`, {
      method: "PUT",
      body: { ...current, version: 0, campaignStatus: "off" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("general.conflict");
    expect(stale.body.message).toMatch(/version/);

    const off = await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}`, {
      method: "PUT",
      body: { ...current, campaignStatus: "off" },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ campaignStatus: "stopping", version: 2 });

    const weird = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns/${id}`, {
      method: "PUT",
      body: { ...off.body, campaignStatus: "complete" },
    });
    expect(weird.status).toBe(400);
    expect(weird.body.code).toBe("invalid.value");

    const on = await api<CampaignJson>(s, token, "acme", `/outbound/campaigns/${id}`, {
      method: "PUT",
      body: { ...off.body, campaignStatus: "on", name: "Spring Promo 2" },
    });
    expect(on.body).toMatchObject({ campaignStatus: "on", version: 3, name: "Spring Promo 2" });
    expect(s.campaign("acme", "Spring Promo 2").id).toBe(id);

    const noVersion = await api<ErrorBody>(s, token, "acme", `/outbound/campaigns/${id}`, {
      method: "PUT",
      body: { campaignStatus: "on" },
    });
    expect(noVersion.status).toBe(400);
  });

  it("globex: stop is forbidden (no outbound:campaign:stop) but PUT off works", async () => {
    const s = await sim();
    const token = await tokenFor(s, "globex");
    const id = s.campaign("globex", "Broadband Upgrade").id;
    const stop = await api<ErrorBody>(s, token, "globex", `/outbound/campaigns/${id}/stop`, {
      method: "POST",
    });
    expect(stop.status).toBe(403);
    expect(stop.body.code).toBe("missing.permissions");
    expect(stop.body.messageParams).toEqual({ permissions: "outbound:campaign:stop" });
    expect(stop.body.message).toBe(
      "Unable to perform the requested action. You are missing the following permission(s): [outbound:campaign:stop]",
    );
    const current = (await api<CampaignJson>(s, token, "globex", `/outbound/campaigns/${id}`)).body;
    const put = await api<CampaignJson>(s, token, "globex", `/outbound/campaigns/${id}`, {
      method: "PUT",
      body: { ...current, campaignStatus: "off" },
    });
    expect(put.status).toBe(200);
    expect(put.body.campaignStatus).toBe("stopping");
  });

  it("initech: can start and stop but has no edit", async () => {
    const s = await sim();
    const token = await tokenFor(s, "initech");
    const id = s.campaign("initech", "Q4 Upsell").id;
    expect(
      (await api(s, token, "initech", `/outbound/campaigns/${id}/stop`, { method: "POST" })).status,
    ).toBe(200);
    const put = await api<ErrorBody>(s, token, "initech", `/outbound/campaigns/${id}`, {
      method: "PUT",
      body: { version: 2, campaignStatus: "on" },
    });
    expect(put.status).toBe(403);
    expect(put.body.messageParams.permissions).toBe("outbound:campaign:edit");
  });
});

describe("test hooks", () => {
  it("mutateCampaign bumps the version; campaign() finds by id or name; unknown refs throw", async () => {
    const s = await sim();
    const before = s.campaign("acme", "Summer Sale");
    s.mutateCampaign("acme", before.id, { status: "complete", name: "Summer Sale 2025" });
    const org = s.campaign("acme", "Summer Sale 2025");
    expect(org).toMatchObject({ id: before.id, status: "complete", version: before.version + 1 });
    const byOrgId = s.campaign(
      (await api<{ id: string }>(s, await tokenFor(s, "acme"), "acme", "/organizations/me")).body.id,
      before.id,
    );
    expect(byOrgId.name).toBe("Summer Sale 2025");
    expect(() => s.campaign("acme", "Nope")).toThrow(/unknown campaign/);
    expect(() => s.campaign("nope", "Summer Sale")).toThrow(/unknown org/);
  });
});
