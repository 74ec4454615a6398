import type { Invocation } from "../../core/invocation.js";
import type { ChatIdentity } from "../../core/ports.js";

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
 * A Slack request reduced to what the core needs. The text is passed as typed: a leading
 * `/campaign` or `campaign` is the dispatcher's to ignore.
 */
export function slackInvocation(text: string, caller: SlackCaller): Invocation {
  return {
    text,
    actor: { id: slackIdentity(caller.teamId, caller.userId), displayName: caller.userName || caller.userId },
    channel: { id: caller.channelId, ...(caller.channelName ? { name: caller.channelName } : {}) },
    platform: "slack",
  };
}
