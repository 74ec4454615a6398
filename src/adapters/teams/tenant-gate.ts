/**
 * A SingleTenant bot serves one Microsoft Entra tenant. The Bot Connector's token proves the activity
 * came through the Bot Connector for this app, not from which tenant: without this check, anyone who
 * can reach the bot from another tenant would be a Teams user of ours (issue 11 row 13). Every
 * tenant the activity names must be ours; an activity that names none is refused too.
 */
import type { Activity } from "botbuilder";

function tenantsOf(activity: Partial<Activity>): string[] {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  return [activity.conversation?.tenantId, channelData?.tenant?.id]
    .filter((t): t is string => typeof t === "string" && t !== "")
    .map((t) => t.toLowerCase());
}

/** Null when the activity is from `tenantId`; otherwise what to log (never the activity's text). */
export function foreignTenant(activity: Partial<Activity>, tenantId: string): string[] | null {
  const named = tenantsOf(activity);
  const ours = tenantId.toLowerCase();
  return named.length > 0 && named.every((t) => t === ours) ? null : named;
}
