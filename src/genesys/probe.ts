/**
 * Checks credentials before they are linked: fetches a token and asks Genesys whose it is. Linking
 * stores the org id this returns, so later tokens can be checked against it (org-binding.ts).
 */
import type { TokenInfo } from "../core/model.js";
import { DEFAULT_TIMEOUT_MS, sendRequest } from "./http.js";
import { toTokenInfo } from "./mappers.js";
import { hostsFor, type Region } from "./regions.js";
import { tokenMeSchema, tokenResponseSchema } from "./schemas.js";

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
  const { clientId, clientSecret } = options.credentials;
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
  const token = await sendRequest(
    http,
    {
      method: "POST",
      baseUrl: hosts.loginUrl,
      path: "/oauth/token",
      headers: { authorization: `Basic ${basic}` },
      form: new URLSearchParams({ grant_type: "client_credentials" }),
      secrets: [clientSecret, basic],
    },
    tokenResponseSchema,
  );
  const me = await sendRequest(
    http,
    {
      method: "GET",
      baseUrl: hosts.apiUrl,
      path: "/api/v2/tokens/me",
      headers: { authorization: `Bearer ${token.access_token}` },
      secrets: [token.access_token, clientSecret],
    },
    tokenMeSchema,
  );
  return toTokenInfo(me);
}
