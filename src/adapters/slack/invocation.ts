import type { Invocation, VerifiedEmailLookup } from "../../core/kernel/invocation.js";
import type { ChatIdentity } from "../../core/kernel/model.js";
import { restoreLookAlikes } from "./mrkdwn.js";

/** `slack:<team_id>:<user_id>`: user ids are unique per workspace only, so the team is part of it. */
export function slackIdentity(teamId: string, userId: string): ChatIdentity {
  return `slack:${teamId}:${userId}`;
}

export interface SlackCaller {
  teamId: string;
  userId: string;
  /** Slack's handle for the user; the id when Slack sent none. */
  userName?: string;
  channelId: string;
  channelName?: string;
}

/**
 * A Slack request reduced to what the core needs. The text is passed as typed (a leading `/campaign`
 * or `campaign` is the dispatcher's to ignore), except that the look-alikes our messages show for
 * `*`, `_`, `~` and backticks are turned back, so a name copied from a message still resolves.
 *
 * The display name is the Slack identity itself: every message renders it as a mention, which Slack
 * shows as the person's current name and which notifies them (requesters learn of decisions, the
 * people named in a request are pinged). Plain-text places (logs, audit) keep the stable id.
 */
export function slackInvocation(text: string, caller: SlackCaller, email?: VerifiedEmailLookup): Invocation {
  const id = slackIdentity(caller.teamId, caller.userId);
  return {
    text: restoreLookAlikes(text),
    actor: { id, displayName: id },
    channel: { id: caller.channelId, ...(caller.channelName ? { name: caller.channelName } : {}) },
    platform: "slack",
    ...(email ? { email } : {}),
  };
}
