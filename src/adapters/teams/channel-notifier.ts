/**
 * Channel notices in Teams (a scheduled resume that ran, or the approval request it filed): a
 * proactive card in the conversation the command was typed in. Like alerts, it needs the
 * conversation's service URL, which the ConversationDirectory keeps (in memory and in the database);
 * a conversation never heard from cannot be posted to, and the registry logs that instead of failing
 * the scheduled action.
 */
import type { Notifier } from "../../core/ports/notifier.js";
import { renderCard, summaryOf } from "./adaptive-card.js";
import type { ConversationDirectory } from "./alert-poster.js";
import type { Outbox } from "./outbox.js";

export function teamsChannelNotifier(outbox: Outbox, conversations: ConversationDirectory): Notifier {
  return {
    async notify(_platform, channelId, reply) {
      // The directory knows a channel by its root conversation; the notice goes where it was asked.
      const root = channelId.split(";messageid=")[0] ?? channelId;
      const known = await conversations.find(root);
      if (!known) throw new Error("the conversation's service URL is not known (nobody wrote there yet)");
      const target = {
        serviceUrl: known.serviceUrl,
        ...(known.tenantId ? { tenantId: known.tenantId } : {}),
        conversationId: channelId,
      };
      if (!(await outbox.post(target, renderCard(reply), summaryOf(reply))))
        throw new Error("Teams did not take the notice");
    },
  };
}
