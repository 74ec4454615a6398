/**
 * How a bulk job reads in chat: the plan (what matched, per org, what will happen to each campaign),
 * the progress line, and the per-campaign result table with totals.
 */
import { durationText } from "../kernel/format.js";
import { type Block, type Reply, reply, type Tone } from "../kernel/reply.js";
import type { BulkAction, BulkItem, BulkJob, NewBulkItem } from "../ports/bulk-store.js";
import { type PageOptions, planPage } from "./plan-page.js";

/** A planned item, persisted or not (a plan with nothing to do is never stored). */
type PlannedItem = NewBulkItem | BulkItem;

const PAST: Record<BulkAction, string> = { pause: "paused", resume: "resumed" };

/**
 * The matched campaigns before anything happens: counts first, then (a page of) the campaigns that
 * will change; refusals with their reasons, then the notes (unseen divisions, orgs not planned).
 */
export function planBlocks(
  job: { action: BulkAction; items: PlannedItem[] },
  notes: string[],
  page: PageOptions = { page: 1, rows: Number.POSITIVE_INFINITY },
): { blocks: Block[]; last: boolean } {
  const planned = planPage(job, page);
  const blocks = [...planned.blocks];
  const refused = job.items.filter((i) => i.result === "refused");
  if (refused.length)
    blocks.push({
      type: "details",
      summary: `Refused (${refused.length}): not changed`,
      blocks: refused.map((i) => ({
        type: "text",
        text: `• ${i.campaignName} (${i.orgSlug}): ${i.detail ?? ""}`,
      })),
    });
  for (const note of notes) blocks.push({ type: "text", text: note, tone: "warning" });
  return { blocks, last: planned.last };
}

export interface Counts {
  done: number;
  failed: number;
  remaining: number;
}

/** The one updating progress message. */
export function progressReply(
  job: Pick<BulkJob, "id" | "action" | "orgs">,
  total: number,
  c: Counts,
  /** Why it is slow right now, e.g. a rate-limit wait; appended to the counts. */
  note?: string,
): Reply {
  const verb = job.action === "pause" ? "Pausing" : "Resuming";
  return reply({
    tone: "info",
    visibility: "channel",
    blocks: [
      {
        type: "text",
        text: `${verb} ${total} campaign${total === 1 ? "" : "s"} in ${job.orgs.join(", ")} (job ${job.id}): ${c.done} done, ${c.failed} failed, ${c.remaining} remaining${note ? `; ${note}` : ""}.`,
      },
    ],
  });
}

export interface ResultOptions {
  title: string;
  /** Lines after the totals (scheduled resumes, pending approvals). */
  extra?: Block[];
  elapsedMs?: number;
}

/** The per-campaign result table and totals. Not ok when a campaign failed (exit code 1 in exec). */
export function resultReply(job: BulkJob, options: ResultOptions): Reply {
  const rows = job.items.map((i) => [i.orgSlug, i.campaignName, ...labelOf(job, i)]);
  const failed = job.items.filter((i) => i.status === "failed").length;
  const done = job.items.filter((i) => i.status === "done").length;
  const tone: Tone = failed === 0 ? "success" : done === 0 ? "error" : "warning";
  return reply({
    ok: failed === 0,
    tone,
    visibility: "channel",
    title: options.title,
    blocks: [
      {
        type: "table",
        columns: [{ header: "Org" }, { header: "Campaign" }, { header: "Result" }, { header: "Detail" }],
        rows,
      },
      { type: "text", text: totalsLine(job, options.elapsedMs) },
      ...(options.extra ?? []),
      ...(failed > 0
        ? [{ type: "hint" as const, text: "Retry what failed:", command: `bulk continue ${job.id}` }]
        : []),
    ],
  });
}

function totalsLine(job: BulkJob, elapsedMs?: number): string {
  const done = job.items.filter((i) => i.status === "done");
  const changed = done.filter((i) => i.result === PAST[job.action]).length;
  const parts = [`${changed} ${PAST[job.action]}`];
  if (done.length > changed) parts.push(`${done.length - changed} already done`);
  const failed = job.items.filter((i) => i.status === "failed").length;
  if (failed) parts.push(`${failed} failed`);
  const skipped = job.items.filter((i) => i.status === "skipped");
  if (skipped.length) parts.push(`${skipped.length} skipped (${skippedCounts(skipped).join(", ")})`);
  const open = job.items.filter((i) => i.status === "pending" || i.status === "running").length;
  if (open) parts.push(`${open} not run yet`);
  const took = elapsedMs === undefined ? "" : ` in ${durationText(elapsedMs)}`;
  return `${job.items.length} campaign${job.items.length === 1 ? "" : "s"}: ${parts.join(", ")}${took}.`;
}

/** Result and detail columns of one item. */
function labelOf(job: BulkJob, item: BulkItem): [string, string] {
  switch (item.status) {
    case "pending":
      if (item.approvalId) return ["waiting", `for approval ${item.approvalId}`];
      return ["waiting", job.confirmation === "pending" ? "for confirmation" : "not run yet"];
    case "running":
      return ["running", item.claimedAt ? `since ${item.claimedAt.toISOString().slice(11, 19)} UTC` : ""];
    default:
      return [item.result ?? item.status, item.detail ?? ""];
  }
}

function skippedCounts(items: PlannedItem[]): string[] {
  const byResult = new Map<string, number>();
  for (const i of items.filter((x) => x.status === "skipped"))
    byResult.set(i.result ?? "skipped", (byResult.get(i.result ?? "skipped") ?? 0) + 1);
  return [...byResult].map(([result, n]) => `${n} ${result}`);
}

export function orgsOf(items: Pick<BulkItem, "orgSlug">[]): string[] {
  return [...new Set(items.map((i) => i.orgSlug))];
}
