/**
 * The real Slack surface end to end: the app harness (simulator + real database + composition root),
 * the Bolt app built by the same wiring `switchboard serve` uses, mounted on our HTTP server on
 * 127.0.0.1, with Slack itself replaced by a local recording stand-in. Tests send signed requests
 * exactly as Slack would and read what the app sent back to "Slack".
 */
import path from "node:path";
import type { SlackSurface } from "../../src/adapters/slack/slack-app.js";
import { loadConfig } from "../../src/config.js";
import type { Logger } from "../../src/core/kernel/logger.js";
import { buildSlack, serveRoutes } from "../../src/main.js";
import { type RunningServer, startHttpServer } from "../../src/server/http-server.js";
import { type Harness, startHarness } from "./app-harness.js";
import type { Recorded } from "./recording-server.js";
import { waitUntilIdle } from "./settle.js";
import { type SlackFake, startSlackFake } from "./slack-fake.js";
import {
  commandBody,
  interactionBody,
  postSigned,
  type SignedPost,
  type SlackHttpResponse,
} from "./slack-sign.js";

export const SLACK_FIXTURE = path.resolve(import.meta.dirname, "../slack/fixtures/slack.yml");
export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-bot-token";
export const OAUTH_CLIENT_ID = "1111.2222";

export interface SlackUser {
  team: string;
  id: string;
  name: string;
}

export const ann: SlackUser = { team: "T1", id: "UANN", name: "ann" };
export const ben: SlackUser = { team: "T1", id: "UBEN", name: "ben" };
export const vic: SlackUser = { team: "T1", id: "UVIC", name: "vic" };
export const root: SlackUser = { team: "T1", id: "UROOT", name: "root" };

export interface SentCommand extends SlackHttpResponse {
  responseUrl: string;
  triggerId: string;
  raw: string;
}

