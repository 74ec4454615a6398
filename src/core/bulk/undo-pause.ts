/**
 * What a bulk `resume` undoes. A storm pause stops everything; its undo must restart only what that
 * pause stopped, never a campaign that was off (or finished) before it: `resume acme --all` undoes
 * the most recent bulk pause that paused something in acme, `resume --job B7K2QX` that one.
 */
import { AppError } from "../kernel/errors.js";
import { utcText } from "../kernel/format.js";
import type { Block } from "../kernel/reply.js";
import type { BulkJob } from "../ports/bulk-store.js";
import type { CoreServices } from "../services.js";
import { loadJob } from "./load-job.js";
import type { Selection } from "./selector.js";

/** One org's part of the pause being undone. */
export interface PauseToUndo {
  job: BulkJob;
  /** Campaign ids that pause switched off in this org. */
  paused: ReadonlySet<string>;
}

export interface UndoPlan {
  /** The selection narrowed to the orgs there is a pause to undo in. */
  selection: Extract<Selection, { kind: "bulk" }>;
  byOrg: Map<string, PauseToUndo>;
  /** Which pause each org's resume undoes: job, when, who, why. */
  intro: Block[];
  /** Orgs named that have no pause to undo. */
  notes: string[];
}

type BulkSelection = Extract<Selection, { kind: "bulk" }>;

export async function pausesToUndo(services: CoreServices, selection: BulkSelection): Promise<UndoPlan> {
  const byOrg = new Map<string, PauseToUndo>();
  const notes: string[] = [];
  let orgs = selection.orgs;
  if (selection.job !== undefined) {
    const job = await loadJob(services, selection.job);
    if (job.action !== "pause")
      throw new AppError(
        "usage",
        `Job ${job.id} is a bulk ${job.action}, not a pause; there is nothing to undo.`,
        {
          hint: "resume --job takes the id of a bulk pause (its reply shows it).",
        },
      );
    const pausedIn = orgsPaused(job);
    if (orgs.length === 0) orgs = pausedIn;
    for (const slug of orgs) {
      if (pausedIn.includes(slug)) byOrg.set(slug, { job, paused: pausedBy(job, slug) });
      else notes.push(`${slug}: job ${job.id} paused nothing there; not planned.`);
    }
  } else {
    for (const slug of orgs) {
      const job = await services.bulk.lastPause(slug);
      if (job) byOrg.set(slug, { job, paused: pausedBy(job, slug) });
      else notes.push(`${slug}: ${noPause(slug)}`);
    }
  }
  if (byOrg.size === 0) {
    const where = orgs.join(", ") || "those orgs";
    const first = orgs[0] ?? "acme";
    throw new AppError(
      "usage",
      selection.job !== undefined
        ? `Job ${selection.job} paused nothing in ${where}; there is nothing to undo.`
        : `There is no bulk pause to undo in ${where}. A bulk resume only restarts what a bulk pause stopped.`,
      { hint: `To start a campaign anyway, name it: resume ${first} "Campaign name"` },
    );
  }
  const now = services.clock.now();
  const intro: Block[] = [...byOrg].map(([slug, { job, paused }]) => ({
    type: "text",
    tone: "info",
    text: `${slug}: undoing bulk pause ${job.id} (${job.selector}) by ${job.requesterName} at ${utcText(job.createdAt, now)}${job.reason ? `, reason "${job.reason}"` : ""}: it paused ${paused.size} campaign${paused.size === 1 ? "" : "s"} here. Only those still off are resumed.`,
  }));
  return { selection: { ...selection, orgs: [...byOrg.keys()] }, byOrg, intro, notes };
}

/** `--all (undoes pause B7K2QX)`: the resume job's selector, so its audit row says what it undid. */
export function undoSelectorText(plan: UndoPlan): string {
  const ids = [...new Set([...plan.byOrg.values()].map((p) => p.job.id))];
  return `${plan.selection.text} (undoes pause ${ids.join(", ")})`;
}

function noPause(slug: string): string {
  return `no bulk pause to undo (a bulk resume only restarts what a bulk pause stopped; name a campaign to start it: resume ${slug} "Campaign name").`;
}

function orgsPaused(job: BulkJob): string[] {
  return [...new Set(job.items.filter(wasPaused).map((i) => i.orgSlug))];
}

function pausedBy(job: BulkJob, slug: string): Set<string> {
  return new Set(job.items.filter((i) => i.orgSlug === slug && wasPaused(i)).map((i) => i.campaignId));
}

function wasPaused(item: BulkJob["items"][number]): boolean {
  return item.status === "done" && item.result === "paused";
}
