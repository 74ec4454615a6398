/**
 * Approve / Deny buttons and the deny-reason modal. A click is acknowledged at once; the decision
 * then runs as the clicking user through the same `approve <id>` / `deny <id> [reason]` commands
 * people can type, so every rule (no self-approval, approver permission, exactly once) is the core's.
 * The winner updates the request's message in place; refusals go to the clicker alone.
 */
import type { App, BlockAction, ButtonAction, ViewSubmitAction } from "@slack/bolt";
import { decidedLine } from "../../core/approvals/approval-reply.js";
import { quoteWord } from "../../core/dispatch/quote.js";
import { type Reply, reply } from "../../core/kernel/reply.js";
import { settlementOf } from "../shared/settlement.js";
import { parseMessageRef } from "./approval-messages.js";
import { renderReply } from "./block-kit.js";
import { actionKey, firstDelivery, viewKey } from "./delivery-keys.js";
import { slackInvocation } from "./invocation.js";
import { mrkdwn } from "./mrkdwn.js";
import { type MessageRef, ReplySink } from "./reply-sink.js";
import { requestIdOf } from "./request-button.js";
import { slackCall } from "./slack-call.js";
import type { SlackContext } from "./slack-context.js";

const DENY_MODAL = "deny_reason";
const REASON_BLOCK = "reason";
const REASON_MAX = 500;

export function registerApprovalListeners(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>("approve", async ({ ack, body, action, client, respond }) => {
    await ack();
    ctx.tasks.run(async () => {
      const teamId = teamOf(body);
      if (!(await firstDelivery(ctx, actionKey(teamId, body.user.id, action.action_id, action.action_ts))))
        return;
      const id = requestIdOf(action.value);
      const channel = body.channel?.id ?? body.container?.channel_id ?? "";
      const sink = new ReplySink({ client, channel, respond, user: body.user.id, logger: ctx.logger });
      const result = await ctx.dispatcher.dispatch(
        slackInvocation(`approve ${id}`, {
          teamId,
          userId: body.user.id,
          userName: body.user.username ?? body.user.name,
          channelId: channel,
        }),
      );
      await settleDecision(ctx, { id, result, sink, message: messageOf(body), clicked: true });
    });
  });

  app.action<BlockAction<ButtonAction>>("deny", async ({ ack, body, action, client, respond }) => {
    await ack();
    ctx.tasks.run(async () => {
      const teamId = teamOf(body);
      if (!(await firstDelivery(ctx, actionKey(teamId, body.user.id, action.action_id, action.action_ts))))
        return;
      const channel = body.channel?.id ?? body.container?.channel_id ?? "";
      const sink = new ReplySink({ client, channel, respond, user: body.user.id, logger: ctx.logger });
      const id = requestIdOf(action.value);
      const request = id ? await ctx.services.approvals.get(id) : null;
      if (request?.status !== "pending") {
        const text = request
          ? decidedLine(request, ctx.services.clock.now())
          : `There is no approval request ${id || "on this button"}.`;
        await sink.ephemeral(reply({ ok: false, tone: "warning", blocks: [{ type: "text", text }] }));
        return;
      }
      const message = messageOf(body);
      const opened = await slackCall(ctx.logger, "views.open", () =>
        client.views.open({
          trigger_id: body.trigger_id,
          view: denyModal(request.id, summary(request), { channel, ts: message?.ts ?? "" }),
        }),
      );
      if (!opened)
        await sink.ephemeral(
          reply({
            ok: false,
            tone: "warning",
            blocks: [
              { type: "text", text: "Slack did not open the form in time." },
              { type: "hint", text: "Type it instead:", command: `deny ${request.id} [reason]` },
            ],
          }),
        );
    });
  });

  app.view<ViewSubmitAction>(DENY_MODAL, async ({ ack, body, view, client }) => {
    await ack();
    ctx.tasks.run(async () => {
      const teamId = teamOf(body);
      if (!(await firstDelivery(ctx, viewKey(teamId, view.id, body.trigger_id)))) return;
      const meta = parseMeta(view.private_metadata);
      if (!meta) {
        ctx.logger.warn({ callbackId: DENY_MODAL }, "deny modal without its request; ignored");
        return;
      }
      const reason = (view.state.values[REASON_BLOCK]?.value?.value ?? "").trim().slice(0, REASON_MAX);
      const sink = new ReplySink({ client, channel: meta.channel, user: body.user.id, logger: ctx.logger });
      const result = await ctx.dispatcher.dispatch(
        slackInvocation(`deny ${meta.id}${reason ? ` ${quoteWord(reason)}` : ""}`, {
          teamId,
          userId: body.user.id,
          userName: body.user.name,
          channelId: meta.channel,
        }),
      );
      await settleDecision(ctx, {
        id: meta.id,
        result,
        sink,
        message: meta.ts ? { channel: meta.channel, ts: meta.ts } : undefined,
      });
    });
  });
}

