/**
 * One run of a bulk job, however it was started (`--yes`, `confirm`, an approval, a re-run, `bulk
 * continue`): execute what this run may take, schedule the resume of what it paused when the job
 * was asked `--for` a while, and answer with the per-campaign table.
 */

import { resolveOrg } from "../campaigns/resolve-org.js";
import { unseenDivisionsNote } from "../diagnosis/unseen-divisions.js";
import type { Block, Reply } from "../kernel/reply.js";
import type { BulkItem, BulkJob } from "../ports/bulk-store.js";
import { scheduleResumes } from "../schedule/schedule-resume.js";
import type { CoreServices } from "../services.js";
import { type ExecuteOptions, type ExecuteResult, executeJob, type JobRunner } from "./executor.js";
import { orgsOf, resultReply } from "./job-reply.js";

export interface RunOptions extends ExecuteOptions {
  title: string;
  /** Shown before the table (what this run is) and after the totals (pending approvals…). */
  before?: Block[];
  after?: Block[];
}

export async function runJob(
  runner: JobRunner,
  job: BulkJob,
  options: RunOptions,
): Promise<{ reply: Reply; result: ExecuteResult }> {
  const { services } = runner;
  const result = await executeJob(runner, job, options);
  const scheduled =
    job.action === "pause" && job.resumeAfterMs && result.changed.length
      ? await scheduleResumes(services, job, groupsOf(result.changed), job.resumeAfterMs, {
          reason: job.reason,
          bulkJobId: job.id,
        })
      : [];
  const reply = resultReply(result.job, {
    title: options.title,
    extra: [...scheduled, ...(options.after ?? [])],
    elapsedMs: result.elapsedMs,
  });
  const before = options.before ?? [];
  const unseen = (await unseenNotes(services, job)).filter(
    (text) => !before.some((b) => b.type === "text" && b.text === text),
  );
  const notes: Block[] = unseen.map((text) => ({ type: "text", text, tone: "warning" }));
  return { reply: { ...reply, blocks: [...before, ...reply.blocks, ...notes] }, result };
}

/** Per org of the job, the divisions its client cannot see: what `--all` did not reach. */
async function unseenNotes(services: CoreServices, job: BulkJob): Promise<string[]> {
  const notes: string[] = [];
  for (const slug of job.orgs) {
    try {
      const org = await resolveOrg(services.orgs, slug);
      const client = await services.genesys.forOrg(org);
      const note = await unseenDivisionsNote(org, client, "were not touched");
      if (note) notes.push(note);
    } catch {
      // The org's own trouble is already in the result table; this note is an addition.
    }
  }
  return notes;
}

/** `Bulk pause B7K2QX in acme, globex (--match "Spring*")` */
export function jobTitle(job: Pick<BulkJob, "id" | "action" | "orgs" | "selector">): string {
  return `Bulk ${job.action} ${job.id} in ${job.orgs.join(", ")} (${job.selector})`;
}

function groupsOf(items: BulkItem[]) {
  return orgsOf(items).map((orgSlug) => ({
    orgSlug,
    targets: items
      .filter((i) => i.orgSlug === orgSlug)
      .map((i) => ({ campaignId: i.campaignId, campaignName: i.campaignName, division: i.division })),
  }));
}
