/**
 * Bulk jobs on Prisma. Every state change is one conditional UPDATE (`updateMany` with the expected
 * state in its WHERE), which both databases apply atomically: SQLite has one writer; PostgreSQL makes
 * a second UPDATE of the row wait for the first to commit and re-checks its WHERE against the new row,
 * so the loser matches nothing. That is what makes an item run once however many executors (double
 * clicks, re-runs, replicas) go after it, and a confirmation count once.
 */
import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type {
  BulkItem,
  BulkJob,
  BulkStore,
  ItemOutcome,
  NewBulkItem,
  NewBulkJob,
} from "../core/ports/bulk-store.js";
import { newApprovalId, normalizeApprovalId } from "./approval-id.js";
import { newItemColumns, newJobColumns, toItem, toJob, WITH_ITEMS } from "./bulk-rows.js";
import type { Provider } from "./database-url.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";
import { serialised } from "./serial-queue.js";

const MAX_ID_ATTEMPTS = 5;

export interface PrismaBulkStoreOptions {
  clock?: Clock;
  /** Identifies the database (openStore passes the SQLite file) so its writes share one queue. */
  lockKey?: string;
}

export class PrismaBulkStore implements BulkStore {
  readonly #db: Db;
  readonly #provider: Provider;
  readonly #clock: Clock;
  readonly #lockKey: string;

  constructor(db: Db, provider: Provider, options: PrismaBulkStoreOptions = {}) {
    this.#db = db;
    this.#provider = provider;
    this.#clock = options.clock ?? systemClock;
    this.#lockKey = options.lockKey ?? randomUUID();
  }

  async create(job: NewBulkJob, items: NewBulkItem[]): Promise<BulkJob> {
    const columns = newJobColumns(job, this.#clock.now());
    const rows = items.map((item, i) => newItemColumns(item, i + 1));
    for (let attempt = 1; ; attempt++) {
      const id = newApprovalId();
      try {
        return await this.#write(async () =>
          toJob(
            await this.#db.bulkJob.create({
              data: { id, ...columns, items: { create: rows } },
              include: WITH_ITEMS,
            }),
          ),
        );
      } catch (error) {
        if (attempt >= MAX_ID_ATTEMPTS || !isUniqueViolation(error)) throw error;
      }
    }
  }

  get(id: string): Promise<BulkJob | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.bulkJob.findUnique({
        where: { id: normalizeApprovalId(id) },
        include: WITH_ITEMS,
      });
      return row ? toJob(row) : null;
    });
  }

  latest(requester: string, fingerprint: string, since: Date): Promise<BulkJob | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.bulkJob.findFirst({
        where: { requester, fingerprint, createdAt: { gte: since } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        include: WITH_ITEMS,
      });
      return row ? toJob(row) : null;
    });
  }

  lastPause(orgSlug: string): Promise<BulkJob | null> {
    return atStoreBoundary(async () => {
      const item = await this.#db.bulkItem.findFirst({
        where: { orgSlug, status: "done", result: "paused", job: { action: "pause" } },
        orderBy: [{ job: { createdAt: "desc" } }, { jobId: "desc" }],
        select: { jobId: true },
      });
      if (!item) return null;
      const row = await this.#db.bulkJob.findUnique({ where: { id: item.jobId }, include: WITH_ITEMS });
      return row ? toJob(row) : null;
    });
  }

  findByApproval(approvalId: string): Promise<BulkJob | null> {
    return atStoreBoundary(async () => {
      const item = await this.#db.bulkItem.findFirst({ where: { approvalId }, select: { jobId: true } });
      if (!item) return null;
      const row = await this.#db.bulkJob.findUnique({ where: { id: item.jobId }, include: WITH_ITEMS });
      return row ? toJob(row) : null;
    });
  }

  decide(id: string, to: "confirmed" | "cancelled", by: string, at: Date): Promise<boolean> {
    const key = normalizeApprovalId(id);
    return this.#write(() =>
      this.#db.$transaction(async (tx) => {
        const moved = await tx.bulkJob.updateMany({
          where: { id: key, confirmation: "pending" },
          data: { confirmation: to, confirmedBy: by, confirmedAt: at },
        });
        if (moved.count === 0) return false;
        if (to === "cancelled") {
          // Items under an approval request keep waiting for it: cancelling confirms nothing there.
          await tx.bulkItem.updateMany({
            where: { jobId: key, status: "pending", approvalId: null },
            data: { status: "skipped", result: "cancelled", detail: `cancelled by ${by}`, finishedAt: at },
          });
        }
        return true;
      }),
    );
  }

  attachApproval(jobId: string, orgSlug: string, approvalId: string): Promise<void> {
    return this.#write(async () => {
      await this.#db.bulkItem.updateMany({
        where: { jobId, orgSlug, status: "pending" },
        data: { approvalId },
      });
    });
  }

  claimItem(
    jobId: string,
    seq: number,
    owner: string,
    at: Date,
    options: { staleBefore: Date; retryFailed: boolean },
  ): Promise<BulkItem | null> {
    const claimable = [
      { status: "pending" },
      { status: "running", claimedAt: { lt: options.staleBefore } },
      ...(options.retryFailed ? [{ status: "failed" }] : []),
    ];
    return this.#write(async () => {
      const won = await this.#db.bulkItem.updateMany({
        where: { jobId, seq, OR: claimable },
        data: { status: "running", claimedBy: owner, claimedAt: at, attempts: { increment: 1 } },
      });
      if (won.count === 0) return null;
      const row = await this.#db.bulkItem.findUnique({ where: { jobId_seq: { jobId, seq } } });
      return row ? toItem(row) : null;
    });
  }

  finishItem(jobId: string, seq: number, owner: string, outcome: ItemOutcome, at: Date): Promise<boolean> {
    return this.#write(async () => {
      const moved = await this.#db.bulkItem.updateMany({
        where: { jobId, seq, status: "running", claimedBy: owner },
        data: { status: outcome.status, result: outcome.result, detail: outcome.detail, finishedAt: at },
      });
      return moved.count === 1;
    });
  }

  skipItems(jobId: string, seqs: number[], result: string, detail: string | null, at: Date): Promise<void> {
    return this.#write(async () => {
      await this.#db.bulkItem.updateMany({
        where: { jobId, seq: { in: seqs }, status: "pending" },
        data: { status: "skipped", result, detail, finishedAt: at },
      });
    });
  }

  /** A write, through the per-file queue on SQLite, with driver failures translated. */
  #write<T>(run: () => Promise<T>): Promise<T> {
    const guarded = () => atStoreBoundary(run);
    return this.#provider === "sqlite" ? serialised(this.#lockKey, guarded) : guarded();
  }
}
