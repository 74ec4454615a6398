/**
 * Scheduled actions on Prisma. A due action is claimed with one conditional UPDATE per row
 * (`WHERE id = ? AND status = 'pending' AND due_at <= now`, or a claim so old its owner must have
 * died): both databases apply it atomically (PostgreSQL re-checks the WHERE of a waiting UPDATE
 * against the committed row), so with several schedulers on one database exactly one wins each row.
 * Times come from the caller's clock, not the database's, so tests can step past a due time.
 */
import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type {
  NewScheduledAction,
  ScheduledAction,
  ScheduledStatus,
  ScheduledTarget,
  ScheduleStore,
} from "../core/ports/schedule-store.js";
import { newApprovalId, normalizeApprovalId } from "./approval-id.js";
import { canonicalJson } from "./audit-chain.js";
import type { Provider } from "./database-url.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";
import type { ScheduledAction as Row } from "./generated/sqlite/client.js";
import { serialised } from "./serial-queue.js";

const MAX_ID_ATTEMPTS = 5;
const STATUSES: readonly ScheduledStatus[] = ["pending", "claimed", "done", "cancelled", "failed"];

export interface PrismaScheduleStoreOptions {
  clock?: Clock;
  /** Identifies the database (openStore passes the SQLite file) so its writes share one queue. */
  lockKey?: string;
}

export class PrismaScheduleStore implements ScheduleStore {
  readonly #db: Db;
  readonly #provider: Provider;
  readonly #clock: Clock;
  readonly #lockKey: string;

  constructor(db: Db, provider: Provider, options: PrismaScheduleStoreOptions = {}) {
    this.#db = db;
    this.#provider = provider;
    this.#clock = options.clock ?? systemClock;
    this.#lockKey = options.lockKey ?? randomUUID();
  }

  async create(input: NewScheduledAction): Promise<ScheduledAction> {
    const data = {
      action: input.action,
      orgSlug: input.orgSlug,
      targets: canonicalJson(input.targets),
      requester: input.requester,
      requesterName: input.requesterName,
      reason: input.reason,
      platform: input.platform,
      channel: input.channel,
      dueAt: input.dueAt,
      status: "pending",
      bulkJobId: input.bulkJobId ?? null,
      createdAt: this.#clock.now(),
    };
    for (let attempt = 1; ; attempt++) {
      const id = newApprovalId();
      try {
        return await this.#write(async () =>
          toAction(await this.#db.scheduledAction.create({ data: { id, ...data } })),
        );
      } catch (error) {
        if (attempt >= MAX_ID_ATTEMPTS || !isUniqueViolation(error)) throw error;
      }
    }
  }

  get(id: string): Promise<ScheduledAction | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.scheduledAction.findUnique({ where: { id: normalizeApprovalId(id) } });
      return row ? toAction(row) : null;
    });
  }

  listOpen(orgSlug?: string): Promise<ScheduledAction[]> {
    return atStoreBoundary(async () => {
      const rows = await this.#db.scheduledAction.findMany({
        where: { orgSlug, status: { in: ["pending", "claimed"] } },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toAction);
    });
  }

  async claimDue(
    now: Date,
    owner: string,
    options: { staleBefore: Date; limit: number },
  ): Promise<ScheduledAction[]> {
    const claimable = [
      { status: "pending", dueAt: { lte: now } },
      { status: "claimed", claimedAt: { lt: options.staleBefore } },
    ];
    const candidates = await atStoreBoundary(() =>
      this.#db.scheduledAction.findMany({
        where: { OR: claimable },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
        take: options.limit,
        select: { id: true },
      }),
    );
    const won: ScheduledAction[] = [];
    for (const { id } of candidates) {
      const row = await this.#write(async () => {
        const moved = await this.#db.scheduledAction.updateMany({
          where: { id, OR: claimable },
          data: { status: "claimed", claimedBy: owner, claimedAt: now },
        });
        return moved.count === 1 ? this.#db.scheduledAction.findUnique({ where: { id } }) : null;
      });
      if (row) won.push(toAction(row));
    }
    return won;
  }

  finish(id: string, owner: string, status: "done" | "failed", result: string, at: Date): Promise<boolean> {
    return this.#write(async () => {
      const moved = await this.#db.scheduledAction.updateMany({
        where: { id, status: "claimed", claimedBy: owner },
        data: { status, result, finishedAt: at },
      });
      return moved.count === 1;
    });
  }

  cancel(id: string, by: string, at: Date): Promise<ScheduledAction | null> {
    const key = normalizeApprovalId(id);
    return this.#write(async () => {
      const moved = await this.#db.scheduledAction.updateMany({
        where: { id: key, status: "pending" },
        data: { status: "cancelled", result: `cancelled by ${by}`, finishedAt: at },
      });
      if (moved.count === 0) return null;
      const row = await this.#db.scheduledAction.findUnique({ where: { id: key } });
      return row ? toAction(row) : null;
    });
  }

  /** A write, through the per-file queue on SQLite, with driver failures translated. */
  #write<T>(run: () => Promise<T>): Promise<T> {
    const guarded = () => atStoreBoundary(run);
    return this.#provider === "sqlite" ? serialised(this.#lockKey, guarded) : guarded();
  }
}

function toAction(row: Row): ScheduledAction {
  const status = STATUSES.find((s) => s === row.status);
  // Only the store writes these columns, always from the unions: anything else is corruption.
  if (!status || row.action !== "resume") throw new Error(`scheduled action ${row.id} is corrupt`);
  return {
    id: row.id,
    action: row.action,
    orgSlug: row.orgSlug,
    // Only create() writes the column, always from a ScheduledTarget[].
    targets: JSON.parse(row.targets) as ScheduledTarget[],
    requester: row.requester,
    requesterName: row.requesterName,
    reason: row.reason,
    platform: row.platform,
    channel: row.channel,
    dueAt: row.dueAt,
    status,
    claimedBy: row.claimedBy,
    claimedAt: row.claimedAt,
    result: row.result,
    bulkJobId: row.bulkJobId,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
