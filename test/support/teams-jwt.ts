/**
 * A local stand-in for Microsoft's Bot Framework identity endpoints: OpenID metadata and a JWKS with
 * one generated RSA key endorsed for msteams, and a signer for Bot Connector tokens (RS256, issuer
 * https://api.botframework.com, audience the bot's app id). `endpoints` are the Bot Framework
 * configuration keys that point botbuilder here; it switches to "fully parameterised" mode when any
 * is set, so all of them are.
 */
import { createSign, generateKeyPairSync } from "node:crypto";
import type { BotFrameworkEndpoints } from "../../src/adapters/teams/teams-auth.js";
import { type RecordingServer, startRecordingServer } from "./recording-server.js";

export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
const KEY_ID = "switchboard-test-key";

export interface IdentityProvider {
  url: string;
  server: RecordingServer;
  endpoints: BotFrameworkEndpoints;
  /** A signed Bot Connector token; `claims` override the valid defaults (iss, aud, serviceurl, nbf, exp). */
  token(claims?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export async function startIdentityProvider(o: {
  appId: string;
  serviceUrl: string;
}): Promise<IdentityProvider> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  let url = "";
  const server = await startRecordingServer((req) => {
    if (req.path === "/v1/.well-known/openidconfiguration")
      return {
        json: {
          issuer: BOT_FRAMEWORK_ISSUER,
          jwks_uri: `${url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        },
      };
    if (req.path === "/v1/.well-known/keys")
      return {
        json: {
          keys: [{ kty: "RSA", use: "sig", kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }],
        },
      };
    return undefined;
  });
  url = server.url;
  const metadata = `${url}/v1/.well-known/openidconfiguration`;
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return {
    url,
    server,
    endpoints: {
      ToBotFromChannelOpenIdMetadataUrl: metadata,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: metadata,
      ToChannelFromBotLoginUrl: `${url}/botframework.com`,
      ToChannelFromBotOAuthScope: BOT_FRAMEWORK_ISSUER,
      OAuthUrl: `${url}/oauth`,
      CallerId: "urn:botframework:azure",
    },
    token(claims = {}) {
      const now = Math.floor(Date.now() / 1000);
      const input = `${b64({ alg: "RS256", typ: "JWT", kid: KEY_ID })}.${b64({
        iss: BOT_FRAMEWORK_ISSUER,
        aud: o.appId,
        serviceurl: o.serviceUrl,
        nbf: now - 10,
        exp: now + 600,
        ...claims,
      })}`;
      return `${input}.${createSign("RSA-SHA256").update(input).sign(privateKey).toString("base64url")}`;
    },
    close: server.close,
  };
}
