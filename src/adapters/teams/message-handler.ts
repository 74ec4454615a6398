/**
 * A message to the bot: `campaign <command>` after its @mention in a channel, or the command alone in
 * a personal chat. A retried delivery (same activity) is dropped. A line that does not parse is
 * answered at once; anything else runs while the turn waits up to `answerWithinMs`: a quick answer
 * is the reply itself; slower work replies with its first progress update, or "working on it", and
 * edits that message until the final reply.
 */
import type { TurnContext } from "botbuilder";
import { approvalRequestId, currentView } from "../../core/approvals/approval-views.js";
import type { Invocation } from "../../core/kernel/invocation.js";
import type { Reply } from "../../core/kernel/reply.js";
import { typedDecision } from "../shared/typed-decision.js";
import { type AdaptiveCard, noticeCard, renderCard, summaryOf } from "./adaptive-card.js";
import { approvalCard } from "./approval-cards.js";
import { settleDecision } from "./card-actions.js";
import { within } from "./deadline.js";
import { deliveryKey, firstDelivery } from "./delivery-keys.js";
import { callerOf, commandText, teamsInvocation } from "./invocation.js";
import { LiveReply } from "./live-reply.js";
import { formatMessageRef } from "./outbox.js";
import type { TeamsContext } from "./teams-context.js";
import { teamsEmailLookup } from "./verified-email.js";

export async function handleMessage(ctx: TurnContext, app: TeamsContext): Promise<void> {
  if (!(await firstDelivery(app, deliveryKey("message", ctx.activity)))) return;
  const live = new LiveReply(ctx, app.outbox);
  const caller = callerOf(ctx.activity);
  if (!caller) {
    const text =
      "Switchboard could not tell who you are: this message came without a Microsoft Entra user and tenant.";
    await live.final(noticeCard(text, "error"), text);
    return;
  }
  const text = commandText(ctx.activity);
  const invocation = teamsInvocation(text, caller, ctx.activity, teamsEmailLookup(ctx, app.logger));
  const invalid = app.dispatcher.validate(text);
  if (invalid) {
    await live.final(renderCard(invalid), summaryOf(invalid));
    // Answered; dispatching anyway records the failed command in the audit log like every other
    // surface does (it fails at the same parse step, touching nothing).
    void app.tasks.run(() => app.dispatcher.dispatch(invocation));
    return;
  }
  const work = app.tasks.run(() => run(app, invocation, live));
  // The turn ends with the answer, the first progress update, or, after answerWithinMs, a notice.
  await within(Promise.race([work, live.firstShown]), app.answerWithinMs);
  await live.working(noticeCard(`Working on it: ${text || "help"}…`), "Working on it…");
  await live.firstShown;
  live.endTurn();
}

async function run(app: TeamsContext, invocation: Invocation, live: LiveReply): Promise<void> {
  try {
    const result = await app.dispatcher.dispatch(invocation, { progress: live.progress });
    const decided = typedDecision(app.dispatcher.parser, invocation.text);
    if (decided) {
      // The request's own card changes for everyone; the typist gets the command's answer here.
      await settleDecision(app, { id: decided, result });
      await live.final(renderCard(result), summaryOf(result));
      return;
    }
    const requestId = approvalRequestId(result);
    const posted = await live.final(await cardFor(app, result, requestId), summaryOf(result));
    if (requestId && posted) {
      // Lets a decision typed anywhere later update this card in place.
      await app.services.approvals
        .setMessageRef(requestId, formatMessageRef(posted))
        .catch((e: unknown) =>
          app.logger.warn(
            { approvalId: requestId, err: e instanceof Error ? e.name : "error" },
            "approval card not recorded: a typed decision will not update it",
          ),
        );
    }
  } catch (e) {
    const text =
      "Switchboard could not finish this; nothing more will happen. Try again, or ask an admin to check the logs.";
    await live.final(noticeCard(text, "error"), text);
    throw e;
  }
}

/** An approval request becomes its interactive card; every other reply renders as it is. */
async function cardFor(
  app: TeamsContext,
  result: Reply,
  requestId: string | undefined,
): Promise<AdaptiveCard> {
  const request = requestId ? await app.services.approvals.get(requestId) : null;
  if (!request) return renderCard(result);
  return approvalCard(currentView(request, app.services.clock.now()), request.id);
}
