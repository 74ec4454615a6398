/**
 * Checks credentials before they are linked: fetches a token and asks Genesys whose it is. Linking
 * stores the org id this returns, so later tokens can be checked against it (org-binding.ts).
 */
import type { TokenInfo } from "../core/kernel/model.js";
import { DEFAULT_TIMEOUT_MS } from "./http.js";
import { toTokenInfo } from "./mappers.js";
import { hostsFor, type Region } from "./regions.js";
import { readTokenOwner, requestToken } from "./token-request.js";

export interface ProbeOptions {
  region: Region;
  credentials: { clientId: string; clientSecret: string };
  simulatorUrl?: string;
  fetch?: typeof fetch;
  /** Named in errors; the org being linked. */
  slug?: string;
}

export async function probeCredentials(options: ProbeOptions): Promise<TokenInfo> {
  const hosts = hostsFor(options.region, options.simulatorUrl);
  const http = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    orgSlug: options.slug,
  };
  const token = await requestToken(http, hosts, options.credentials);
  const me = await readTokenOwner(http, hosts, token.access_token, [options.credentials.clientSecret]);
  return toTokenInfo(me);
}
