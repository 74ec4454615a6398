/**
 * Everything Switchboard sends to Teams goes through here: a card replying to the activity of a
 * running turn, and later edits of that message from outside any turn (progress, the final reply,
 * an approval decided elsewhere). Edits are proactive calls with the bot's own credentials, so they
 * work after Teams got its answer, from any replica, and across restarts. Failures are logged once
 * (teamsCall) and reported as undefined/false for the caller to choose a fallback.
 */
import {
  type Activity,
  CardFactory,
  type CloudAdapter,
  type ConversationReference,
  MessageFactory,
  type TurnContext,
} from "botbuilder";
import type { Logger } from "../../core/kernel/logger.js";
import type { AdaptiveCard } from "./adaptive-card.js";
import { teamsCall } from "./teams-call.js";

/** A message the bot posted: what an update needs. Stored (as JSON) as an approval's message ref. */
export interface MessageTarget {
  serviceUrl: string;
  conversationId: string;
  tenantId?: string;
  activityId: string;
}

export interface OutboxOptions {
  adapter: CloudAdapter;
  /** The bot's app id; empty in anonymous mode. */
  appId: string;
  logger: Logger;
}

export class Outbox {
  constructor(private readonly o: OutboxOptions) {}

  /** Replies under the turn's activity (`POST …/activities/{replyToId}`); the posted message, if it went. */
  async reply(ctx: TurnContext, card: AdaptiveCard, summary: string): Promise<MessageTarget | undefined> {
    const sent = await teamsCall(this.o.logger, "reply", () => ctx.sendActivity(cardMessage(card, summary)));
    if (!sent?.id) return undefined;
    return {
      serviceUrl: ctx.activity.serviceUrl,
      conversationId: ctx.activity.conversation.id,
      ...(ctx.activity.conversation.tenantId ? { tenantId: ctx.activity.conversation.tenantId } : {}),
      activityId: sent.id,
    };
  }

  /** Replaces the card of a message the bot posted. */
  async update(target: MessageTarget, card: AdaptiveCard, summary: string): Promise<boolean> {
    const done = await this.proactive(target, "updateActivity", async (ctx) => {
      await ctx.updateActivity({ ...cardMessage(card, summary), id: target.activityId });
      return true;
    });
    return done === true;
  }

  /** A new message in the conversation, outside any turn: when replying in the turn was not possible. */
  async post(
    target: Omit<MessageTarget, "activityId">,
    card: AdaptiveCard,
    summary: string,
  ): Promise<MessageTarget | undefined> {
    const sent = await this.proactive(target, "sendToConversation", (ctx) =>
      ctx.sendActivity(cardMessage(card, summary)),
    );
    return sent?.id ? { ...target, activityId: sent.id } : undefined;
  }

  /**
   * Runs `logic` in a turn of its own for the conversation. Failures are caught inside the turn:
   * the adapter would otherwise hand them to onTurnError and report success.
   */
  private async proactive<T>(
    target: Omit<MessageTarget, "activityId">,
    operation: string,
    logic: (ctx: TurnContext) => Promise<T>,
  ): Promise<T | undefined> {
    const reference: Partial<ConversationReference> = {
      channelId: "msteams",
      serviceUrl: target.serviceUrl,
      conversation: {
        id: target.conversationId,
        isGroup: false,
        conversationType: "",
        name: "",
        ...(target.tenantId ? { tenantId: target.tenantId } : {}),
      },
    };
    let result: T | undefined;
    await teamsCall(this.o.logger, operation, () =>
      this.o.adapter.continueConversationAsync(this.o.appId, reference, async (ctx) => {
        result = await teamsCall(this.o.logger, operation, () => logic(ctx));
      }),
    );
    return result;
  }
}

function cardMessage(card: AdaptiveCard, summary: string): Partial<Activity> {
  return { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary };
}

/** `MessageTarget` as stored by ApprovalStore.setMessageRef; Slack's refs (`C1:ts`) are not JSON. */
export function formatMessageRef(target: MessageTarget): string {
  return JSON.stringify({ teams: target });
}

export function parseMessageRef(text: string | null | undefined): MessageTarget | undefined {
  if (!text?.startsWith("{")) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    const t = typeof v === "object" && v !== null ? (v as Record<string, unknown>).teams : undefined;
    if (typeof t !== "object" || t === null) return undefined;
    const { serviceUrl, conversationId, tenantId, activityId } = t as Record<string, unknown>;
    if (
      typeof serviceUrl !== "string" ||
      typeof conversationId !== "string" ||
      typeof activityId !== "string"
    )
      return undefined;
    return { serviceUrl, conversationId, activityId, ...(typeof tenantId === "string" ? { tenantId } : {}) };
  } catch {
    return undefined;
  }
}
