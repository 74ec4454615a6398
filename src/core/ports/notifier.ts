/** Telling a chat channel something nobody asked for just now (a scheduled resume that ran). */
import type { ChatIdentity } from "../kernel/model.js";
import type { Reply } from "../kernel/reply.js";

export interface Notifier {
  /**
   * Posts `reply` in `channelId` of `platform`. `onBehalfOf` is whose action it is (a Slack identity
   * carries the workspace, which picks the bot token when several workspaces are installed).
   */
  notify(platform: string, channelId: string, reply: Reply, onBehalfOf?: ChatIdentity): Promise<void>;
}
