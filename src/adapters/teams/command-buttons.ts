/**
 * Buttons that stand for a command the clicker could type: Confirm / Cancel on a bulk plan carry
 * `confirm <job>` / `cancel <job>` as their value. The click runs that command as the clicking user,
 * so every rule (only the requester confirms, exactly once) is the core's. A result for the channel
 * replaces the plan's card for everyone (its buttons go); a refusal is the clicker's answer alone.
 * `list`'s Next page button answers the clicker with the next page.
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from "botbuilder";
import { renderCard, summaryOf } from "./adaptive-card.js";
import { badRequest, cardResponse, clickedMessage, noticeResponse } from "./card-responses.js";
import { within } from "./deadline.js";
import { deliveryKey, firstDelivery } from "./delivery-keys.js";
import { callerOf, teamsInvocation } from "./invocation.js";
import type { TeamsContext } from "./teams-context.js";
import { teamsEmailLookup } from "./verified-email.js";

/** Button ids whose click runs `<id> <argument>`. */
export const COMMAND_BUTTONS: ReadonlySet<string> = new Set([
  "confirm",
  "cancel",
  "list",
  "resume",
  "why",
  "mute",
]);

/**
 * The exact command each kind of button is rendered with, so forged card data cannot become a
 * command line of its own: a plan's verb and one id, `list`'s next page (its org, filter and
 * --page), or an alert's org and quoted campaign.
 */
const ALERT_OR_PLAN =
  /^(?:(confirm|cancel) [0-9A-Za-z]{1,16}|(resume|why|mute) [a-z0-9][a-z0-9-]{0,62} "[^"\n]{1,200}"(?: dialing| \d{1,4}[mhd])?)$/;
function ownCommand(verb: string, command: string): boolean {
  if (verb === "list") return /^list [a-z0-9][a-z0-9-]{0,31}\b.* --page [0-9]{1,5}$/.test(command);
  const match = ALERT_OR_PLAN.exec(command);
  return match !== null && (match[1] ?? match[2]) === verb;
}

export async function handleCommandButton(
  ctx: TurnContext,
  value: AdaptiveCardInvokeValue,
  app: TeamsContext,
): Promise<AdaptiveCardInvokeResponse> {
  const { verb, data } = value.action;
  const command = typeof data?.value === "string" ? data.value.trim() : "";
  if (!ownCommand(verb, command)) return badRequest(`This ${verb} button does not carry a ${verb} command.`);
  if (!(await firstDelivery(app, deliveryKey("invoke", ctx.activity))))
    return noticeResponse("Switchboard already handled this click.", "info");
  const caller = callerOf(ctx.activity);
  if (!caller)
    return noticeResponse(
      "Switchboard could not tell who clicked: no Microsoft Entra user and tenant came with it.",
      "error",
    );
  const message = clickedMessage(ctx);
  let answered = false;
  const work = app.tasks.run(async () => {
    const result = await app.dispatcher.dispatch(
      teamsInvocation(command, caller, ctx.activity, teamsEmailLookup(ctx, app.logger)),
      {
        progress: async (update) => {
          if (answered && message) await app.outbox.update(message, renderCard(update), summaryOf(update));
        },
      },
    );
    const card = renderCard(result);
    // A plan's card becomes its result; an alert's card stays the alert (the alert edits it itself).
    const replaces = verb === "confirm" || verb === "cancel";
    if (replaces && result.visibility === "channel" && message)
      await app.outbox.update(message, card, summaryOf(result));
    return card;
  });
  const settled = await within(work, app.answerWithinMs);
  if (settled.done)
    return settled.value
      ? cardResponse(settled.value)
      : noticeResponse("Switchboard could not finish this.", "error");
  answered = true;
  return noticeResponse(`${caller.displayName} chose ${verb}; Switchboard is working on it…`, "info");
}
