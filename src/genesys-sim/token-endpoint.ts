/**
 * `POST login.<domain>/oauth/token`: client credentials only, Basic auth, OAuth-shaped errors
 * (`{error, description}`, not the API error body). A client exists only in its org's region, so a
 * login host of another region answers `invalid_client` exactly like an unknown client. Genesys gives
 * a wrong secret, an unknown, deleted or disabled client the same answer, word for word.
 */
import { randomBytes } from "node:crypto";
import type { Region } from "../genesys/regions.js";
import type { SimState } from "./sim-state.js";
import type { World } from "./world.js";

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Set when a token was issued (for stats). */
  orgSlug?: string;
}

const oauthError = (status: number, error: string, description: string): TokenAnswer => ({
  status,
  body: { error, description, error_description: description },
});

/** The one answer for every client that cannot authenticate. */
const authenticationFailed = (): TokenAnswer => oauthError(401, "invalid_client", "authentication failed");

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function handleTokenRequest(
  world: World,
  state: SimState,
  region: Region,
  authorization: string | undefined,
  rawBody: string,
  now: number,
): TokenAnswer {
  const form = new URLSearchParams(rawBody);
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "Missing grant_type.");
  if (grantType !== "client_credentials") {
    return oauthError(
      400,
      "unsupported_grant_type",
      `Unsupported grant type: ${grantType}. This endpoint issues client-credentials tokens only.`,
    );
  }
  const creds = basicCredentials(authorization);
  if (!creds) return authenticationFailed();
  const found = world.client(creds.id);
  if (!found || found.org.region !== region) return authenticationFailed();
  const { org, client } = found;
  if (client.secret !== creds.secret || state.isRevoked(client.id) || client.state !== "active")
    return authenticationFailed();

  const token = randomBytes(32).toString("base64url");
  state.addToken({
    token,
    clientId: client.id,
    orgId: org.fx.id,
    region,
    issuedAt: now,
    expiresAt: now + client.tokenSeconds * 1000,
    expired: false,
  });
  return {
    status: 200,
    body: { access_token: token, token_type: "bearer", expires_in: client.tokenSeconds },
    orgSlug: org.fx.slug,
  };
}
