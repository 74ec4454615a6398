/**
 * Keys that identify one Teams delivery, for DeliveryDedupe. The Bot Connector retries a POST it
 * believes failed with the same activity, same id; these keys come from the activity, so they match
 * across retries and replicas. Activity ids are unique within a conversation only, hence the
 * conversation in the key (hashed: Teams conversation ids run to hundreds of characters).
 */
import { createHash } from "node:crypto";
import type { Logger } from "../../core/kernel/logger.js";
import type { DeliveryDedupe } from "../../core/ports/delivery-dedupe.js";

export function deliveryKey(
  kind: "message" | "invoke",
  activity: { id?: string; conversation?: { id?: string } },
): string | undefined {
  if (!activity.id) return undefined;
  const conversation = createHash("sha256")
    .update(activity.conversation?.id ?? "")
    .digest("base64url")
    .slice(0, 22);
  return `teams:${kind}:${conversation}:${activity.id.slice(0, 200)}`;
}

/**
 * Claims a delivery: false when it was handled before (skip it). Without an activity id there is
 * nothing to recognise a retry by, so it goes ahead. If the database cannot say, it goes ahead too:
 * the command will meet the same outage and say so, whereas skipping would leave no answer at all.
 */
export async function firstDelivery(
  ctx: { dedupe: DeliveryDedupe; logger: Logger },
  key: string | undefined,
): Promise<boolean> {
  if (!key) return true;
  try {
    return await ctx.dedupe.claim(key);
  } catch (e) {
    ctx.logger.warn(
      { err: e instanceof Error ? e.name : "error" },
      "delivery dedupe unavailable; handling it",
    );
    return true;
  }
}
