/** Bulk jobs and items between the port's shape and the database's rows. */
import type {
  BulkAction,
  BulkConfirmation,
  BulkItem,
  BulkItemStatus,
  BulkJob,
  NewBulkItem,
  NewBulkJob,
} from "../core/ports/bulk-store.js";
import type { BulkItem as ItemRow, BulkJob as JobRow } from "./generated/sqlite/client.js";

const ACTIONS: readonly BulkAction[] = ["pause", "resume"];
const CONFIRMATIONS: readonly BulkConfirmation[] = ["pending", "confirmed", "cancelled", "not_needed"];
const ITEM_STATUSES: readonly BulkItemStatus[] = ["pending", "running", "done", "failed", "skipped"];

/** Items in plan order. */
export const WITH_ITEMS = { items: { orderBy: { seq: "asc" as const } } };

export type JobWithItems = JobRow & { items: ItemRow[] };

export function newJobColumns(input: NewBulkJob, createdAt: Date) {
  return {
    action: input.action,
    orgs: input.orgs.join(","),
    selector: input.selector,
    fingerprint: input.fingerprint,
    requester: input.requester,
    requesterName: input.requesterName,
    reason: input.reason,
    platform: input.platform,
    channel: input.channel,
    confirmation: input.confirmation,
    resumeAfterMs: input.resumeAfterMs,
    createdAt,
    expiresAt: input.expiresAt,
  };
}

export function newItemColumns(item: NewBulkItem, seq: number) {
  return {
    seq,
    orgSlug: item.orgSlug,
    campaignId: item.campaignId,
    campaignName: item.campaignName,
    version: item.version,
    divisionId: item.division.id,
    divisionName: item.division.name,
    plannedStatus: item.plannedStatus,
    genesysIdentity: item.genesysIdentity,
    status: item.status,
    result: item.result ?? null,
    detail: item.detail ?? null,
  };
}

export function toJob(row: JobWithItems): BulkJob {
  return {
    id: row.id,
    action: oneOf(ACTIONS, row.action, `bulk job ${row.id} action`),
    orgs: row.orgs.split(",").filter(Boolean),
    selector: row.selector,
    fingerprint: row.fingerprint,
    requester: row.requester,
    requesterName: row.requesterName,
    reason: row.reason,
    platform: row.platform,
    channel: row.channel,
    confirmation: oneOf(CONFIRMATIONS, row.confirmation, `bulk job ${row.id} confirmation`),
    confirmedBy: row.confirmedBy,
    confirmedAt: row.confirmedAt,
    resumeAfterMs: row.resumeAfterMs,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    items: row.items.map(toItem),
  };
}

export function toItem(row: ItemRow): BulkItem {
  return {
    jobId: row.jobId,
    seq: row.seq,
    orgSlug: row.orgSlug,
    campaignId: row.campaignId,
    campaignName: row.campaignName,
    version: row.version,
    division: { id: row.divisionId, name: row.divisionName },
    plannedStatus: row.plannedStatus,
    genesysIdentity: row.genesysIdentity,
    approvalId: row.approvalId,
    status: oneOf(ITEM_STATUSES, row.status, `bulk item ${row.jobId}/${row.seq} status`),
    result: row.result,
    detail: row.detail,
    attempts: row.attempts,
    claimedBy: row.claimedBy,
    claimedAt: row.claimedAt,
    finishedAt: row.finishedAt,
  };
}

/** Only the store writes these columns, always from the unions: anything else is corruption. */
function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new Error(`${what} is corrupt ("${value}")`);
  return found;
}
