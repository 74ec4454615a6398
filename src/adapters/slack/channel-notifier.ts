/**
 * Scheduled work reporting in the channel it was asked in (the core's Notifier port): a message
 * posted with chat.postMessage and the bot token of the workspace it belongs to. With one workspace
 * that is the configured token; with several (OAuth), the requester's Slack identity names the
 * workspace whose installation holds it.
 */
import type { App } from "@slack/bolt";
import type { Logger } from "../../core/kernel/logger.js";
import type { ChatIdentity } from "../../core/kernel/model.js";
import type { Reply } from "../../core/kernel/reply.js";
import type { Notifier } from "../../core/ports/notifier.js";
import type { SlackInstallationStore } from "../../core/ports/slack-installation-store.js";
import { renderReply } from "./block-kit.js";
import type { SlackAppSettings } from "./slack-app.js";
import { slackCall } from "./slack-call.js";

/** The bot token that posts for `onBehalfOf` (its workspace's installation under OAuth). */
export function botTokenFor(
  auth: SlackAppSettings["auth"],
  installations: SlackInstallationStore | undefined,
): (onBehalfOf: ChatIdentity | undefined) => Promise<string | undefined> {
  return async (onBehalfOf) => {
    if (auth.kind === "token") return auth.botToken;
    const team = onBehalfOf?.split(":")[1];
    const data = team && installations ? await installations.find(`T:${team}`) : null;
    if (!data) return undefined;
    const installation = JSON.parse(data) as { bot?: { token?: string } };
    return installation.bot?.token;
  };
}

export function slackChannelNotifier(
  app: App,
  auth: SlackAppSettings["auth"],
  installations: SlackInstallationStore | undefined,
  logger: Logger,
): Notifier {
  const tokenFor = botTokenFor(auth, installations);
  return {
    async notify(_platform: string, channel: string, reply: Reply, onBehalfOf?: ChatIdentity): Promise<void> {
      const token = await tokenFor(onBehalfOf);
      if (!token) {
        logger.warn({ channel }, "slack notice not posted: no installation for the requester's workspace");
        return;
      }
      await slackCall(logger, "chat.postMessage", () =>
        app.client.chat.postMessage({ token, channel, ...renderReply(reply) }),
      );
    },
  };
}