export interface SlackHarness {
  h: Harness;
  fake: SlackFake;
  slack: SlackSurface;
  server: RunningServer;
  /** `http://127.0.0.1:PORT/slack/events` */
  eventsUrl: string;
  /** Every line the Slack surface logged (message and fields as JSON). */
  logs: string[];
  command(text: string, as: SlackUser, options?: SignedPost & { channel?: string }): Promise<SentCommand>;
  /** Clicks a button of a message the app posted (`message` is the recorded chat.postMessage). */
  click(
    actionId: string,
    message: Recorded,
    as: SlackUser,
    options?: { actionTs?: string },
  ): Promise<SlackHttpResponse & { responseUrl: string; triggerId: string }>;
  submitView(
    view: { id: string; callbackId: string; privateMetadata?: string; values: Record<string, unknown> },
    as: SlackUser,
  ): Promise<SlackHttpResponse>;
  post(raw: string, options?: SignedPost): Promise<SlackHttpResponse>;
  /** Resolves once no Slack work is running after its ack. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

let sequence = 0;
const next = () => `${Date.now()}.${++sequence}`;

export async function startSlackHarness(
  options: {
    databaseUrl?: string;
    replicaOf?: SlackHarness;
    /** Several workspaces installed through OAuth instead of one bot token. */
    oauth?: boolean;
    /** Another simulator fixture (default: the Slack one). */
    fixturePath?: string;
    /** Web API retries (default 0: a failure shows at once). */
    retries?: number;
  } = {},
): Promise<SlackHarness> {
  const env: Record<string, string> = options.oauth
    ? {
        SLACK_CLIENT_ID: OAUTH_CLIENT_ID,
        SLACK_CLIENT_SECRET: "oauth-client-secret",
        SLACK_STATE_SECRET: "state-secret-for-the-tests",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
      }
    : { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET };
  const slackConfig = loadConfig(env).slack;
  if (!slackConfig) throw new Error("the Slack harness needs a Slack configuration");
  const h = await startHarness({
    fixturePath: options.fixturePath ?? SLACK_FIXTURE,
    databaseUrl: options.databaseUrl,
    env,
    replicaOf: options.replicaOf?.h,
  });
  const fake = options.replicaOf?.fake ?? (await startSlackFake());
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
  const slack = await buildSlack(h.app, slackConfig, {
    logger,
    slackApiUrl: fake.apiUrl,
    retries: options.retries ?? 0,
    botId: "BBOT",
    botUserId: "UBOT",
  });
  const server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    routes: serveRoutes(h.app, { slack, shuttingDown: () => false }),
    logger,
  });
  const eventsUrl = `${server.url}/slack/events`;
  const post = (raw: string, o?: SignedPost) => postSigned(eventsUrl, SIGNING_SECRET, raw, o);

  return {
    h,
    fake,
    slack,
    server,
    eventsUrl,
    logs,
    post,
    async command(text, as, o = {}) {
      const responseUrl = fake.responseUrl();
      const triggerId = `trig.${next()}`;
      const raw = commandBody({
        token: "deprecated-verification-token",
        team_id: as.team,
        team_domain: "north",
        channel_id: o.channel ?? "C1",
        channel_name: "ops",
        user_id: as.id,
        user_name: as.name,
        command: "/campaign",
        text,
        api_app_id: "A1",
        response_url: responseUrl,
        trigger_id: triggerId,
      });
      return { ...(await post(raw, o)), responseUrl, triggerId, raw };
    },
    async click(actionId, message, as, o = {}) {
      const responseUrl = fake.responseUrl();
      const triggerId = `trig.${next()}`;
      const channel = String(message.body.channel);
      const button = (
        message.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
      )
        .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
        .find((e) => e.action_id === actionId);
      if (!button) throw new Error(`the message has no ${actionId} button`);
      const postedTs = messageTs(message);
      const raw = interactionBody({
        type: "block_actions",
        team: { id: as.team, domain: "north" },
        user: { id: as.id, username: as.name, name: as.name, team_id: as.team },
        api_app_id: "A1",
        token: "deprecated-verification-token",
        trigger_id: triggerId,
        response_url: responseUrl,
        channel: { id: channel, name: "ops" },
        container: { type: "message", message_ts: postedTs, channel_id: channel, is_ephemeral: false },
        message: { type: "message", ts: postedTs, text: message.body.text, blocks: message.body.blocks },
        actions: [
          {
            type: "button",
            action_id: actionId,
            block_id: "b1",
            value: button.value,
            text: { type: "plain_text", text: actionId },
            action_ts: o.actionTs ?? next(),
          },
        ],
      });
      return { ...(await post(raw)), responseUrl, triggerId };
    },
    submitView(view, as) {
      const raw = interactionBody({
        type: "view_submission",
        team: { id: as.team, domain: "north" },
        user: { id: as.id, username: as.name, name: as.name, team_id: as.team },
        api_app_id: "A1",
        token: "deprecated-verification-token",
        trigger_id: `trig.${next()}`,
        view: {
          id: view.id,
          team_id: as.team,
          type: "modal",
          callback_id: view.callbackId,
          private_metadata: view.privateMetadata ?? "",
          hash: `h.${next()}`,
          blocks: [],
          state: { values: view.values },
        },
      });
      return post(raw);
    },
    async settled() {
      await waitUntilIdle("the Slack app", () => slack.inFlight());
    },
    async close() {
      await server.close(1000);
      await slack.stop(5000);
      await h.close();
      if (!options.replicaOf) await fake.close();
    },
  };
}

/** The ts of a message the app posted (the fake's answer) or updated (the ts it named). */
export function messageTs(call: Recorded): string {
  const answered = call.answer?.json as { ts?: unknown } | undefined;
  const ts = call.path === "/api/chat.postMessage" ? answered?.ts : call.body.ts;
  if (typeof ts !== "string") throw new Error(`no message ts in ${call.path}`);
  return ts;
}
