/**
 * How the bot proves who it is and checks who calls it, in botbuilder's terms. With an app id the
 * Bot Connector's tokens are verified against Microsoft's OpenID metadata (issuer, audience = the
 * app id, signature, expiry, the msteams endorsement) and replies are sent with a token for the app;
 * single-tenant apps get their tokens from their own tenant. Anonymous: an empty app id, which
 * botbuilder reads as "authentication disabled".
 */
import { ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { BotFrameworkAuthentication, ServiceClientCredentialsFactory } from "botframework-connector";

export type TeamsAuthSettings =
  | {
      kind: "app";
      appId: string;
      password: string;
      appType: "MultiTenant" | "SingleTenant";
      tenantId?: string;
    }
  | { kind: "anonymous" };

/**
 * Endpoint overrides, under Bot Framework's own configuration names. Production leaves them unset
 * (the public cloud's). Setting any one switches botbuilder to fully parameterised mode, so a test
 * standing in for Microsoft sets them all.
 */
export interface BotFrameworkEndpoints {
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  ToChannelFromBotLoginUrl?: string;
  ToChannelFromBotOAuthScope?: string;
  OAuthUrl?: string;
  CallerId?: string;
}

export function botFrameworkAuthentication(
  auth: TeamsAuthSettings,
  endpoints: BotFrameworkEndpoints = {},
  credentials?: ServiceClientCredentialsFactory,
): BotFrameworkAuthentication {
  const app =
    auth.kind === "app"
      ? {
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.password,
          MicrosoftAppType: auth.appType,
          MicrosoftAppTenantId: auth.tenantId ?? "",
        }
      : {
          MicrosoftAppId: "",
          MicrosoftAppPassword: "",
          MicrosoftAppType: "MultiTenant",
          MicrosoftAppTenantId: "",
        };
  return new ConfigurationBotFrameworkAuthentication({ ...app, ...endpoints }, credentials);
}
