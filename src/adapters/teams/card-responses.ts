/** What an `adaptiveCard/action` invoke answers with, and where the clicked card lives. */
import type { AdaptiveCardInvokeResponse, TurnContext } from "botbuilder";
import type { Tone } from "../../core/kernel/reply.js";
import { type AdaptiveCard, CARD_CONTENT_TYPE, noticeCard } from "./adaptive-card.js";
import type { MessageTarget } from "./outbox.js";

/** The card Teams shows the person who clicked, in place of the one they clicked. */
export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: { ...card } };
}

export function noticeResponse(text: string, tone: Tone): AdaptiveCardInvokeResponse {
  return cardResponse(noticeCard(text, tone));
}

export function badRequest(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message } };
}

/** The message holding the clicked card: an invoke replies to it. */
export function clickedMessage(ctx: TurnContext): MessageTarget | undefined {
  const { serviceUrl, conversation, replyToId } = ctx.activity;
  if (!replyToId || !conversation?.id) return undefined;
  return {
    serviceUrl,
    conversationId: conversation.id,
    ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
    activityId: replyToId,
  };
}
