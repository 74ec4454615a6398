/**
 * How the bot proves who it is and checks who calls it, in botbuilder's terms. With an app id the
 * Bot Connector's tokens are verified against Microsoft's OpenID metadata (issuer, audience = the
 * app id, signature, expiry, the msteams endorsement) and replies are sent with a token for the app;
 * single-tenant apps get their tokens from their own tenant. Anonymous: an empty app id, which
 * botbuilder reads as "authentication disabled".
 */
import { ConfigurationBotFrameworkAuthentication } from "botbuilder";
import {
  type BotFrameworkAuthentication,
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentials,
  ServiceClientCredentialsFactory,
  TokenCredentials,
} from "botframework-connector";

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

/** Where outbound tokens come from instead of Microsoft's login (a test's local stand-in). */
export type OutboundTokenSource = () => Promise<string>;

/**
 * Who may call the bot is decided by the app's own auth settings, always: a test may replace only
 * where the bot's outbound tokens come from. (A test-supplied credentials factory used to answer
 * "is authentication disabled?" itself, so the settings were never exercised: issue 13.)
 */
class SettingsCredentials extends ServiceClientCredentialsFactory {
  readonly #real: PasswordServiceClientCredentialFactory;
  readonly #outbound: OutboundTokenSource | undefined;

  constructor(auth: TeamsAuthSettings, outbound?: OutboundTokenSource) {
    super();
    this.#real =
      auth.kind === "app"
        ? new PasswordServiceClientCredentialFactory(auth.appId, auth.password, auth.tenantId ?? "")
        : new PasswordServiceClientCredentialFactory("", "");
    this.#outbound = outbound;
  }

  isValidAppId(appId: string): Promise<boolean> {
    return this.#real.isValidAppId(appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return this.#real.isAuthenticationDisabled();
  }

  async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    if (this.#outbound && !(await this.isAuthenticationDisabled()))
      return new TokenCredentials(await this.#outbound());
    return this.#real.createCredentials(appId, audience ?? "", loginEndpoint, validateAuthority);
  }
}

export function botFrameworkAuthentication(
  auth: TeamsAuthSettings,
  endpoints: BotFrameworkEndpoints = {},
  outboundTokens?: OutboundTokenSource,
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
  return new ConfigurationBotFrameworkAuthentication(
    { ...app, ...endpoints },
    new SettingsCredentials(auth, outboundTokens),
  );
}
