/**
 * Gets a token for one linked org and proves it belongs to that org before anyone uses it.
 * Client credentials carry no org name, so credentials pasted for the wrong org would otherwise
 * silently act on another company's campaigns: `GET /api/v2/tokens/me` tells us whose token it is.
 */
import { AppError } from "../core/kernel/errors.js";
import { wrongOrgHint } from "../core/kernel/hints.js";
import type { HttpOptions } from "./http.js";
import type { GenesysHosts } from "./regions.js";
import type { FetchedToken } from "./token-cache.js";
import { readTokenOwner, requestToken } from "./token-request.js";

interface BoundOrg {
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
  const token = await requestToken(http, hosts, credentials);
  options.onTokenFetched?.();
  // Not rate-limited: callers waiting for this token would otherwise queue ahead of it.
  const me = await readTokenOwner(http, hosts, token.access_token, [credentials.clientSecret]);
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

function orgMismatchError(org: BoundOrg, actual: { id: string; name: string }): AppError {
  return new AppError(
    "org_mismatch",
    `The credentials linked as ${org.slug} belong to Genesys org ${actual.name || "(unnamed)"} (${actual.id}), not ${org.genesysOrgId}.`,
    {
      hint: wrongOrgHint(org.slug, org.region),
    },
  );
}
