/**
 * `pause … --for 45m`: after the pause succeeded, the resume is recorded as a scheduled action (one
 * per org) and the channel is told when it will run and how to cancel it. Audited.
 */

import { utcText } from "../kernel/format.js";
import type { Block } from "../kernel/reply.js";
import type { Requested } from "../kernel/requested.js";
import { resolveRule } from "../policy/policy.js";
import type { ScheduledAction, ScheduledTarget } from "../ports/schedule-store.js";
import type { CoreServices } from "../services.js";

export interface ResumeGroup {
  orgSlug: string;
  targets: ScheduledTarget[];
}

export async function scheduleResumes(
  services: CoreServices,
  requested: Requested,
  groups: ResumeGroup[],
  forMs: number,
  options: { reason: string | null; bulkJobId?: string },
): Promise<Block[]> {
  const now = services.clock.now();
  const dueAt = new Date(now.getTime() + forMs);
  const blocks: Block[] = [];
  for (const group of groups) {
    if (group.targets.length === 0) continue;
    const scheduled = await services.schedules.create({
      action: "resume",
      orgSlug: group.orgSlug,
      targets: group.targets,
      requester: requested.requester,
      requesterName: requested.requesterName,
      reason: options.reason,
      platform: requested.platform,
      channel: requested.channel,
      dueAt,
      bulkJobId: options.bulkJobId ?? null,
    });
    await services.audit.append({
      actor: requested.requester,
      platform: requested.platform,
      channel: requested.channel,
      orgSlug: group.orgSlug,
      action: "schedule resume",
      target: group.targets.length === 1 ? (group.targets[0]?.campaignId ?? null) : null,
      targetName: namesOf(scheduled),
      reason: options.reason,
      outcome: "success",
      detail: { scheduleId: scheduled.id, dueAt: dueAt.toISOString(), bulkJobId: options.bulkJobId ?? null },
    });
    const rule = resolveRule(services.policy.current(), group.orgSlug, "resume", {
      bulk: options.bulkJobId !== undefined,
    });
    const approval =
      rule.approval === "required"
        ? services.settings.oneShot
          ? " Resuming needs approval, so at that time an approval request is filed."
          : " Resuming needs approval, so at that time an approval request is filed here."
        : "";
    // One-shot exec runs no scheduler: say what will run it instead of implying this process does.
    const runner = services.settings.oneShot
      ? " This command exits now: a running `switchboard serve` (or an open `switchboard shell`) on this database runs it when due."
      : "";
    blocks.push({
      type: "text",
      tone: "info",
      text: `${namesOf(scheduled)} in ${group.orgSlug} will resume at ${atText(dueAt, now)}, schedule id ${scheduled.id}.${approval}${runner}`,
    });
    blocks.push({ type: "hint", text: "Cancel it with:", command: `schedule cancel ${scheduled.id}` });
  }
  return blocks;
}

/** `Spring Promo`, or `12 campaigns` when there are more than three. */
export function namesOf(action: Pick<ScheduledAction, "targets">): string {
  const names = action.targets.map((t) => t.campaignName);
  return names.length <= 3 ? names.join(", ") : `${names.length} campaigns`;
}

/** `14:05 UTC` today, else `2026-11-23 14:05 UTC`. */
export function atText(at: Date, now: Date): string {
  return utcText(at, now);
}
