/**
 * The real Teams surface end to end: the app harness (simulator + real database + composition
 * root), the botbuilder CloudAdapter built by the same wiring `switchboard serve` uses, mounted on
 * our HTTP server on 127.0.0.1, with the Bot Connector replaced by a local recording stand-in (the
 * activities' serviceUrl). `auth: "app"` adds a local OpenID/JWKS stand-in and signs every activity
 * as the Bot Connector would; outbound calls then carry a fixed token (the app's own auth settings
 * still decide who may call).
 */
import path from "node:path";
import type { TeamsSurface } from "../../src/adapters/teams/teams-app.js";
import { loadConfig } from "../../src/config.js";
import type { Logger } from "../../src/core/kernel/logger.js";
import { buildTeams, serveRoutes } from "../../src/main.js";
import { type RunningServer, startHttpServer } from "../../src/server/http-server.js";
import { type Harness, startHarness } from "./app-harness.js";
import { waitUntilIdle } from "./settle.js";
import {
  ann,
  BOT_APP_ID,
  ben,
  cardAction,
  channelMessage,
  identityOf,
  personalMessage,
  type TeamsUser,
  vic,
} from "./teams-activities.js";
import { startConnector, type TeamsConnector } from "./teams-connector.js";
import { type IdentityProvider, startIdentityProvider } from "./teams-jwt.js";

export const TEAMS_FIXTURE = path.resolve(import.meta.dirname, "../teams/fixtures/teams.yml");
export const OUTBOUND_TOKEN = "test-token";

/** Replies carry this fixed token instead of one fetched from Microsoft Entra. */
export interface TeamsResponse {
  status: number;
  text: string;
  /** The parsed body, when JSON. */
  json: unknown;
  ms: number;
}

export interface TeamsHarness {
  h: Harness;
  connector: TeamsConnector;
  idp?: IdentityProvider;
  teams: TeamsSurface;
  server: RunningServer;
  /** `http://127.0.0.1:PORT/api/messages` */
  messagesUrl: string;
  logs: string[];
  /** POSTs an activity; signed as the Bot Connector would in `app` mode unless `token` says otherwise (null: none). */
  send(activity: object, o?: { token?: string | null }): Promise<TeamsResponse>;
  /** `@Switchboard <text>` in the channel. */
  channel(text: string, as: TeamsUser, o?: { id?: string }): Promise<TeamsResponse & { activityId: string }>;
  /** The text alone in a personal chat. */
  personal(text: string, as: TeamsUser): Promise<TeamsResponse & { activityId: string }>;
  /** Clicks an Action.Execute button of the card in message `messageId`. */
  click(
    verb: string,
    data: Record<string, unknown>,
    as: TeamsUser,
    o: { messageId: string; id?: string },
  ): Promise<TeamsResponse & { card: Record<string, unknown> }>;
  /** Resolves once no Teams work is running after its turn. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamsHarness(
  o: {
    auth?: "anonymous" | "app";
    /** With `auth: "app"`: a SingleTenant bot of this Entra tenant. */
    singleTenant?: string;
    answerWithinMs?: number;
    databaseUrl?: string;
    /** Another simulator fixture (default: the Teams one). */
    fixturePath?: string;
    /** A second replica: the other harness's simulator, master key and Bot Connector stand-in (same database URL). */
    replicaOf?: TeamsHarness;
  } = {},
): Promise<TeamsHarness> {
  const auth = o.auth ?? "anonymous";
  const env: Record<string, string> =
    auth === "app"
      ? {
          MICROSOFT_APP_ID: BOT_APP_ID,
          MICROSOFT_APP_PASSWORD: "not-used-outbound-tokens-are-fixed",
          ...(o.singleTenant
            ? { MICROSOFT_APP_TYPE: "SingleTenant", MICROSOFT_APP_TENANT_ID: o.singleTenant }
            : {}),
        }
      : { TEAMS_ALLOW_ANONYMOUS: "true", NODE_ENV: "test" };
  const teamsConfig = loadConfig(env).teams;
  if (!teamsConfig) throw new Error("the Teams harness needs a Teams configuration");
  const h = await startHarness({
    fixturePath: o.fixturePath ?? TEAMS_FIXTURE,
    databaseUrl: o.databaseUrl,
    env,
    replicaOf: o.replicaOf?.h,
  });
  const org = h.fixture.orgs.find((x) => x.slug === "north");
  for (const [user, email] of [
    [ann, "ann@north.test"],
    [ben, "ben@north.test"],
    [vic, "vic@north.test"],
  ] as const) {
    const genesysUser = org?.users.find((u) => u.email === email);
    if (!genesysUser) throw new Error(`fixture has no ${email}`);
    await h.app.services.identities.map({
      chatIdentity: identityOf(user),
      orgSlug: "north",
      genesys: { kind: "user", userId: genesysUser.id, email },
      createdBy: "test",
    });
  }
  const connector = o.replicaOf?.connector ?? (await startConnector());
  const idp =
    o.replicaOf?.idp ??
    (auth === "app"
      ? await startIdentityProvider({ appId: BOT_APP_ID, serviceUrl: connector.url })
      : undefined);
  const logs: string[] = [];
  const record =
    (level: string) =>
    (fields: object, message?: string): void => {
      logs.push(`${level} ${message ?? ""} ${JSON.stringify(fields)}`);
    };
  const logger: Logger = {
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
  const teams = await buildTeams(h.app, teamsConfig, {
    logger,
    answerWithinMs: o.answerWithinMs ?? 2_000,
    // Only where outbound tokens come from is replaced: who may call the bot follows teamsConfig,
    // made by loadConfig from env like serve's (issue 13: a test factory used to decide that itself).
    ...(idp ? { endpoints: idp.endpoints, outboundTokens: async () => OUTBOUND_TOKEN } : {}),
  });
  const server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    routes: serveRoutes(h.app, { teams, shuttingDown: () => false }),
    logger,
  });
  const messagesUrl = `${server.url}/api/messages`;

  const send: TeamsHarness["send"] = async (activity, so = {}) => {
    const token = so.token === undefined ? idp?.token() : so.token;
    const started = performance.now();
    const res = await fetch(messagesUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, ms: performance.now() - started };
  };

  return {
    h,
    connector,
    idp,
    teams,
    server,
    messagesUrl,
    logs,
    send,
    async channel(text, as, co = {}) {
      const activity = channelMessage(connector.url, text, as, co);
      return { ...(await send(activity)), activityId: activity.id };
    },
    async personal(text, as) {
      const activity = personalMessage(connector.url, text, as);
      return { ...(await send(activity)), activityId: activity.id };
    },
    async click(verb, data, as, co) {
      const activity = cardAction(connector.url, verb, data, as, { replyToId: co.messageId, id: co.id });
      const res = await send(activity);
      const body = res.json as { value?: unknown } | undefined;
      const card =
        typeof body?.value === "object" && body.value ? (body.value as Record<string, unknown>) : {};
      return { ...res, card };
    },
    async settled() {
      await waitUntilIdle("the Teams app", () => teams.inFlight());
    },
    async close() {
      await server.close(1000);
      await teams.stop(5000);
      await h.close();
      if (o.replicaOf) return;
      await connector.close();
      await idp?.close();
    },
  };
}
