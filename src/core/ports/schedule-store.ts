/**
 * The scheduled-action port: `pause … --for 45m` records the resume here, and the Scheduler claims
 * and runs it when due. Implemented by src/store/prisma-schedule-store.ts; exactly-once rests on
 * `claimDue` (one conditional UPDATE per row).
 */
import type { ChatIdentity } from "../kernel/model.js";

export type ScheduledStatus = "pending" | "claimed" | "done" | "cancelled" | "failed";

/** A campaign a scheduled action covers, as it was when scheduled. */
export interface ScheduledTarget {
  campaignId: string;
  campaignName: string;
  division: { id: string; name: string };
}

export interface NewScheduledAction {
  action: "resume";
  orgSlug: string;
  targets: ScheduledTarget[];
  requester: ChatIdentity;
  requesterName: string;
  reason: string | null;
  platform: string;
  channel: string;
  dueAt: Date;
  bulkJobId?: string | null;
}

export interface ScheduledAction extends NewScheduledAction {
  /** Short, human-typeable id (`schedule cancel S4M9QX`). */
  id: string;
  status: ScheduledStatus;
  claimedBy: string | null;
  claimedAt: Date | null;
  result: string | null;
  bulkJobId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ScheduleStore {
  create(input: NewScheduledAction): Promise<ScheduledAction>;
  get(id: string): Promise<ScheduledAction | null>;
  /** Pending and claimed actions (one org's, or all), soonest first. */
  listOpen(orgSlug?: string): Promise<ScheduledAction[]>;
  /**
   * Claims up to `limit` actions due at `now` for `owner`: each with one conditional UPDATE
   * (`pending` and due, or `claimed` before `staleBefore` by an owner that died → `claimed` by us),
   * so across processes exactly one claimer gets each. Returns what this caller won.
   */
  claimDue(
    now: Date,
    owner: string,
    options: { staleBefore: Date; limit: number },
  ): Promise<ScheduledAction[]>;
  /** Records how a claimed action ended; false when `owner` no longer holds it. */
  finish(id: string, owner: string, status: "done" | "failed", result: string, at: Date): Promise<boolean>;
  /** `pending` → `cancelled` atomically; null when it was not pending (ran, running or cancelled). */
  cancel(id: string, by: ChatIdentity, at: Date): Promise<ScheduledAction | null>;
}
