/**
 * Forum advice about Genesys Cloud that is simply wrong (genesys-cloud-facts.md, "Common wrong
 * advice"), recognised in pasted text so `explain` can say what is true instead. Matching text is
 * the point here: these are claims people paste, not errors Genesys returned.
 */

export interface Myth {
  id: string;
  /** The claim as people repeat it. */
  claim: string;
  /** What is true instead. */
  truth: string;
  pattern: RegExp;
}

export const MYTHS: readonly Myth[] = [
  {
    id: "password-grant",
    claim: "use the resource-owner password grant with scope outbound:call:write",
    truth:
      "Genesys Cloud has no resource-owner password grant and no outbound:call:write scope; a server integration uses the client-credentials grant, and scopes do not apply to client-credentials clients (their roles do).",
    pattern: /grant_type\s*[=:]\s*["']?password|password\s+grant|resource[\s-]owner|outbound:call:write/i,
  },
  {
    id: "outbound-calls-endpoint",
    claim: "POST /api/v2/outbound/calls starts an outbound call",
    truth:
      "There is no /api/v2/outbound/calls endpoint: dialer calls come from campaigns (start/stop a campaign); an ad-hoc call is POST /api/v2/conversations/calls.",
    pattern: /\/api\/v2\/outbound\/calls\b/i,
  },
  {
    id: "organization-id-header",
    claim: "swap an Organization-Id header per tenant",
    truth:
      "There is no Organization-Id header: the token selects the org. Many orgs means one OAuth client (and token) per org, which is how Switchboard links them.",
    pattern: /organi[sz]ation[-_ ]?id["']?\s*(?:header|:|=)|x-organi[sz]ation/i,
  },
  {
    id: "client-credentials-scopes",
    claim: "add scopes to the client-credentials token",
    truth:
      "Scopes apply only to code, PKCE and implicit clients. A client-credentials client gets roles, each granted in divisions (roleDivisions), so a 403 on its token is about role permissions or divisions, never scopes.",
    pattern:
      /client[_ -]credentials[^\n]{0,80}\bscopes?\b|\bscopes?\b[^\n]{0,80}client[_ -]credentials|invalid_scope/i,
  },
  {
    id: "personal-connection",
    claim: "Personal Connection",
    truth:
      '"Personal Connection" is a NICE CXone dialer term, not a Genesys Cloud feature: Genesys Cloud dials through outbound campaigns.',
    pattern: /personal\s+connection/i,
  },
  {
    id: "user-impersonation",
    claim: "client credentials with user impersonation via user_id",
    truth:
      "A client-credentials token has no user (GET /api/v2/users/me fails) and cannot impersonate one; for user context use the code/PKCE grant or a SAML2 bearer grant.",
    pattern: /\buser_?id\b[^\n]{0,60}(?:client[_ -]credentials|impersonat|token)|impersonat/i,
  },
  {
    id: "appfoundry-multi-tenant",
    claim: "AppFoundry manifest.json tenant: multi",
    truth:
      'There is no "tenant: multi" setting: a premium AppFoundry app is installed into each org and creates an OAuth client there, one per org.',
    pattern: /["']?tenant["']?\s*[:=]\s*["']?multi/i,
  },
];

/** Every myth the text repeats, in table order. */
export function mythsIn(text: string): Myth[] {
  return MYTHS.filter((m) => m.pattern.test(text));
}
