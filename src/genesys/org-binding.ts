/**
 * Gets a token for one linked org and proves it belongs to that org before anyone uses it.
 * Client credentials carry no org name, so credentials pasted for the wrong org would otherwise
 * silently act on another company's campaigns: `GET /api/v2/tokens/me` tells us whose token it is.
 */
import { AppError } from "../core/errors.js";
import { type HttpOptions, sendRequest } from "./http.js";
import type { GenesysHosts } from "./regions.js";
import { tokenMeSchema, tokenResponseSchema } from "./schemas.js";
import type { FetchedToken } from "./token-cache.js";

export interface BoundOrg {
  slug: string;
  genesysOrgId: string;
  region: string;
}

export interface OrgBindingOptions {
  org: BoundOrg;
  credentials: { clientId: string; clientSecret: string };
  hosts: GenesysHosts;
  http: HttpOptions;
  onOrgMismatch?: (actual: { id: string; name: string }) => void | Promise<void>;
  onTokenFetched?: () => void;
}

/** Requests a client-credentials token, then checks `tokens/me` names the linked org. */
export async function fetchBoundToken(options: OrgBindingOptions): Promise<FetchedToken> {
  const { org, credentials, hosts, http } = options;
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
  const token = await sendRequest(
    http,
    {
      method: "POST",
      baseUrl: hosts.loginUrl,
      path: "/oauth/token",
      headers: { authorization: `Basic ${basic}` },
      form: new URLSearchParams({ grant_type: "client_credentials" }),
      secrets: [credentials.clientSecret, basic],
    },
    tokenResponseSchema,
  );
  options.onTokenFetched?.();

  // Not rate-limited: callers waiting for this token would otherwise queue ahead of it.
  const me = await sendRequest(
    http,
    {
      method: "GET",
      baseUrl: hosts.apiUrl,
      path: "/api/v2/tokens/me",
      headers: { authorization: `Bearer ${token.access_token}` },
      secrets: [token.access_token, credentials.clientSecret],
    },
    tokenMeSchema,
  );
  const actual = { id: me.organization.id, name: me.organization.name };
  if (actual.id.toLowerCase() !== org.genesysOrgId.toLowerCase()) {
    try {
      await options.onOrgMismatch?.(actual);
    } catch {
      // Recording the broken link is best effort; the mismatch itself must still reach the user.
    }
    throw orgMismatchError(org, actual);
  }
  return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
}

export function orgMismatchError(org: BoundOrg, actual: { id: string; name: string }): AppError {
  return new AppError(
    "org_mismatch",
    `The credentials linked as ${org.slug} belong to Genesys org ${actual.name || "(unnamed)"} (${actual.id}), not ${org.genesysOrgId}.`,
    {
      hint: `Re-link ${org.slug} with an OAuth client created in the right org: switchboard org link ${org.slug} --region ${org.region} --client-id <id> --client-secret-stdin`,
    },
  );
}
