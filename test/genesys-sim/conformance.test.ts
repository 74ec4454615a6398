/**
 * The simulator driven through the official Genesys SDK (purecloud-platform-client-v2), for every
 * endpoint src/genesys calls, each answer checked against the SDK's models (sdk-models.ts reads them
 * from the SDK's index.d.ts). When the simulator disagrees with the models, the simulator is wrong.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { CLIENTS, sim } from "./helpers.js";
import { checkModel } from "./sdk-models.js";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: the SDK is CommonJS without usable typings here.
const platformClient: any = require("purecloud-platform-client-v2");

async function sdkFor(url: string, id: string = CLIENTS.acme.id, secret: string = CLIENTS.acme.secret) {
  const u = new URL(url);
  const client = new platformClient.ApiClientClass();
  // The simulator puts the real host name first in the path: login.<domain> / api.<domain>.
  client.setGateway({
    protocol: "http",
    host: u.hostname,
    port: Number(u.port),
    path_params_login: "login.mypurecloud.com",
    path_params_api: "api.mypurecloud.com",
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
  });
});
