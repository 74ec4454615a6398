/**
 * A Teams activity reduced to what the core needs. Teams puts the bot's @mention in the text of
 * channel messages (`<at>Switchboard</at> campaign list acme`); it is stripped here, and a leading
 * `campaign` or `/campaign` is the core parser's to ignore (core/dispatch/command-line.ts), so a
 * channel message, a personal chat and a Slack slash command read the same.
 */
import { type Activity, TurnContext } from "botbuilder";
import type { Invocation, VerifiedEmailLookup } from "../../core/kernel/invocation.js";
import type { ChatIdentity } from "../../core/kernel/model.js";
import { restoreLookAlikes } from "./card-text.js";
import { teamsPeople } from "./people.js";

/**
 * `teams:<tenant id>:<AAD object id>`, lower-case: Teams and Entra show GUIDs in either case, and an
 * identity must match the mapping an admin typed whichever way it was copied.
 */
function teamsIdentity(tenantId: string, aadObjectId: string): ChatIdentity {
  return `teams:${tenantId.toLowerCase()}:${aadObjectId.toLowerCase()}`;
}

export interface TeamsCaller {
  identity: ChatIdentity;
  displayName: string;
}

/**
 * Who sent the activity. Undefined when it carries no tenant or AAD object id (not Teams, or an
 * anonymous guest): such a sender cannot be mapped to anyone, so nothing should run as them.
 */
export function callerOf(activity: Activity): TeamsCaller | undefined {
  const tenantId = activity.conversation?.tenantId ?? tenantOfChannelData(activity.channelData);
  const aadObjectId = activity.from?.aadObjectId;
  if (!tenantId || !aadObjectId) return undefined;
  const identity = teamsIdentity(tenantId, aadObjectId);
  // Remembered so cards can name this person wherever their identity appears (audit, approvals).
  if (activity.from.name) teamsPeople.remember(identity, activity.from.name, activity.from.id);
  return { identity, displayName: activity.from.name || aadObjectId };
}

/** The command line the user typed: the bot's mention removed, HTML entities Teams adds decoded. */
export function commandText(activity: Activity): string {
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? "";
  return restoreLookAlikes(decodeEntities(text.replace(/<at>[^<]*<\/at>/g, " "))).trim();
}

export function teamsInvocation(
  text: string,
  caller: TeamsCaller,
  activity: Activity,
  email?: VerifiedEmailLookup,
): Invocation {
  const channelName = channelNameOf(activity.channelData);
  return {
    text,
    actor: { id: caller.identity, displayName: caller.displayName },
    // A channel post's reply chain (`…;messageid=…`) is still that channel: watches, mutes and the
    // audit name the channel, so an alert's card clicked in its own reply chain finds its watch.
    channel: {
      id: activity.conversation.id.split(";messageid=")[0] ?? activity.conversation.id,
      ...(channelName ? { name: channelName } : {}),
    },
    platform: "teams",
    ...(email ? { email } : {}),
  };
}

function tenantOfChannelData(data: unknown): string | undefined {
  const tenant = recordOf(data)?.tenant;
  const id = recordOf(tenant)?.id;
  return typeof id === "string" && id ? id : undefined;
}

function channelNameOf(data: unknown): string | undefined {
  const name = recordOf(recordOf(data)?.channel)?.name;
  return typeof name === "string" && name ? name : undefined;
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

const ENTITIES: Record<string, string> = {
  "&nbsp;": " ",
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (entity) => ENTITIES[entity] ?? entity);
}
