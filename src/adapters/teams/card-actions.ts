/**
 * Approve / Deny / refresh on an approval card: Teams sends an `adaptiveCard/action` invoke and shows
 * the card in the answer to the person who clicked. A decision runs as the clicking user through the
 * same `approve <id>` / `deny <id> [reason]` commands people can type, so every rule (no
 * self-approval, approver permission, exactly once) is the core's; the card's data names the one
 * request it may decide. A decision also updates the card message for everyone; a refusal shows only
 * to the person who clicked, on top of the card as it stands.
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from "botbuilder";
import { currentView, decidedView } from "../../core/approvals/approval-views.js";
import { quoteWord } from "../../core/dispatch/quote.js";
import { type Reply, reply } from "../../core/kernel/reply.js";
import { settlementOf } from "../shared/settlement.js";
import { type AdaptiveCard, noticeCard, renderCard } from "./adaptive-card.js";
import { approvalCard, REASON_MAX, withNote } from "./approval-cards.js";
import { badRequest, cardResponse, clickedMessage } from "./card-responses.js";
import { within } from "./deadline.js";
import { deliveryKey, firstDelivery } from "./delivery-keys.js";
import { callerOf, teamsInvocation } from "./invocation.js";
import { type MessageTarget, parseMessageRef } from "./outbox.js";
import type { TeamsContext } from "./teams-context.js";
import { teamsEmailLookup } from "./verified-email.js";

interface CardAction {
  verb: "approve" | "deny" | "refresh";
  requestId: string;
  reason: string;
}

export async function handleCardAction(
  ctx: TurnContext,
  value: AdaptiveCardInvokeValue,
  app: TeamsContext,
): Promise<AdaptiveCardInvokeResponse> {
  const action = parseAction(value);
  if (!action)
    return badRequest(
      "This card action is not one Switchboard knows (approve, deny or refresh with a request id).",
    );
  const now = () => app.services.clock.now();
  const current = async (): Promise<AdaptiveCard> => {
    const request = await app.services.approvals.get(action.requestId);
    return request
      ? approvalCard(currentView(request, now()), request.id)
      : noticeCard(`There is no approval request ${action.requestId}.`, "warning");
  };
  if (action.verb === "refresh") return cardResponse(await current());
  // A retried invoke decides nothing again; it gets the card as it now stands.
  if (!(await firstDelivery(app, deliveryKey("invoke", ctx.activity)))) return cardResponse(await current());
  const caller = callerOf(ctx.activity);
  if (!caller)
    return cardResponse(
      noticeCard(
        "Switchboard could not tell who clicked: no Microsoft Entra user and tenant came with it.",
        "error",
      ),
    );

  const text =
    action.verb === "approve"
      ? `approve ${action.requestId}`
      : `deny ${action.requestId}${action.reason ? ` ${quoteWord(action.reason)}` : ""}`;
  const message = clickedMessage(ctx);
  let answered = false;
  const work = app.tasks.run(async () => {
    const result = await app.dispatcher.dispatch(
      teamsInvocation(text, caller, ctx.activity, teamsEmailLookup(ctx, app.logger)),
      {
        // Before the click is answered its card shows the outcome; after, the message shows the progress.
        progress: async (update) => {
          if (answered && message)
            await app.outbox.update(message, renderCard(update), update.title ?? "Working…");
        },
      },
    );
    return settleDecision(app, { id: action.requestId, result, message });
  });
  const settled = await within(work, app.answerWithinMs);
  if (settled.done) return cardResponse(settled.value ?? (await current()));
  answered = true;
  const request = await app.services.approvals.get(action.requestId);
  const working = reply({
    tone: "info",
    blocks: [
      { type: "text", text: `${caller.displayName} chose ${action.verb}; Switchboard is carrying it out…` },
    ],
  });
  return cardResponse(
    request ? approvalCard(decidedView(request, working, now()), request.id) : noticeCard("Working on it…"),
  );
}

/**
 * After `approve`/`deny` ran: a decision (or a vote) updates the request's card for everyone and is
 * what the decider sees; a refusal is shown to the caller alone, on the card as it stands, and if it
 * left the request dead (expired, void, failed) the card loses its buttons for everyone too.
 */
export async function settleDecision(
  app: TeamsContext,
  o: { id: string; result: Reply; message?: MessageTarget },
): Promise<AdaptiveCard> {
  const settled = await settlementOf(app.services, o.id, o.result);
  if (settled.kind === "unknown") return renderCard(o.result);
  const { request } = settled;
  const target = o.message ?? parseMessageRef(request.messageRef);
  if (settled.kind === "decided") {
    const card = approvalCard(settled.view, request.id);
    if (target) await app.outbox.update(target, card, settled.view.title ?? "Approval");
    return card;
  }
  if (target && settled.dead)
    await app.outbox.update(target, approvalCard(settled.dead, request.id), settled.dead.title ?? "Approval");
  return approvalCard(withNote(o.result, settled.current), request.id);
}

/** The card's data: a request id of the approval id alphabet (never a command line), and for Deny the reason box. */
function parseAction(value: AdaptiveCardInvokeValue): CardAction | undefined {
  const { verb, data } = value.action;
  if (verb !== "approve" && verb !== "deny" && verb !== "refresh") return undefined;
  const requestId = typeof data?.requestId === "string" ? data.requestId.trim().toUpperCase() : "";
  if (!/^[0-9A-Z]{1,16}$/.test(requestId)) return undefined;
  const reason = typeof data?.reason === "string" ? data.reason.trim().slice(0, REASON_MAX) : "";
  return { verb, requestId, reason };
}
