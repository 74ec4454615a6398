/**
 * Buttons that stand for a command the clicker could type: Confirm / Cancel on a bulk plan
 * (`confirm <job>`, `cancel <job>`). The click runs that command as the clicking user, so every rule
 * (only the requester confirms, exactly once) is the core's. Progress and the result replace the
 * plan's message in place, so its buttons go away once used; refusals go to the clicker alone.
 * `list`'s Next page button shows the next page the same way.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { Reply } from "../../core/kernel/reply.js";
import { renderReply } from "./block-kit.js";
import { actionKey, firstDelivery } from "./delivery-keys.js";
import { slackInvocation } from "./invocation.js";
import { type MessageRef, ReplySink } from "./reply-sink.js";
import type { SlackContext } from "./slack-context.js";
import { slackEmailLookup } from "./verified-email.js";

/** Button ids whose click runs `<id> <value>` (list: its Next page; alerts: Resume, Why, Mute). */
const COMMAND_BUTTONS = ["confirm", "cancel", "list", "resume", "why", "mute"] as const;

export function registerCommandButtons(app: App, ctx: SlackContext): void {
  registerPageButtons(app, ctx);
  for (const verb of COMMAND_BUTTONS) {
    app.action<BlockAction<ButtonAction>>(verb, async ({ ack, body, action, client, respond }) => {
      await ack();
      ctx.tasks.run(async () => {
        const teamId = body.team?.id ?? body.user.team_id ?? "";
        if (!(await firstDelivery(ctx, actionKey(teamId, body.user.id, action.action_id, action.action_ts))))
          return;
        const channel = body.channel?.id ?? body.container?.channel_id ?? "";
        const sink = new ReplySink({ client, channel, respond, user: body.user.id, logger: ctx.logger });
        const message = messageOf(body);
        // A plan's buttons become its result; an alert keeps its message (the alert edits it itself).
        const replaces = verb === "confirm" || verb === "cancel";
        const inPlace = async (r: Reply) =>
          replaces && message !== undefined && (await sink.update(message, renderReply(r)));
        const result = await ctx.dispatcher.dispatch(
          slackInvocation(
            `${verb} ${action.value ?? ""}`,
            {
              teamId,
              userId: body.user.id,
              userName: body.user.username ?? body.user.name,
              channelId: channel,
            },
            slackEmailLookup(client, body.user.id, ctx.logger),
          ),
          { progress: async (update) => void ((await inPlace(update)) || (await sink.progress(update))) },
        );
        if (result.visibility !== "channel") await sink.ephemeral(result);
        else if (!(await inPlace(result))) await sink.final(result);
      });
    });
  }
}

/** Previous/Next on a long plan or approval request: their value is the whole command (`bulk plan B7K2QX --page 2`). */
const PAGE_BUTTONS = ["page-previous", "page-next"] as const;
const PAGE_COMMAND = /^(bulk plan|approval show) [0-9A-Za-z]{1,16} --page \d{1,5}$/;

/**
 * A page button shows the page to whoever clicked, in place of the message when the page may go to
 * the channel (the plan's own buttons move with it: Confirm comes with the last page).
 */
function registerPageButtons(app: App, ctx: SlackContext): void {
  for (const id of PAGE_BUTTONS) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, body, action, client, respond }) => {
      await ack();
      ctx.tasks.run(async () => {
        const command = (action.value ?? "").trim();
        if (!PAGE_COMMAND.test(command)) return;
        const teamId = body.team?.id ?? body.user.team_id ?? "";
        const channel = body.channel?.id ?? body.container?.channel_id ?? "";
        const sink = new ReplySink({ client, channel, respond, user: body.user.id, logger: ctx.logger });
        const result = await ctx.dispatcher.dispatch(
          slackInvocation(command, {
            teamId,
            userId: body.user.id,
            userName: body.user.username ?? body.user.name,
            channelId: channel,
          }),
          { progress: async () => {} },
        );
        const message = messageOf(body);
        const inPlace = result.visibility === "channel" && result.ok && message !== undefined;
        if (!(inPlace && (await sink.update(message, renderReply(result))))) await sink.ephemeral(result);
      });
    });
  }
}

function messageOf(body: BlockAction): MessageRef | undefined {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  return typeof channel === "string" && typeof ts === "string" ? { channel, ts } : undefined;
}