/**
 * After `approve`/`deny` ran: a decision (or a vote) updates the request's message; a refusal goes
 * to the caller alone, and if it left the request dead (expired, void, failed) the message loses its
 * buttons too. `confirmToCaller`: a typed command also answers the caller, who may be elsewhere.
 */
export async function settleDecision(
  ctx: SlackContext,
  o: {
    id: string;
    result: Reply;
    sink: ReplySink;
    message?: MessageRef;
    /** The decision came from a button: its response_url can replace the message as a fallback. */
    clicked?: boolean;
    confirmToCaller?: boolean;
  },
): Promise<void> {
  const settled = await settlementOf(ctx.services, o.id, o.result);
  const target = o.message ?? parseMessageRef(settled.kind === "unknown" ? null : settled.request.messageRef);
  if (settled.kind === "decided") {
    const rendered = renderReply(settled.view);
    if (
      (target && (await o.sink.update(target, rendered))) ||
      (o.clicked && (await o.sink.replaceClicked(rendered)))
    ) {
      if (o.confirmToCaller) await o.sink.ephemeral(o.result);
      return;
    }
    await o.sink.final(o.result);
    return;
  }
  await o.sink.ephemeral(o.result);
  if (settled.kind === "refused" && settled.dead && target)
    await o.sink.update(target, renderReply(settled.dead));
}

function denyModal(id: string, what: string, where: MessageRef) {
  return {
    type: "modal" as const,
    callback_id: DENY_MODAL,
    private_metadata: JSON.stringify({ id, channel: where.channel, ts: where.ts }),
    title: { type: "plain_text" as const, text: "Deny request" },
    submit: { type: "plain_text" as const, text: "Deny" },
    close: { type: "plain_text" as const, text: "Cancel" },
    blocks: [
      { type: "section" as const, text: { type: "mrkdwn" as const, text: `Deny ${mrkdwn(what)}?` } },
      {
        type: "input" as const,
        block_id: REASON_BLOCK,
        optional: true,
        label: { type: "plain_text" as const, text: "Reason (optional, recorded in the audit log)" },
        element: {
          type: "plain_text_input" as const,
          action_id: "value",
          multiline: true,
          max_length: REASON_MAX,
        },
      },
    ],
  };
}

function summary(request: {
  id: string;
  action: string;
  orgSlug: string;
  requesterName: string;
  targets: { campaignName: string }[];
}): string {
  const names = request.targets.map((t) => t.campaignName);
  const what = names.length === 1 ? names[0] : `${names.length} campaigns`;
  return `request ${request.id}: ${request.action} ${what} in ${request.orgSlug}, asked by ${request.requesterName}`;
}

function parseMeta(text: string): { id: string; channel: string; ts: string } | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== "object" || v === null) return undefined;
    const { id, channel, ts } = v as Record<string, unknown>;
    if (typeof id !== "string" || typeof channel !== "string" || typeof ts !== "string") return undefined;
    return { id, channel, ts };
  } catch {
    return undefined;
  }
}

function teamOf(body: BlockAction | ViewSubmitAction): string {
  return body.team?.id ?? body.user.team_id ?? "";
}

function messageOf(body: BlockAction): MessageRef | undefined {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  return typeof channel === "string" && typeof ts === "string" ? { channel, ts } : undefined;
}
