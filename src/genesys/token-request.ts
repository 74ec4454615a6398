/**
 * The two calls every new token goes through: the client-credentials grant, then `tokens/me` to learn
 * whose token it is. Shared by the org binding (every token) and the link-time probe.
 */
import type { z } from "zod";
import { type HttpOptions, sendRequest } from "./http.js";
import type { GenesysHosts } from "./regions.js";
import { tokenMeSchema, tokenResponseSchema } from "./schemas.js";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export function requestToken(
  http: HttpOptions,
  hosts: GenesysHosts,
  credentials: ClientCredentials,
): Promise<z.infer<typeof tokenResponseSchema>> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
  return sendRequest(
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
}

/** `GET /api/v2/tokens/me` with a token that is not (yet) trusted, so it is not rate-limited or cached. */
export function readTokenOwner(
  http: HttpOptions,
  hosts: GenesysHosts,
  accessToken: string,
  secrets: readonly string[],
): Promise<z.infer<typeof tokenMeSchema>> {
  return sendRequest(
    http,
    {
      method: "GET",
      baseUrl: hosts.apiUrl,
      path: "/api/v2/tokens/me",
      headers: { authorization: `Bearer ${accessToken}` },
      secrets: [accessToken, ...secrets],
    },
    tokenMeSchema,
  );
}
