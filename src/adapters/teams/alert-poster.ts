/**
 * Alerts in Teams: a proactive card in the watching conversation, updated in place as the incident
 * changes; details go to the card's reply chain (`<conversation>;messageid=<id>`). Watches name the
 * channel (its root conversation), so a card goes to the channel, not the thread `watch` was typed in. A proactive
 * message needs the conversation's service URL, which Teams sends with every activity: the bot
 * remembers it per conversation (ConversationDirectory). Until anyone in a conversation has talked
 * to this process since it started, alerts for it cannot be posted (the engine retries later).
 */
import type { Activity } from "botbuilder";
import type { AlertPoster, AlertTarget } from "../../core/alerts/alert-poster.js";
import type { Reply } from "../../core/reply.js";
import { renderCard, summaryOf } from "./adaptive-card.js";
import { formatMessageRef, type Outbox, parseMessageRef } from "./outbox.js";

export class ConversationDirectory {
  readonly #byId = new Map<string, { serviceUrl: string; tenantId?: string }>();

  remember(activity: Pick<Activity, "serviceUrl" | "conversation">): void {
    const id = activity.conversation?.id;
    if (!id || !activity.serviceUrl) return;
    // A reply chain's id names its channel conversation too: alerts go to the channel.
    const base = id.split(";messageid=")[0] ?? id;
    const tenantId = activity.conversation.tenantId;
    this.#byId.set(base, { serviceUrl: activity.serviceUrl, ...(tenantId ? { tenantId } : {}) });
  }

  find(conversationId: string): { serviceUrl: string; tenantId?: string } | undefined {
    return this.#byId.get(conversationId);
  }
}

export function teamsAlertPoster(outbox: Outbox, conversations: ConversationDirectory): AlertPoster {
  const where = (target: AlertTarget) => {
    const known = conversations.find(target.channel);
    if (!known)
      throw new Error("the conversation's service URL is not known yet (nobody wrote there since start)");
    return { ...known, conversationId: target.channel };
  };
  const send = async (target: ReturnType<typeof where>, message: Reply) => {
    const sent = await outbox.post(target, renderCard(message), summaryOf(message));
    if (!sent) throw new Error("Teams did not take the alert");
    return sent;
  };
  return {
    async post(target, message) {
      return formatMessageRef(await send(where(target), message));
    },
    async update(_target, ref, message) {
      const posted = parseMessageRef(ref);
      if (!posted) throw new Error("not a Teams message reference");
      if (!(await outbox.update(posted, renderCard(message), summaryOf(message))))
        throw new Error("Teams did not update the alert");
    },
    async thread(_target, ref, message) {
      const posted = parseMessageRef(ref);
      if (!posted) throw new Error("not a Teams message reference");
      const { activityId, ...conversation } = posted;
      await send(
        { ...conversation, conversationId: `${conversation.conversationId};messageid=${activityId}` },
        message,
      );
    },
  };
}
