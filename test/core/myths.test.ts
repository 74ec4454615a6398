/** Wrong forum advice recognised in prose, whatever the wording; true statements left alone. */
import { describe, expect, it } from "vitest";
import { mythsIn } from "../../src/core/diagnosis/myths.js";

const ids = (text: string) => mythsIn(text).map((f) => f.myth.id);

/** Each claim kind, phrased the ways people write it in forum threads. */
const PHRASINGS: Record<string, string[]> = {
  "password-grant": [
    "Use grant_type=password with your username and password.",
    "Switch to the password grant and it will work.",
    "Have you tried the resource owner flow?",
    "We POST the agent's username and password to the oauth endpoint to get a token.",
  ],
  "call-write-scope": ["You need the outbound:call:write scope for the dialer."],
  "client-credentials-scopes": [
    "Our scopes include outbound:campaign:read and outbound:campaign:write.",
    "We use client credentials with the outbound scope enabled.",
    "Make sure the client_credentials client has the outbound:campaign:edit scope.",
    "The 403 happens because the scopes on your integration are missing outbound.",
    "Did you add the outbound scope to the OAuth client?",
  ],
  "client-shared-across-orgs": [
    "We use one OAuth client for all three orgs.",
    "The same client ID works in our other org but not here.",
    "Can a single integration be shared across multiple organizations?",
    "We reuse the client credentials across tenants.",
    "Our credentials are shared between orgs, is that a problem?",
  ],
  "status-by-post": [
    'To pause it we POST /api/v2/outbound/campaigns with {"campaignStatus": "off"}.',
    "Send a POST to /api/v2/outbound/campaigns/{campaignId} to stop the campaign.",
    "I change the status with POST https://api.mypurecloud.com/api/v2/outbound/campaigns and get a 403.",
    "You can PATCH the campaign with campaignStatus set to on.",
  ],
  "token-on-api-host": [
    "We request the token from https://api.mypurecloud.com/oauth/token.",
    "Token URL: https://api.{env}/oauth/token",
    "curl -X POST https://api.usw2.pure.cloud/oauth/token -d grant_type=client_credentials",
    "We get the access token from api.mypurecloud.ie and then call the API.",
  ],
  "sdk-org-context": [
    "The SDK keeps a context per org, so we switch it before each call.",
    "We have one ApiClient and switch the organization for each tenant.",
    "Just set the org context on the platformClient before calling the outbound API.",
  ],
  "outbound-calls-endpoint": [
    "POST /api/v2/outbound/calls to place the call.",
    "Use the outbound/calls API.",
  ],
  "organization-id-header": [
    "Set an Organization-Id header per tenant.",
    "Pass the org id in a header and the same token works.",
    'curl -H "X-Organization-Id: 1234" …',
  ],
  "personal-connection": ['Enable "Personal Connection" for the campaign.'],
  "user-impersonation": [
    "Use client_credentials with user_id to impersonate the agent.",
    "The token can act as the user if you pass their id.",
  ],
  "appfoundry-multi-tenant": [
    'In manifest.json set "tenant": "multi".',
    "Mark the app as multi-tenant in the AppFoundry manifest.",
  ],
};

describe("recognising wrong forum advice in prose", () => {
  for (const [id, phrasings] of Object.entries(PHRASINGS)) {
    for (const text of phrasings) {
      it(`${id}: ${text}`, () => {
        expect(ids(text)).toContain(id);
      });
    }
  }

  it("finds every claim in one long paste, each quoted from the paste", () => {
    const paste = Object.values(PHRASINGS)
      .map((p) => p[0])
      .join(" ");
    const found = mythsIn(paste);
    expect(found.map((f) => f.myth.id).sort()).toEqual(Object.keys(PHRASINGS).sort());
    expect(found.find((f) => f.myth.id === "client-shared-across-orgs")?.quote).toBe(
      "We use one OAuth client for all three orgs.",
    );
  });

  it("leaves sentences that state the truth alone", () => {
    const truths = [
      "Scopes do not apply to client credentials; roles and divisions do.",
      "Each org needs its own OAuth client.",
      "An OAuth client belongs to exactly one org, so create one client per org.",
      "POST /api/v2/outbound/campaigns/{id}/stop stops it; POST /api/v2/outbound/campaigns creates a new campaign.",
      "The token comes from https://login.mypurecloud.com/oauth/token.",
      "Call https://api.mypurecloud.com/api/v2/outbound/campaigns with the bearer token.",
      "There is no Organization-Id header: the token selects the org.",
      "Genesys Cloud has no password grant.",
      "A client-credentials token has no user, so it cannot impersonate anyone.",
      "Create a new ApiClientClass() for each org: one client per org.",
      "We get a 403 when we stop a campaign in the Sales division.",
      "We manage three orgs and the client gets a 403 in one of them.",
    ];
    for (const t of truths) expect([t, ids(t)]).toEqual([t, []]);
  });
});
