/**
 * A bulk plan read page by page. A plan leads with its counts ("Pause 120 campaigns in acme (180
 * already off, not shown)") and lists the campaigns that will change; the ones that will not are
 * summarised and viewable on their own (`bulk plan ID --unchanged`). Where a chat message holds
 * fewer rows than the plan has, it is paged with Previous/Next buttons and the Confirm button comes
 * only on the last page: a plan is never confirmable while campaigns it will change are hidden.
 */
import type { Platform } from "../kernel/invocation.js";
import type { Action, Block } from "../kernel/reply.js";
import type { BulkAction, BulkItem, NewBulkItem } from "../ports/bulk-store.js";

type PlannedItem = NewBulkItem | BulkItem;

/**
 * Rows of campaigns one message shows: what Slack (40 table rows) and a Teams card (under its size
 * limit with four columns) show whole. The shell prints every row.
 */
export const PLAN_PAGE_ROWS: Record<Platform, number> = {
  shell: Number.POSITIVE_INFINITY,
  slack: 40,
  teams: 20,
};

const VERB: Record<BulkAction, string> = { pause: "Pause", resume: "Resume" };

export interface PlanPage {
  blocks: Block[];
  /** Every campaign that will change has been shown by this page or an earlier one. */
  last: boolean;
}

export interface PageOptions {
  page: number;
  rows: number;
  /** Set once the job is stored: the pages and unchanged rows can then be asked for. */
  jobId?: string;
}

/** Per org: "Pause 120 campaigns in acme (180 already off, not shown)." */
export function countLines(action: BulkAction, items: PlannedItem[]): Block[] {
  return orgsIn(items).map((org) => {
    const mine = items.filter((i) => i.orgSlug === org);
    const pending = mine.filter((i) => i.status === "pending").length;
    const unchanged = unchangedCounts(mine);
    const rest = unchanged.length ? ` (${unchanged.join(", ")}, not shown)` : "";
    return {
      type: "text",
      text: `${VERB[action]} ${pending} campaign${pending === 1 ? "" : "s"} in ${org}${rest}.`,
    };
  });
}

/** One page of the campaigns that will change, with the counts first and the way to the rest. */
export function planPage(job: { action: BulkAction; items: PlannedItem[] }, options: PageOptions): PlanPage {
  const pending = job.items.filter((i) => i.status === "pending");
  const pages = Math.max(1, Math.ceil(pending.length / options.rows));
  const page = Math.min(Math.max(1, options.page), pages);
  const from = Number.isFinite(options.rows) ? (page - 1) * options.rows : 0;
  const shown = pending.slice(from, from + options.rows);
  const blocks: Block[] = [...countLines(job.action, job.items)];
  if (shown.length)
    blocks.push({
      type: "table",
      columns: [
        { header: "Org" },
        { header: "Campaign" },
        { header: "Now", kind: "status" },
        { header: "Division" },
      ],
      rows: shown.map((i) => [i.orgSlug, i.campaignName, i.plannedStatus, i.division.name]),
    });
  const last = page === pages;
  if (pages > 1 && options.jobId) {
    const to = from + shown.length;
    blocks.push({
      type: "text",
      text: `Campaigns to ${job.action} ${from + 1}–${to} of ${pending.length} (page ${page} of ${pages}).${last ? "" : " Confirm comes on the last page, once every campaign to change has been shown."}`,
    });
    const nav: Action[] = [];
    if (page > 1)
      nav.push({
        id: "page-previous",
        label: "◂ Previous",
        value: `bulk plan ${options.jobId} --page ${page - 1}`,
      });
    if (!last)
      nav.push({ id: "page-next", label: "Next ▸", value: `bulk plan ${options.jobId} --page ${page + 1}` });
    blocks.push({ type: "actions", actions: nav });
  }
  const unchanged = job.items.filter((i) => i.status !== "pending");
  if (unchanged.length && options.jobId)
    blocks.push({
      type: "hint",
      text: `The ${unchanged.length} campaign${unchanged.length === 1 ? "" : "s"} not changed, and why:`,
      command: `bulk plan ${options.jobId} --unchanged`,
    });
  return { blocks, last };
}

/** The campaigns a plan leaves as they are (already there, refused, not resumed…), all of them. */
export function unchangedBlocks(job: { action: BulkAction; items: PlannedItem[] }): Block[] {
  const unchanged = job.items.filter((i) => i.status !== "pending");
  if (!unchanged.length) return [{ type: "text", text: "Every campaign in this plan was to change." }];
  return [
    { type: "text", text: `Not changed by this ${job.action}: ${unchangedCounts(job.items).join(", ")}.` },
    {
      type: "table",
      columns: [
        { header: "Org" },
        { header: "Campaign" },
        { header: "Now", kind: "status" },
        { header: "Why" },
        { header: "Detail" },
      ],
      rows: unchanged.map((i) => [
        i.orgSlug,
        i.campaignName,
        i.plannedStatus,
        i.result ?? i.status,
        i.detail ?? "",
      ]),
    },
  ];
}

function unchangedCounts(items: PlannedItem[]): string[] {
  const byResult = new Map<string, number>();
  for (const i of items.filter((x) => x.status !== "pending"))
    byResult.set(i.result ?? i.status, (byResult.get(i.result ?? i.status) ?? 0) + 1);
  return [...byResult].map(([result, n]) => `${n} ${result}`);
}

function orgsIn(items: PlannedItem[]): string[] {
  return [...new Set(items.map((i) => i.orgSlug))];
}
