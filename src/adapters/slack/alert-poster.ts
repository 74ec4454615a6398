/**
 * Alerts in Slack: chat.postMessage once per incident, chat.update of that message as it changes,
 * details as thread replies. The message reference is `channel:ts` (the store keeps it, so any
 * replica can edit the message). A failed post throws so the engine gives its claim back.
 */
import type { App } from "@slack/bolt";
import type { AlertPoster, AlertTarget } from "../../core/alerts/alert-poster.js";
import type { Logger } from "../../core/kernel/logger.js";
import type { Reply } from "../../core/kernel/reply.js";
import type { SlackInstallationStore } from "../../core/ports/slack-installation-store.js";
import { renderReply } from "./block-kit.js";
import { botTokenFor } from "./channel-notifier.js";
import type { SlackAppSettings } from "./slack-app.js";
import { describeSlackFailure } from "./slack-call.js";

export function slackAlertPoster(
  app: App,
  auth: SlackAppSettings["auth"],
  installations: SlackInstallationStore | undefined,
  logger: Logger,
): AlertPoster {
  const tokenFor = botTokenFor(auth, installations);
  const token = async (t: AlertTarget) => {
    const found = await tokenFor(t.watchedBy);
    if (!found) throw new Error("no Slack installation for the workspace that set up the watch");
    return found;
  };
  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      const failure = describeSlackFailure(e);
      logger.warn({ slackMethod: method, ...failure }, "slack alert call failed");
      throw new Error(`${method}: ${failure.error}`);
    }
  };
  const split = (ref: string) => {
    const at = ref.lastIndexOf(":");
    return { channel: ref.slice(0, at), ts: ref.slice(at + 1) };
  };
  return {
    async post(target: AlertTarget, message: Reply): Promise<string> {
      const t = await token(target);
      const res = await call("chat.postMessage", () =>
        app.client.chat.postMessage({ token: t, channel: target.channel, ...renderReply(message) }),
      );
      if (!res.ts) throw new Error("chat.postMessage: no ts");
      return `${res.channel ?? target.channel}:${res.ts}`;
    },
    async update(target, ref, message) {
      const t = await token(target);
      const { channel, ts } = split(ref);
      await call("chat.update", () =>
        app.client.chat.update({ token: t, channel, ts, ...renderReply(message) }),
      );
    },
    async thread(target, ref, message) {
      const t = await token(target);
      const { channel, ts } = split(ref);
      await call("chat.postMessage", () =>
        app.client.chat.postMessage({ token: t, channel, thread_ts: ts, ...renderReply(message) }),
      );
    },
  };
}
