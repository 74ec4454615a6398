/**
 * The Slack surface: a Bolt app wired to the core. HTTP mode (production) hands back a request
 * listener for our own server to mount at /slack/events (plus the OAuth install routes when several
 * workspaces are served); Socket Mode (local use) dials Slack itself. Bolt verifies every request's
 * signature and timestamp (bad, stale or missing → 401) before any listener runs.
 */
import type { RequestListener } from "node:http";
import type { AlertPoster } from "../../core/alerts/alert-poster.js";
import { TaskTracker } from "../../core/dispatch/task-tracker.js";
import type { Logger } from "../../core/kernel/logger.js";
import type { DeliveryDedupe } from "../../core/ports/delivery-dedupe.js";
import type { Notifier } from "../../core/ports/notifier.js";
import type { SlackInstallationStore } from "../../core/ports/slack-installation-store.js";
import type { CoreServices } from "../../core/services.js";
import { AckPriority } from "./ack-priority.js";
import { slackAlertPoster } from "./alert-poster.js";
import { registerApprovalListeners } from "./approval-listeners.js";
import { App, HTTPReceiver, LogLevel, webApi } from "./bolt.js";
import { boltLogger } from "./bolt-logger.js";
import { slackChannelNotifier } from "./channel-notifier.js";
import { registerCommandButtons } from "./command-buttons.js";
import { registerCommand } from "./command-listener.js";
import { refuseFutureTimestamps } from "./future-timestamp.js";
import { boltInstallationStore, installationKey } from "./installation-store.js";
import { registerOrgLinkModal } from "./org-link-modal.js";
import { describeSlackFailure } from "./slack-call.js";
import type { SlackContext, SlackDispatcher } from "./slack-context.js";

/** The bot's scopes: the slash command, posting and editing its messages, posting in public channels it has not joined. */
/** users:read.email (with users:read, which Slack requires beside it) is for automap only. */
export const SLACK_SCOPES = ["commands", "chat:write", "chat:write.public", "users:read", "users:read.email"];

export const SLACK_PATHS = {
  events: "/slack/events",
  install: "/slack/install",
  oauthRedirect: "/slack/oauth_redirect",
} as const;

export interface SlackAppSettings {
  mode: "http" | "socket";
  signingSecret?: string;
  appToken?: string;
  auth:
    | { kind: "token"; botToken: string }
    | { kind: "oauth"; clientId: string; clientSecret: string; stateSecret: string };
  /** The slash command, e.g. `/campaign`. */
  command: string;
}

export interface SlackAppOptions {
  settings: SlackAppSettings;
  dispatcher: SlackDispatcher;
  services: CoreServices;
  dedupe: DeliveryDedupe;
  /** Required for OAuth (several workspaces). */
  installations?: SlackInstallationStore;
  logger: Logger;
  /** Web API base ending in `/api/`; default Slack's. Tests point it at a local stand-in. */
  slackApiUrl?: string;
  /** Web API retries; default up to five within five minutes (a 429 waits for its Retry-After). */
  retries?: number;
  /** The bot's ids, when known, spare Bolt an auth.test call on the first request (single workspace). */
  botId?: string;
  botUserId?: string;
}

export interface SlackSurface {
  app: App;
  /** HTTP mode: serves `paths`. Absent in Socket Mode. */
  requestListener?: RequestListener;
  /** Paths the request listener answers (events; install and redirect with OAuth). */
  paths: string[];
  /** Socket Mode: connects to Slack. HTTP mode: nothing to do (the server mounts the listener). */
  start(): Promise<void>;
  /** Stops receiving (Socket Mode) and waits up to `drainMs` for work still running after acks. */
  stop(drainMs?: number): Promise<void>;
  /** Work still running after its ack. */
  inFlight(): number;
  /** Posts in a channel unasked (scheduled resumes report there). */
  notifier: Notifier;
  /** Posts and edits campaign alerts. */
  alertPoster: AlertPoster;
}

