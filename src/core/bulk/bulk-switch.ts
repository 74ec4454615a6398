/**
 * `pause|resume <org> --all`, `--match GLOB`, `--orgs a,b`: plan, show, then act once confirmed or
 * approved. Re-running the same command while an earlier run of it is unfinished (its process
 * crashed or was stopped mid-way) continues that job instead of planning anew, so a campaign that
 * may be in flight is never switched twice; once it is finished, a re-run plans afresh (campaigns
 * already switched show as already done).
 */
import type { SwitchAction } from "../campaigns/switch-campaign.js";
import type { CommandContext } from "../command.js";
import { resolveRule } from "../policy/policy.js";
import type { Reply } from "../reply.js";
import { requestedBy } from "../requested.js";
import { atText } from "../schedule/schedule-resume.js";
import { launchJob } from "./launch-job.js";
import { jobTitle, runJob } from "./run-job.js";
import { selectCampaigns } from "./select-campaigns.js";
import type { Selection } from "./selector.js";
import { pausesToUndo, undoSelectorText } from "./undo-pause.js";

/** How far back a re-run looks for the unfinished job it continues. */
const CONTINUE_WITHIN_MS = 24 * 3_600_000;

export interface BulkOptions {
  reason: string | undefined;
  yes: boolean;
  forMs: number | undefined;
}

export async function bulkSwitch(
  ctx: CommandContext,
  action: SwitchAction,
  typed: Extract<Selection, { kind: "bulk" }>,
  options: BulkOptions,
): Promise<Reply> {
  // A bulk resume undoes a bulk pause: only what that pause stopped is planned to start again.
  const undo = action === "resume" ? await pausesToUndo(ctx.services, typed) : undefined;
  const selection = undo?.selection ?? typed;
  const fingerprint = [action, [...selection.orgs].sort().join(","), selection.text.toLowerCase()].join("|");
  const continued = await continueUnfinished(ctx, fingerprint);
  if (continued) return continued;
  const selected = await selectCampaigns(ctx.services, requestedBy(ctx.invocation), {
    selection,
    action,
    reason: options.reason,
    undo: undo?.byOrg,
  });
  const { plans } = selected;
  const notes = [...(undo?.notes ?? []), ...selected.notes];
  const policy = ctx.services.policy.current();
  return launchJob(
    ctx.services,
    requestedBy(ctx.invocation),
    {
      action,
      plans,
      notes,
      selector: undo ? undoSelectorText(undo) : selection.text,
      fingerprint,
      intro: undo?.intro,
      reason: options.reason,
      yes: options.yes,
      resumeAfterMs: options.forMs ?? null,
      rule: (slug) => resolveRule(policy, slug, action, { bulk: true }),
    },
    ctx.progress,
  );
}

/** The caller's confirmed job for the same command with items never finished, run to its end. */
async function continueUnfinished(ctx: CommandContext, fingerprint: string): Promise<Reply | undefined> {
  const { services, invocation } = ctx;
  const now = services.clock.now();
  const since = new Date(now.getTime() - CONTINUE_WITHIN_MS);
  const job = await services.bulk.latest(invocation.actor.id, fingerprint, since);
  const open = (i: { approvalId: string | null; status: string }) =>
    i.approvalId === null && (i.status === "pending" || i.status === "running");
  if (job?.confirmation !== "confirmed" || !job.items.some(open)) return undefined;
  const { reply } = await runJob(ctx, job, {
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
