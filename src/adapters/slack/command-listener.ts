/**
 * The slash command. Slack waits 3 s for the acknowledgement, so the listener acks before any real
 * work: a command line that does not parse is answered in the ack itself (ephemeral), and everything
 * else continues after it, answering through the response_url or the channel. Nothing slow (Genesys,
 * the database) runs before the ack.
 */
import type { App } from "@slack/bolt";
import { approvalRequestId } from "../../core/approvals/approval-views.js";
import { typedDecision } from "../shared/typed-decision.js";
import { settleDecision } from "./approval-listeners.js";
import { formatMessageRef } from "./approval-messages.js";
import { renderReply } from "./block-kit.js";
import { commandKey, firstDelivery } from "./delivery-keys.js";
import { slackInvocation } from "./invocation.js";
import { orgLinkRequest, startOrgLink } from "./org-link-modal.js";
import { ReplySink } from "./reply-sink.js";
import type { SlackContext } from "./slack-context.js";
import { slackEmailLookup } from "./verified-email.js";

export function registerCommand(app: App, ctx: SlackContext, name: string): void {
  app.command(name, async ({ command, ack, respond, client }) => {
    const link = orgLinkRequest(command.text);
    if (link) {
      await startOrgLink(ctx, { command, ack, client, slug: link.slug });
      return;
    }
    const invalid = ctx.dispatcher.validate(command.text);
    await (invalid ? ack({ response_type: "ephemeral", ...renderReply(invalid) }) : ack());
    ctx.tasks.run(async () => {
      if (!(await firstDelivery(ctx, commandKey(command.team_id, command.trigger_id)))) return;
      const invocation = slackInvocation(
        command.text,
        {
          teamId: command.team_id,
          userId: command.user_id,
          userName: command.user_name,
          channelId: command.channel_id,
          channelName: command.channel_name,
        },
        slackEmailLookup(client, command.user_id, ctx.logger),
      );
      if (invalid) {
        // The ack already answered; dispatching anyway records the failed command in the audit log
        // like every other surface does (it fails at the same parse step, touching nothing).
        await ctx.dispatcher.dispatch(invocation);
        return;
      }
      const sink = new ReplySink({
        client,
        channel: command.channel_id,
        respond,
        user: command.user_id,
        logger: ctx.logger,
      });
      const result = await ctx.dispatcher.dispatch(invocation, { progress: sink.progress });
      const decided = typedDecision(ctx.dispatcher.parser, command.text);
      if (decided) {
        await settleDecision(ctx, { id: decided, result, sink, confirmToCaller: true });
        return;
      }
      const posted = await sink.final(result);
      const requestId = approvalRequestId(result);
      if (requestId && posted) {
        // Lets a decision typed anywhere later update this message in place.
        await ctx.services.approvals
          .setMessageRef(requestId, formatMessageRef(posted))
          .catch((e: unknown) =>
            ctx.logger.warn(
              { approvalId: requestId, err: e instanceof Error ? e.name : "error" },
              "approval message not recorded: a typed decision will not update it",
            ),
          );
      }
    });
  });
}
