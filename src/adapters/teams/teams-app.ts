/**
 * The Teams surface: botbuilder's CloudAdapter wired to the core, as a request listener our server
 * mounts at /api/messages. With an app id, every request's Bot Connector token is verified and
 * replies carry the bot's own token; anonymous mode (local development only: config refuses it in
 * production) verifies nothing and replies without a token.
 *
 * Everything botbuilder-specific lives in this folder, so moving to its successor
 * (@microsoft/agents-hosting, same protocol) touches nothing outside it.
 */

import type { RequestListener } from "node:http";
import type { TurnContext } from "botbuilder";
import type { AlertPoster } from "../../core/alerts/alert-poster.js";
import { TaskTracker } from "../../core/dispatch/task-tracker.js";
import type { Logger } from "../../core/kernel/logger.js";
import type { DeliveryDedupe } from "../../core/ports/delivery-dedupe.js";
import type { Notifier } from "../../core/ports/notifier.js";
import type { TeamsConversationStore } from "../../core/ports/teams-conversation-store.js";
import type { CoreServices } from "../../core/services.js";
import { ConversationDirectory, teamsAlertPoster } from "./alert-poster.js";
import { teamsChannelNotifier } from "./channel-notifier.js";
import { messagesListener, TeamsHttpAdapter } from "./http-adapter.js";
import { Outbox } from "./outbox.js";
import { SwitchboardBot } from "./switchboard-bot.js";
import {
  type BotFrameworkEndpoints,
  botFrameworkAuthentication,
  type OutboundTokenSource,
  type TeamsAuthSettings,
} from "./teams-auth.js";
import { describeTeamsFailure } from "./teams-call.js";
import type { TeamsContext, TeamsDispatcher } from "./teams-context.js";
import { foreignTenant } from "./tenant-gate.js";

const TEAMS_PATHS = { messages: "/api/messages" } as const;

/** Teams abandons a request after 15 s; answering within a few leaves room for the network. */
const ANSWER_WITHIN_MS = 3_000;

export interface TeamsAppOptions {
  auth: TeamsAuthSettings;
  dispatcher: TeamsDispatcher;
  services: CoreServices;
  dedupe: DeliveryDedupe;
  logger: Logger;
  /** Bot Framework endpoints; default the public cloud's. Tests point them at a local OpenID server. */
  endpoints?: BotFrameworkEndpoints;
  /** Outbound tokens; default from Microsoft's login with the app id and password. Tests give fixed ones. */
  outboundTokens?: OutboundTokenSource;
  /** How long a turn waits for the work before answering "working on it". */
  answerWithinMs?: number;
  /** Where conversation references are kept across restarts (proactive alerts); memory only when absent. */
  conversations?: TeamsConversationStore;
}

export interface TeamsSurface {
  requestListener: RequestListener;
  /** Paths the request listener answers (POST). */
  paths: string[];
  /** Waits up to `drainMs` for work still running after Teams got its answer. */
  stop(drainMs?: number): Promise<void>;
  /** Work still running after its turn. */
  inFlight(): number;
  /** Turns that failed (onTurnError), described without secrets, oldest first. */
  turnErrors(): readonly string[];
  /** Posts and edits campaign alerts in the conversations that watch them. */
  alertPoster: AlertPoster;
  /** Channel notices (scheduled resumes) as proactive cards. */
  notifier: Notifier;
}

export function createTeamsApp(options: TeamsAppOptions): TeamsSurface {
  const adapter = new TeamsHttpAdapter(
    botFrameworkAuthentication(options.auth, options.endpoints, options.outboundTokens),
  );
  const failures: string[] = [];
  adapter.onTurnError = async (ctx, error) => {
    const described =
      error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error);
    failures.push(described);
    options.logger.error(
      { err: described, activity: ctx.activity.type, ...describeTeamsFailure(error) },
      "teams turn failed",
    );
  };
  const tasks = new TaskTracker((error) =>
    options.logger.error(
      { err: error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error) },
      "teams work failed after its turn",
    ),
  );
  const ctx: TeamsContext = {
    dispatcher: options.dispatcher,
    services: options.services,
    dedupe: options.dedupe,
    outbox: new Outbox({
      adapter,
      appId: options.auth.kind === "app" ? options.auth.appId : "",
      logger: options.logger,
    }),
    tasks,
    logger: options.logger,
    answerWithinMs: options.answerWithinMs ?? ANSWER_WITHIN_MS,
  };
  const bot = new SwitchboardBot(ctx);
  const conversations = new ConversationDirectory({
    ...(options.conversations ? { store: options.conversations } : {}),
    logger: options.logger,
  });
  const tenantId =
    options.auth.kind === "app" && options.auth.appType === "SingleTenant"
      ? options.auth.tenantId
      : undefined;
  // After the token check (in the adapter), before any of our logic: nothing from another tenant runs.
  const runInTenant = async (turn: TurnContext): Promise<void> => {
    const foreign = tenantId ? foreignTenant(turn.activity, tenantId) : null;
    if (foreign) {
      options.logger.warn(
        { activity: turn.activity.type, tenants: foreign },
        "teams activity refused: not from this bot's tenant",
      );
      return;
    }
    await conversations.remember(turn.activity);
    await bot.run(turn);
  };
  return {
    requestListener: messagesListener(adapter, (turn) => runInTenant(turn), options.logger),
    paths: [TEAMS_PATHS.messages],
    async stop(drainMs = 10_000) {
      const left = await tasks.drain(drainMs);
      if (left) options.logger.warn({ inFlight: left }, "stopped with Teams work still running");
    },
    inFlight: () => tasks.size,
    turnErrors: () => failures,
    alertPoster: teamsAlertPoster(ctx.outbox, conversations),
    notifier: teamsChannelNotifier(ctx.outbox, conversations),
  };
}
