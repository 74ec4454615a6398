/**
 * `pause|resume <org> --all`, `--match GLOB`, `--orgs a,b`: plan, show, then act once confirmed or
 * approved. Re-running the same command while an earlier run of it is unfinished (its process
 * crashed or was stopped mid-way) continues that job instead of planning anew, so a campaign that
 * may be in flight is never switched twice; once it is finished, a re-run plans afresh (campaigns
 * already switched show as already done).
 */
import type { SwitchAction } from "../campaigns/switch-campaign.js";
import type { Reply } from "../kernel/reply.js";
import type { Progress, Requested } from "../kernel/requested.js";
import { resolveRule } from "../policy/policy.js";
import { atText } from "../schedule/schedule-resume.js";
import type { CoreServices } from "../services.js";
import { launchJob } from "./launch-job.js";
import { jobTitle, runJob } from "./run-job.js";
import { selectCampaigns } from "./select-campaigns.js";
import type { Selection } from "./selector.js";
import { pausesToUndo, undoSelectorText } from "./undo-pause.js";

/** How far back a re-run looks for the unfinished job it continues. */
const CONTINUE_WITHIN_MS = 24 * 3_600_000;

export interface BulkSwitchInput {
  action: SwitchAction;
  selection: Extract<Selection, { kind: "bulk" }>;
  reason: string | undefined;
  yes: boolean;
  forMs: number | undefined;
}

export async function bulkSwitch(
  services: CoreServices,
  requested: Requested,
  input: BulkSwitchInput,
  progress: Progress,
): Promise<Reply> {
  const { action, selection: typed } = input;
  // A bulk resume undoes a bulk pause: only what that pause stopped is planned to start again.
  const undo = action === "resume" ? await pausesToUndo(services, typed) : undefined;
  const selection = undo?.selection ?? typed;
  const fingerprint = [action, [...selection.orgs].sort().join(","), selection.text.toLowerCase()].join("|");
  const continued = await continueUnfinished(services, requested, fingerprint, progress);
  if (continued) return continued;
  const selected = await selectCampaigns(services, requested, {
    selection,
    action,
    reason: input.reason,
    undo: undo?.byOrg,
  });
  const { plans } = selected;
  const notes = [...(undo?.notes ?? []), ...selected.notes];
  const policy = services.policy.current();
  return launchJob(
    services,
    requested,
    {
      action,
      plans,
      notes,
      selector: undo ? undoSelectorText(undo) : selection.text,
      fingerprint,
      intro: undo?.intro,
      reason: input.reason,
      yes: input.yes,
      resumeAfterMs: input.forMs ?? null,
      rule: (slug) => resolveRule(policy, slug, action, { bulk: true }),
    },
    progress,
  );
}

/** The caller's confirmed job for the same command with items never finished, run to its end. */
async function continueUnfinished(
  services: CoreServices,
  requested: Requested,
  fingerprint: string,
  progress: Progress,
): Promise<Reply | undefined> {
  const now = services.clock.now();
  const since = new Date(now.getTime() - CONTINUE_WITHIN_MS);
  const job = await services.bulk.latest(requested.requester, fingerprint, since);
  const open = (i: { approvalId: string | null; status: string }) =>
    i.approvalId === null && (i.status === "pending" || i.status === "running");
  if (job?.confirmation !== "confirmed" || !job.items.some(open)) return undefined;
  const { reply } = await runJob({ services, progress }, job, {
    eligible: (i) => i.approvalId === null,
    retryFailed: true,
    title: `Continuing ${jobTitle(job)}`,
    before: [
      {
        type: "text",
        tone: "info",
        text: `Job ${job.id} (planned ${atText(job.createdAt, now)}) did not finish; this run finishes it as planned. Campaigns matched since are not included: run the command again afterwards to plan afresh.`,
      },
    ],
  });
  return reply;
}
