/**
 * Alerts in Teams: a proactive card in the watching conversation, updated in place as the incident
 * changes; details go to the card's reply chain (`<conversation>;messageid=<id>`). Watches name the
 * channel (its root conversation), so a card goes to the channel, not the thread `watch` was typed in. A proactive
 * message needs the conversation's service URL, which Teams sends with every activity: the bot
 * remembers it per conversation (ConversationDirectory), in memory and in the database, so a
 * conversation that watched before a restart still gets its alerts before anyone writes there again.
 * One never heard from cannot be posted to (the engine retries on the next change).
 */
import type { Activity } from "botbuilder";
import type { AlertPoster, AlertTarget } from "../../core/alerts/alert-poster.js";
import type { Logger } from "../../core/kernel/logger.js";
import type { Reply } from "../../core/kernel/reply.js";
import type {
  TeamsConversationRef,
  TeamsConversationStore,
} from "../../core/ports/teams-conversation-store.js";
import { renderCard, summaryOf } from "./adaptive-card.js";
import { formatMessageRef, type Outbox, parseMessageRef } from "./outbox.js";

export class ConversationDirectory {
  readonly #byId = new Map<string, TeamsConversationRef>();
  /** Conversations whose current reference is in the store: written once per change, not per message. */
  readonly #saved = new Set<string>();
  readonly #store: TeamsConversationStore | undefined;
  readonly #logger: Logger | undefined;

  constructor(options: { store?: TeamsConversationStore; logger?: Logger } = {}) {
    this.#store = options.store;
    this.#logger = options.logger;
  }

  /** Learns (and persists, when new or changed) where the activity's conversation is reached. */
  async remember(activity: Pick<Activity, "serviceUrl" | "conversation">): Promise<void> {
    const id = activity.conversation?.id;
    if (!id || !activity.serviceUrl) return;
    // A reply chain's id names its channel conversation too: alerts go to the channel.
    const base = id.split(";messageid=")[0] ?? id;
    const tenantId = activity.conversation.tenantId;
    const ref: TeamsConversationRef = {
      conversationId: base,
      serviceUrl: activity.serviceUrl,
      ...(tenantId ? { tenantId } : {}),
    };
    const known = this.#byId.get(base);
    if (known && (known.serviceUrl !== ref.serviceUrl || known.tenantId !== ref.tenantId))
      this.#saved.delete(base);
    this.#byId.set(base, ref);
    if (!this.#store || this.#saved.has(base)) return;
    try {
      await this.#store.save(ref);
      this.#saved.add(base);
    } catch (e) {
      // The turn goes on: alerts still work until a restart, and the next activity tries again.
      this.#logger?.warn(
        { err: e instanceof Error ? e.message : String(e) },
        "teams conversation reference not saved",
      );
    }
  }

  async find(conversationId: string): Promise<TeamsConversationRef | undefined> {
    const known = this.#byId.get(conversationId);
    if (known || !this.#store) return known;
    const stored = await this.#store.find(conversationId);
    if (!stored) return undefined;
    this.#byId.set(conversationId, stored);
    this.#saved.add(conversationId);
    return stored;
  }
}

export function teamsAlertPoster(outbox: Outbox, conversations: ConversationDirectory): AlertPoster {
  const where = async (target: AlertTarget) => {
    const known = await conversations.find(target.channel);
    if (!known) throw new Error("the conversation's service URL is not known (nobody wrote there yet)");
    const { tenantId, serviceUrl } = known;
    return { serviceUrl, ...(tenantId ? { tenantId } : {}), conversationId: target.channel };
  };
  const send = async (target: Awaited<ReturnType<typeof where>>, message: Reply) => {
    const sent = await outbox.post(target, renderCard(message), summaryOf(message));
    if (!sent) throw new Error("Teams did not take the alert");
    return sent;
  };
  return {
    async post(target, message) {
      return formatMessageRef(await send(await where(target), message));
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
