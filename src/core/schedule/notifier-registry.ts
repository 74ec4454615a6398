/**
 * Telling a channel something nobody asked for just now: a scheduled resume that ran, or the
 * approval request it filed. Each chat surface implements the Notifier port (ports/notifier.ts) for its
 * platform (the shell prints, Slack posts with the bot token); the registry routes by platform and logs what it cannot
 * deliver, so a scheduled action never fails because its channel is unreachable.
 */

import type { Logger } from "../kernel/logger.js";
import type { ChatIdentity } from "../kernel/model.js";
import type { Reply } from "../kernel/reply.js";
import { replyToPlainText } from "../kernel/reply.js";
import type { Notifier } from "../ports/notifier.js";

/** One Notifier per platform, registered by each surface when it starts. */
export class NotifierRegistry implements Notifier {
  readonly #byPlatform = new Map<string, Notifier>();

  constructor(private readonly logger: Logger) {}

  register(platform: string, notifier: Notifier): void {
    this.#byPlatform.set(platform, notifier);
  }

  async notify(platform: string, channelId: string, reply: Reply, onBehalfOf?: ChatIdentity): Promise<void> {
    const notifier = this.#byPlatform.get(platform);
    const text = replyToPlainText(reply).slice(0, 500);
    if (!notifier) {
      // No surface for that platform runs in this process (a shell schedule picked up by `serve`).
      this.logger.info({ platform, channel: channelId, text }, "channel notice not delivered: no surface");
      return;
    }
    try {
      await notifier.notify(platform, channelId, reply, onBehalfOf);
    } catch (e) {
      this.logger.warn(
        { platform, channel: channelId, err: e instanceof Error ? e.message : String(e), text },
        "channel notice failed",
      );
    }
  }
}
