/**
 * Teams' side of automap: the sender's email (or, without one, their UPN) from the conversation's
 * roster, as TeamsInfo.getMember reads it — the team's roster in a channel, the chat's otherwise.
 * Entra signs people in with that address; a guest's `…#EXT#@…` UPN is not theirs and is refused.
 *
 * The connector client and ids are taken while the turn runs: botbuilder revokes the TurnContext
 * when the turn ends, and slow work may reach automap after Teams got its answer.
 */
import type { TurnContext } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import type { VerifiedEmailLookup } from "../../core/kernel/invocation.js";
import type { Logger } from "../../core/kernel/logger.js";
import { describeTeamsFailure } from "./teams-call.js";

export function teamsEmailLookup(ctx: TurnContext, logger: Logger): VerifiedEmailLookup | undefined {
  const activity = ctx.activity;
  const aadObjectId = activity.from?.aadObjectId;
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team;
  const rosterId = typeof team?.id === "string" ? team.id : activity.conversation?.id;
  const connector = ctx.turnState.get<ConnectorClient | undefined>(ctx.adapter.ConnectorClientKey);
  if (!aadObjectId || !rosterId || !connector) return undefined;
  return {
    async verifiedEmail() {
      let member: { email?: string; userPrincipalName?: string };
      try {
        // A TeamsChannelAccount on Teams: the SDK types it as the base ChannelAccount.
        member = (await connector.conversations.getConversationMember(
          rosterId,
          aadObjectId,
        )) as typeof member;
      } catch (e) {
        const failure = describeTeamsFailure(e);
        logger.warn({ teamsCall: "getMember", ...failure }, "teams call failed");
        return { email: null, why: `Teams did not return your roster entry (${failure.error})` };
      }
      const email = member.email?.trim() || member.userPrincipalName?.trim();
      if (!email?.includes("@")) {
        return { email: null, why: "Teams' roster shows no email address or UPN for you" };
      }
      if (email.includes("#EXT#")) {
        return { email: null, why: `your Teams account is a guest account (${email}), not a mailbox` };
      }
      return { email };
    },
  };
}
