/**
 * Previous/Next on a long bulk plan or approval request. The click shows that page to the person who
 * clicked (the invoke's answer replaces their copy of the card); the plan's Confirm and a request's
 * Approve come only with the last page, so nobody confirms campaigns they were not shown.
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from "botbuilder";
import { PAGE_VERBS, renderCard } from "./adaptive-card.js";

export { PAGE_VERBS };

import { approvalCard } from "./approval-cards.js";
import { badRequest, cardResponse, noticeResponse } from "./card-responses.js";
import { callerOf, teamsInvocation } from "./invocation.js";
import type { TeamsContext } from "./teams-context.js";

/** The only commands a page button may carry: one page of one plan or request. */
const PAGE_COMMAND = /^(bulk plan|approval show) ([0-9A-Za-z]{1,16}) --page \d{1,5}$/;

export async function handlePageButton(
  ctx: TurnContext,
  value: AdaptiveCardInvokeValue,
  app: TeamsContext,
): Promise<AdaptiveCardInvokeResponse> {
  const data = value.action.data;
  const command = typeof data?.value === "string" ? data.value.trim() : "";
  const match = PAGE_COMMAND.exec(command);
  if (!match) return badRequest("This button does not carry a page of a plan or request.");
  const caller = callerOf(ctx.activity);
  if (!caller)
    return noticeResponse(
      "Switchboard could not tell who clicked: no Microsoft Entra user and tenant came with it.",
      "error",
    );
  const result = await app.dispatcher.dispatch(teamsInvocation(command, caller, ctx.activity), {
    progress: async () => {},
  });
  if (match[1] === "approval show" && result.ok) {
    // Approve on the last page decides this request; no refresh, which would bring back page 1.
    const { refresh: _refresh, ...card } = approvalCard(result, (match[2] ?? "").toUpperCase());
    return cardResponse(card);
  }
  return cardResponse(renderCard(result));
}
