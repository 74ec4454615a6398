/**
 * A due scheduled resume, run through the normal path as the person who scheduled it: their
 * permission is checked again now, in each campaign's division, and the resume policy applies as it
 * stands now. When resume needs approval (the default), an approval request is filed in the channel
 * instead of resuming: a pause scheduled as "for 45 minutes" must not bypass the four-eyes rule on
 * starting to dial. It runs as a bulk job either way (one campaign or many), so approval, per-campaign
 * results and exactly-once execution are the bulk job's. No one is waiting at a prompt, so a long
 * Genesys Retry-After on the reads is waited out within the retry budget instead of failing it.
 */
import { launchJob } from "../bulk/launch-job.js";
import { planItems } from "../bulk/plan-items.js";
import { requireIdentity } from "../campaigns/authorize-switch.js";
import { RateLimitBudget } from "../campaigns/rate-limit-wait.js";
import { resolveOrg } from "../campaigns/resolve-org.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { Campaign } from "../kernel/model.js";
import type { Reply } from "../kernel/reply.js";
import { asPlatform, type Requested } from "../kernel/requested.js";
import { resolveRule } from "../policy/policy.js";
import type { ScheduledAction } from "../ports/schedule-store.js";
import type { CoreServices } from "../services.js";
import { atText, namesOf } from "./schedule-resume.js";

export async function runScheduledResume(services: CoreServices, action: ScheduledAction): Promise<Reply> {
  const requested: Requested = {
    requester: action.requester,
    requesterName: action.requesterName,
    platform: asPlatform(action.platform),
    channel: action.channel,
  };
  const reason = `scheduled resume ${action.id}${action.reason ? ` (paused for: ${action.reason})` : ""}`;
  const org = await resolveOrg(services.orgs, action.orgSlug);
  const client = await services.genesys.forOrg(org);
  const budget = new RateLimitBudget(services.clock, services.settings.retryBudgetMs);
  const { campaigns, notes, items } = await budget.run(async () => {
    await requireIdentity(services, requested, {
      org,
      client,
      action: "resume",
      reason,
      refs: [namesOf(action)],
    });
    const campaigns: Campaign[] = [];
    const notes: string[] = [];
    for (const target of action.targets) {
      try {
        campaigns.push(await client.getCampaign(target.campaignId));
      } catch (e) {
        if (!isGenesysError(e) || e.status !== 404) throw e;
        notes.push(
          `${target.campaignName} no longer exists in ${org.slug} (or its client cannot see it): not resumed.`,
        );
      }
    }
    return {
      campaigns,
      notes,
      items: await planItems(services, requested, { org, client, campaigns, action: "resume", reason }),
    };
  });
  const rule = resolveRule(services.policy.current(), org.slug, "resume", {
    bulk: action.bulkJobId !== null,
  });
  const now = services.clock.now();
  const due = `Scheduled resume ${action.id} of ${namesOf(action)} in ${org.slug} (set by ${action.requesterName}, due ${atText(action.dueAt, now)})`;
  return launchJob(services, requested, {
    action: "resume",
    plans: campaigns.length ? [{ org, client, items }] : [],
    notes,
    selector: `schedule ${action.id}`,
    fingerprint: `schedule|${action.id}`,
    reason,
    yes: true,
    resumeAfterMs: null,
    rule: () => rule,
    intro: [
      {
        type: "text",
        tone: "info",
        text: rule.approval === "required" ? `${due} is due: approve to resume.` : `${due} is due: resuming.`,
      },
    ],
  });
}
