/**
 * Where alerts go: each chat surface posts a message, edits it in place as the incident changes and
 * adds details under it (a Slack thread; Teams and the shell post them after it). The registry
 * routes by platform, like the Notifier registry, so a platform without a surface in this process
 * is skipped, not failed.
 */
import type { Reply } from "../kernel/reply.js";

export interface AlertTarget {
  platform: string;
  channel: string;
  /** Who set up the watch: on multi-workspace Slack it names the workspace whose token posts. */
  watchedBy?: string;
}

export interface AlertPoster {
  /** Posts a new message and returns a reference that `update` and `thread` take back. */
  post(target: AlertTarget, message: Reply): Promise<string>;
  update(target: AlertTarget, messageRef: string, message: Reply): Promise<void>;
  /** A detail under the message (errors, the resolution). */
  thread(target: AlertTarget, messageRef: string, message: Reply): Promise<void>;
}

export class AlertPosterRegistry {
  readonly #byPlatform = new Map<string, AlertPoster>();

  register(platform: string, poster: AlertPoster): void {
    this.#byPlatform.set(platform, poster);
  }

  for(platform: string): AlertPoster | undefined {
    return this.#byPlatform.get(platform);
  }
}
