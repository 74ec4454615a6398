/**
 * The bot's turn logic, on botbuilder's ActivityHandler: messages run commands; Action.Execute
 * invokes (`adaptiveCard/action`) decide approvals or press a command button (Confirm / Cancel).
 * Everything else Teams sends (members added, reactions, typing) needs no answer beyond the HTTP 200.
 */
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from "botbuilder";
import { handleCardAction } from "./card-actions.js";
import { noticeResponse } from "./card-responses.js";
import { COMMAND_BUTTONS, handleCommandButton } from "./command-buttons.js";
import { handleMessage } from "./message-handler.js";
import { handlePageButton, PAGE_VERBS } from "./page-buttons.js";
import type { TeamsContext } from "./teams-context.js";

export class SwitchboardBot extends ActivityHandler {
  constructor(private readonly app: TeamsContext) {
    super();
    this.onMessage(async (ctx, next) => {
      await handleMessage(ctx, app);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      if (COMMAND_BUTTONS.has(value.action.verb)) return await handleCommandButton(ctx, value, this.app);
      if (PAGE_VERBS.has(value.action.verb)) return await handlePageButton(ctx, value, this.app);
      return await handleCardAction(ctx, value, this.app);
    } catch (e) {
      // The invoke must still be answered with a card, or Teams shows its own vague error.
      this.app.logger.error({ err: e instanceof Error ? e.name : String(e) }, "teams card action failed");
      return noticeResponse(
        "Switchboard could not handle that click. Try again, or type the command instead.",
        "error",
      );
    }
  }
}
