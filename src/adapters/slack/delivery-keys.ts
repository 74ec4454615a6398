/**
 * Keys that identify one Slack delivery, for DeliveryDedupe. Slack redelivers what it believes was
 * not acknowledged (`x-slack-retry-num`) with the same payload; these keys come from the payload, not
 * the transport, so they match across retries, replicas, and HTTP or Socket Mode alike. A user's two
 * clicks are two deliveries (distinct `action_ts`): deciding a request once is the approval store's job.
 */

import type { Logger } from "../../core/kernel/logger.js";
import type { DeliveryDedupe } from "../../core/ports/delivery-dedupe.js";

/** A slash command: Slack mints one trigger_id per invocation. */
export function commandKey(teamId: string, triggerId: string): string {
  return `slack:command:${teamId}:${triggerId}`;
}

/** One button click. */
export function actionKey(teamId: string, userId: string, actionId: string, actionTs: string): string {
  return `slack:action:${teamId}:${userId}:${actionId}:${actionTs}`;
}

/** One modal submission (each submission has its own trigger_id). */
export function viewKey(teamId: string, viewId: string, triggerId: string): string {
  return `slack:view:${teamId}:${viewId}:${triggerId}`;
}

/**
 * Claims a delivery: false when it was handled before (skip it). If the database cannot say, the
 * delivery goes ahead: the command will meet the same outage and tell the user so, whereas skipping
 * would leave them with no answer at all; nothing can run twice while the database is down.
 */
export async function firstDelivery(
  ctx: { dedupe: DeliveryDedupe; logger: Logger },
  key: string,
): Promise<boolean> {
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
