/**
 * The simulator driven through the official Genesys SDK (purecloud-platform-client-v2), for every
 * endpoint src/genesys calls, each answer checked against the SDK's models (sdk-models.ts reads them
 * from the SDK's index.d.ts). When the simulator disagrees with the models, the simulator is wrong.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { hostsFor, type Region } from "../../src/genesys/regions.js";
import { demoFixture } from "../../src/genesys-sim/index.js";
import { CLIENTS, sim } from "./helpers.js";
import { checkModel } from "./sdk-models.js";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: the SDK is CommonJS without usable typings here.
const platformClient: any = require("purecloud-platform-client-v2");

async function sdkFor(
  url: string,
  id: string = CLIENTS.acme.id,
  secret: string = CLIENTS.acme.secret,
  region: Region = "us_east_1",
) {
  const u = new URL(url);
  const client = new platformClient.ApiClientClass();
  // The simulator puts the real host name first in the path: login.<domain> / api.<domain>.
  const hostOf = (hostUrl: string) => new URL(hostUrl).pathname.slice(1);
  const hosts = hostsFor(region, url);
  client.setGateway({
    protocol: "http",
    host: u.hostname,
    port: Number(u.port),
    path_params_login: hostOf(hosts.loginUrl),
    path_params_api: hostOf(hosts.apiUrl),
  });
  await client.loginClientCredentialsGrant(id, secret);
  return client;
}

const conforms = (model: string, value: unknown) => expect(checkModel(model, value)).toEqual([]);

describe("the simulator answers as the official SDK's models say", () => {
  it("identity, roles, grants, divisions and users", async () => {
    const s = await sim();
    const c = await sdkFor(s.url);
    const tokens = new platformClient.TokensApi(c);
    const me = await tokens.getTokensMe();
    conforms("TokenInfo", me);
    conforms("Organization", await new platformClient.OrganizationApi(c).getOrganizationsMe());
    conforms("OAuthClient", await new platformClient.OAuthApi(c).getOauthClient(CLIENTS.acme.id));
    const authz = new platformClient.AuthorizationApi(c);
    const roles = await authz.getAuthorizationRoles({ pageSize: 25 });
    conforms("OrganizationRoleEntityListing", roles);
    conforms("DomainOrganizationRole", await authz.getAuthorizationRole(roles.entities[0].id));
    conforms("AuthzDivisionEntityListing", await authz.getAuthorizationDivisions());
    const found = await new platformClient.SearchApi(c).postUsersSearch({
      query: [{ type: "EXACT", fields: ["email"], value: "jordan@acme.test" }],
    });
    conforms("UsersSearchResponse", found);
    const jordan = found.results[0];
    conforms("User", await new platformClient.UsersApi(c).getUser(jordan.id));
    const subject = await authz.getAuthorizationSubject(jordan.id);
    conforms("AuthzSubject", subject);
  });

  it("campaigns: list, get, progress, stats, update, stop and start", async () => {
    const s = await sim();
    const c = await sdkFor(s.url);
    const outbound = new platformClient.OutboundApi(c);
    const list = await outbound.getOutboundCampaigns({
      pageSize: 1,
      sortBy: "name",
      sortOrder: "descending",
    });
    conforms("CampaignEntityListing", list);
    expect(list.nextUri).toEqual(expect.any(String));
    const id = s.campaign("acme", "Spring Promo").id;
    const campaign = await outbound.getOutboundCampaign(id);
    conforms("Campaign", campaign);
    conforms("CampaignProgress", await outbound.getOutboundCampaignProgress(id));
    conforms("CampaignStats", await outbound.getOutboundCampaignStats(id));
    for (const p of await outbound.postOutboundCampaignsProgress([id])) conforms("CampaignProgress", p);
    expect(await outbound.postOutboundCampaignStop(id)).toBeUndefined();
    const again = await outbound.getOutboundCampaign(id);
    conforms("Campaign", await outbound.putOutboundCampaign(id, { ...again, campaignStatus: "on" }));
    await outbound.postOutboundCampaignStop(id);
    await new Promise((r) => setTimeout(r, 2100));
    expect(await outbound.postOutboundCampaignStart(id)).toBeUndefined();
  });

  it("errors: wrong secret, 404, 409 and 400 missing fields, each an ErrorBody", async () => {
    const s = await sim();
    const refused = await sdkFor(s.url, CLIENTS.acme.id, "wrong").catch((e: unknown) => e);
    // The SDK surfaces its HTTP library's error; the body's exact words are checked in oauth.test.ts.
    expect(refused).toMatchObject({ status: 401 });
    const c = await sdkFor(s.url);
    const outbound = new platformClient.OutboundApi(c);
    // The SDK rejects with the ErrorBody itself.
    const missing = await outbound.getOutboundCampaign("nope").catch((e: { status: number }) => e);
    expect(missing.status).toBe(404);
    conforms("ErrorBody", missing);
    const id = s.campaign("acme", "Spring Promo").id;
    const current = await outbound.getOutboundCampaign(id);
    const stale = await outbound
      .putOutboundCampaign(id, { ...current, version: current.version - 1 || 99 })
      .catch((e: { status: number }) => e);
    expect(stale.status).toBe(409);
    conforms("ErrorBody", stale);
    const partial = await outbound
      .putOutboundCampaign(id, { id, name: current.name, version: current.version })
      .catch((e: { status: number; message: string }) => e);
    expect(partial.status).toBe(400);
    expect(partial.message).toContain("contactList");
    conforms("ErrorBody", partial);
  });

  describe("error answers through the SDK, each an ErrorBody with the headers Genesys sends", () => {
    /** The SDK's extended answer on failure: status, headers and the body as parsed. */
    type Extended = { status: number; headers: Record<string, string>; body: Record<string, unknown> };
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => {
          throw new Error("expected the call to fail");
        },
        (e: Extended) => e,
      );
    const initech = (url: string) =>
      sdkFor(url, CLIENTS.initech.id, CLIENTS.initech.secret, CLIENTS.initech.region);

    it("401 for a token that is not one and for an expired token", async () => {
      const s = await sim();
      const c = await sdkFor(s.url);
      c.setReturnExtendedResponses(true);
      const tokens = new platformClient.TokensApi(c);
      s.expireTokens();
      const expired = await failure(tokens.getTokensMe());
      expect(expired.status).toBe(401);
      conforms("ErrorBody", expired.body);
      expect(expired.body).toMatchObject({ status: 401, code: "credentials.expired" });
      c.setAccessToken("not-a-token");
      const invalid = await failure(tokens.getTokensMe());
      expect(invalid.status).toBe(401);
      conforms("ErrorBody", invalid.body);
      expect(invalid.body).toMatchObject({ status: 401, code: "authentication.required" });
    });

    it("403 missing.permissions names the permission in message and messageParams", async () => {
      const s = await sim();
      const c = await initech(s.url);
      c.setReturnExtendedResponses(true);
      const denied = await failure(new platformClient.OAuthApi(c).getOauthClient(CLIENTS.initech.id));
      expect(denied.status).toBe(403);
      conforms("ErrorBody", denied.body);
      expect(denied.body).toMatchObject({
        code: "missing.permissions",
        messageParams: { permissions: "oauth:client:view" },
      });
      expect(String(denied.body.message)).toContain("[oauth:client:view]");
      expect(String(denied.body.messageWithParams)).toContain("{permissions}");
    });

    it("403 missing.any.permissions names every alternative", async () => {
      const any = ["authorization:role:view", "authorization:role:edit"];
      const s = await sim({
        fixture: { ...demoFixture(), endpoints: { "GET /authorization/roles": { any } } },
      });
      const c = await initech(s.url);
      c.setReturnExtendedResponses(true);
      const denied = await failure(new platformClient.AuthorizationApi(c).getAuthorizationRoles({}));
      expect(denied.status).toBe(403);
      conforms("ErrorBody", denied.body);
      expect(denied.body).toMatchObject({
        code: "missing.any.permissions",
        messageParams: { permissions: any.join(", ") },
      });
      expect(String(denied.body.message)).toContain(`[${any.join(", ")}]`);
    });

    it("429 with Retry-After and the inin-ratelimit-* headers; normal answers carry those too", async () => {
      const s = await sim();
      const c = await sdkFor(s.url);
      c.setReturnExtendedResponses(true);
      const tokens = new platformClient.TokensApi(c);
      const ok = (await tokens.getTokensMe()) as Extended;
      expect(ok.status).toBe(200);
      expect(ok.headers["inin-ratelimit-allowed"]).toBe("300");
      expect(Number(ok.headers["inin-ratelimit-count"])).toBeGreaterThanOrEqual(1);
      expect(Number(ok.headers["inin-ratelimit-reset"])).toBeGreaterThanOrEqual(1);
      s.setLimits({ perTokenPerMinute: 1, retryAfterSeconds: 120 });
      const limited = await failure(tokens.getTokensMe());
      expect(limited.status).toBe(429);
      conforms("ErrorBody", limited.body);
      expect(limited.body).toMatchObject({ status: 429, code: "too.many.requests" });
      expect(limited.headers["retry-after"]).toBe("120");
      expect(limited.headers["inin-ratelimit-allowed"]).toBe("1");
      expect(Number(limited.headers["inin-ratelimit-count"])).toBeGreaterThan(1);
      expect(Number(limited.headers["inin-ratelimit-reset"])).toBeGreaterThanOrEqual(1);
    });
  });
});