export function createSlackApp(options: SlackAppOptions): SlackSurface {
  const { settings } = options;
  const logger = boltLogger(options.logger);
  // INFO: the Web API client says so when it waits out a rate limit.
  logger.setLevel(LogLevel.INFO);
  const clientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig:
      options.retries === undefined
        ? webApi.retryPolicies.fiveRetriesInFiveMinutes
        : { retries: options.retries, factor: 1, minTimeout: 0 },
  };
  const oauth = settings.auth.kind === "oauth" ? settings.auth : undefined;
  if (oauth && !options.installations)
    throw new Error("Slack OAuth needs an installation store (several workspaces)");
  if (settings.mode === "socket" && !settings.appToken)
    throw new Error("Slack Socket Mode needs an app token");
  if (settings.mode === "http" && !settings.signingSecret)
    throw new Error("Slack HTTP mode needs a signing secret");

  const receiver =
    settings.mode === "http"
      ? new HTTPReceiver({
          signingSecret: settings.signingSecret ?? "",
          endpoints: SLACK_PATHS.events,
          logger,
          ...(oauth && options.installations
            ? {
                clientId: oauth.clientId,
                clientSecret: oauth.clientSecret,
                stateSecret: oauth.stateSecret,
                scopes: SLACK_SCOPES,
                installationStore: boltInstallationStore(options.installations),
                installerOptions: {
                  installPath: SLACK_PATHS.install,
                  redirectUriPath: SLACK_PATHS.oauthRedirect,
                  directInstall: true,
                  clientOptions,
                },
              }
            : {}),
        })
      : undefined;
  const app = new App({
    ...(receiver ? { receiver } : { socketMode: true, appToken: settings.appToken }),
    ...(settings.auth.kind === "token"
      ? { authorize: singleWorkspace(settings.auth.botToken, options) }
      : {}),
    logger,
    clientOptions,
    // Both are global middleware that run before any listener, so before every ack: the conversation
    // store (which we never use) throws and catches an Error per request, and ignoreSelf filters
    // message events, which this app does not listen to.
    convoStore: false,
    ignoreSelf: false,
  });

  // HTTP mode only: in Socket Mode acks go back over Slack's socket, not our request loop.
  const ackFirst = receiver ? new AckPriority() : undefined;
  const tasks = new TaskTracker(
    (error) =>
      options.logger.error(
        {
          err: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          ...failureOf(error),
        },
        "slack work failed after its ack",
      ),
    ackFirst && (() => ackFirst.settled()),
  );
  const ctx: SlackContext = {
    dispatcher: options.dispatcher,
    services: options.services,
    dedupe: options.dedupe,
    tasks,
    logger: options.logger,
  };
  registerCommand(app, ctx, settings.command);
  registerApprovalListeners(app, ctx);
  registerCommandButtons(app, ctx);
  registerOrgLinkModal(app, ctx);
  if (options.installations) {
    const installations = options.installations;
    // An uninstalled workspace's token is dead: forget it rather than keep a sealed useless secret.
    for (const event of ["app_uninstalled", "tokens_revoked"] as const) {
      app.event(event, async ({ context }) => {
        const key = installationKey({
          isEnterpriseInstall: context.isEnterpriseInstall,
          enterpriseId: context.enterpriseId,
          teamId: context.teamId,
        });
        await installations.delete(key);
        options.logger.info({ installation: key, event }, "slack installation removed");
      });
    }
  }
  app.error(async (error) => {
    options.logger.error({ err: error.code, ...failureOf(error.original ?? error) }, "slack request failed");
    // Rethrown so Bolt answers the request as failed instead of pretending it was handled.
    throw error;
  });

  return {
    app,
    requestListener:
      receiver && ackFirst?.track(refuseFutureTimestamps(receiver.requestListener, options.logger)),
    paths: receiver
      ? [SLACK_PATHS.events, ...(oauth ? [SLACK_PATHS.install, SLACK_PATHS.oauthRedirect] : [])]
      : [],
    async start() {
      if (settings.mode === "socket") await app.start();
    },
    async stop(drainMs = 10_000) {
      if (settings.mode === "socket") await app.stop();
      ackFirst?.releaseAll();
      const left = await tasks.drain(drainMs);
      if (left) options.logger.warn({ inFlight: left }, "stopped with Slack work still running");
    },
    inFlight: () => tasks.size,
    notifier: slackChannelNotifier(app, settings.auth, options.installations, options.logger),
    alertPoster: slackAlertPoster(app, settings.auth, options.installations, options.logger),
  };
}

/**
 * One workspace, one bot token. Given as `authorize` rather than `token`: with a plain token Bolt
 * calls auth.test at start-up and, if that one call fails, refuses every request after it; we need
 * nothing auth.test would tell us (the app listens to no message events to ignore its own).
 */
function singleWorkspace(botToken: string, ids: { botId?: string; botUserId?: string }) {
  const result = {
    botToken,
    ...(ids.botId ? { botId: ids.botId } : {}),
    ...(ids.botUserId ? { botUserId: ids.botUserId } : {}),
  };
  return async () => result;
}

function failureOf(error: unknown): { slackError?: string } {
  if (error instanceof webApi.WebAPIPlatformError || error instanceof webApi.WebAPIRateLimitedError)
    return { slackError: describeSlackFailure(error).error };
  return {};
}
