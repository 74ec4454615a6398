/**
 * Slack deliveries as raw form bodies, to sign and post to any replica: a slash command, and a
 * button click on a message the app posted (as recorded by the Slack stand-in).
 */
import type { Recorded } from "../../support/recording-server.js";
import { commandBody, interactionBody } from "../../support/slack-sign.js";

export interface SlackUser {
  team: string;
  id: string;
  name: string;
}

let sequence = 0;
const next = () => `${Date.now()}.${++sequence}`;

export function slashCommand(text: string, as: SlackUser, responseUrl: string): string {
  return commandBody({
    token: "deprecated-verification-token",
    team_id: as.team,
    team_domain: "north",
    channel_id: "C1",
    channel_name: "ops",
    user_id: as.id,
    user_name: as.name,
    command: "/campaign",
    text,
    api_app_id: "A1",
    response_url: responseUrl,
    trigger_id: `trig.${next()}`,
  });
}

/** A click on `actionId` of `message` (a recorded chat.postMessage), with its own action_ts. */
export function buttonClick(actionId: string, message: Recorded, as: SlackUser, responseUrl: string): string {
  const channel = String(message.body.channel);
  const blocks = message.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
  const button = blocks
    .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
    .find((e) => e.action_id === actionId);
  if (!button) throw new Error(`the message has no ${actionId} button`);
  const ts = (message.answer?.json as { ts?: string } | undefined)?.ts ?? "";
  return interactionBody({
    type: "block_actions",
    team: { id: as.team, domain: "north" },
    user: { id: as.id, username: as.name, name: as.name, team_id: as.team },
    api_app_id: "A1",
    token: "deprecated-verification-token",
    trigger_id: `trig.${next()}`,
    response_url: responseUrl,
    channel: { id: channel, name: "ops" },
    container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: false },
    message: { type: "message", ts, text: message.body.text, blocks: message.body.blocks },
    actions: [
      {
        type: "button",
        action_id: actionId,
        block_id: "b1",
        value: button.value,
        text: { type: "plain_text", text: actionId },
        action_ts: next(),
      },
    ],
  });
}
