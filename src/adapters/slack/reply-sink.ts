/**
 * Where one command's answers go. Queries answer only the caller (response_url, ephemeral); changes
 * are posted in the channel (chat.postMessage) so they can be found and, for approval requests,
 * updated later. Progress edits ONE message: posted at the first update, edited after, and replaced
 * by the final reply. When the bot may not post in a conversation (a private channel it is not in,
 * a DM), the response_url is the fallback: it works anywhere the command was typed.
 */
import type { RespondArguments, webApi } from "@slack/bolt";
import type { Logger } from "../../core/kernel/logger.js";
import type { Reply } from "../../core/kernel/reply.js";
import { renderReply, type SlackMessage } from "./block-kit.js";
import { slackCall } from "./slack-call.js";

type Respond = (message: RespondArguments) => Promise<unknown>;

/** A posted message: what chat.update needs. */
export interface MessageRef {
  channel: string;
  ts: string;
}

export interface ReplySinkOptions {
  client: webApi.WebClient;
  channel: string;
  /** The command's or click's response_url; absent for modal submissions. */
  respond?: Respond;
  /** Who sees ephemeral answers when there is no response_url. */
  user: string;
  logger: Logger;
}

export class ReplySink {
  #progress: MessageRef | undefined;
  #progressUnavailable = false;

  constructor(private readonly o: ReplySinkOptions) {}

  /** For DispatchOptions.progress. */
  readonly progress = async (update: Reply): Promise<void> => {
    const message = renderReply(update);
    if (this.#progress) {
      await this.update(this.#progress, message);
      return;
    }
    if (this.#progressUnavailable) return;
    this.#progress = await this.post(message);
    if (!this.#progress) {
      // Without a message to edit, one ephemeral note is better than a stream of them.
      this.#progressUnavailable = true;
      await this.ephemeral(update);
    }
  };

  /** Delivers the command's answer; returns the channel message it now lives in, if any. */
  async final(reply: Reply): Promise<MessageRef | undefined> {
    const message = renderReply(reply);
    if (this.#progress) {
      if (await this.update(this.#progress, message)) return this.#progress;
    }
    if (reply.visibility === "channel") {
      const posted = await this.post(message);
      if (posted) return posted;
      await this.viaResponseUrl({ response_type: "in_channel", ...message });
      return undefined;
    }
    await this.ephemeral(reply);
    return undefined;
  }

  /** Only the caller sees it. */
  async ephemeral(reply: Reply): Promise<void> {
    const message = renderReply(reply);
    if (this.o.respond) {
      if (await this.viaResponseUrl({ response_type: "ephemeral", replace_original: false, ...message }))
        return;
    }
    await slackCall(this.o.logger, "chat.postEphemeral", () =>
      this.o.client.chat.postEphemeral({ channel: this.o.channel, user: this.o.user, ...message }),
    );
  }

  async update(ref: MessageRef, message: SlackMessage): Promise<boolean> {
    const ok = await slackCall(this.o.logger, "chat.update", () =>
      this.o.client.chat.update({ channel: ref.channel, ts: ref.ts, ...message }),
    );
    return ok !== undefined;
  }

  /**
   * Replaces the message a button was clicked on through the click's response_url: works where the
   * bot may not edit by ts (a private channel it is not in).
   */
  async replaceClicked(message: SlackMessage): Promise<boolean> {
    return this.viaResponseUrl({ replace_original: true, ...message });
  }

  private async post(message: SlackMessage): Promise<MessageRef | undefined> {
    const result = await slackCall(this.o.logger, "chat.postMessage", () =>
      this.o.client.chat.postMessage({ channel: this.o.channel, ...message }),
    );
    return result?.ts ? { channel: result.channel ?? this.o.channel, ts: result.ts } : undefined;
  }

  private async viaResponseUrl(message: RespondArguments): Promise<boolean> {
    const respond = this.o.respond;
    if (!respond) return false;
    return (await slackCall(this.o.logger, "response_url", () => respond(message))) !== undefined;
  }
}
