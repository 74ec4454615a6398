/**
 * Approval requests on Prisma (design §3): each is decided exactly once, however many chat clicks,
 * Slack retries, processes or replicas race on it.
 *
 * How, per operation:
 * - transition(): one conditional UPDATE (`WHERE id = ? AND status IN (from)`). Both databases apply
 *   it atomically: SQLite has one writer; PostgreSQL makes a second UPDATE of the row wait for the
 *   first to commit and then re-checks its WHERE against the new row, so the loser matches nothing.
 * - addApproval(): a vote must see every vote committed before it, or two different approvers of a
 *   2-approver request could each count only their own vote under PostgreSQL's READ COMMITTED and
 *   neither would complete it. So the transaction first locks the request row (PostgreSQL:
 *   `SELECT … FOR UPDATE`; SQLite: the database write lock, taken up front so the busy timeout
 *   applies), then reads, inserts and counts. Votes on one request are thereby serialised; votes on
 *   different requests are not (PostgreSQL). Preferred over SERIALIZABLE with retries: under
 *   contention every conflicting voter but one would fail and retry per round, and the lock is held
 *   for a few milliseconds. The primary key (request, approver) stays as the last line of defence.
 * - On SQLite, every write also goes through an in-process queue per database file (see
 *   serial-queue.ts), so two clients of one file in one process never wait on each other's lock
 *   synchronously.
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../core/kernel/clock.js";
import { systemClock } from "../core/kernel/clock.js";
import { AppError } from "../core/kernel/errors.js";
import type { ChatIdentity } from "../core/kernel/model.js";
import type {
  AddApprovalResult,
  ApprovalRequest,
  ApprovalStatus,
  ApprovalStore,
  NewApprovalRequest,
} from "../core/ports/approval-store.js";
import { newApprovalId, normalizeApprovalId } from "./approval-id.js";
import { newRequestColumns, toRequest, WITH_VOTES } from "./approval-rows.js";
import type { Provider } from "./database-url.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";
import type { Prisma } from "./generated/sqlite/client.js";
import { serialised } from "./serial-queue.js";

/** Fresh ids tried before giving up: with ~10^9 ids, even one collision is rare. */
const MAX_ID_ATTEMPTS = 5;
/** Generous: behind the row lock, waiting for other voters is expected, not a failure. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export interface PrismaApprovalStoreOptions {
  clock?: Clock;
  /** Identifies the database (openStore passes the SQLite file) so its writes share one queue. */
  lockKey?: string;
  /** Id generator, for tests of the collision retry. */
  newId?: () => string;
}

export class PrismaApprovalStore implements ApprovalStore {
  readonly #db: Db;
  readonly #provider: Provider;
  readonly #clock: Clock;
  readonly #lockKey: string;
  readonly #newId: () => string;

  constructor(db: Db, provider: Provider, options: PrismaApprovalStoreOptions = {}) {
    this.#db = db;
    this.#provider = provider;
    this.#clock = options.clock ?? systemClock;
    this.#lockKey = options.lockKey ?? randomUUID();
    this.#newId = options.newId ?? newApprovalId;
  }

  async create(input: NewApprovalRequest): Promise<ApprovalRequest> {
    const columns = newRequestColumns(input, this.#clock.now());
    for (let attempt = 1; ; attempt++) {
      const id = this.#newId();
      try {
        return await this.#write(async () =>
          toRequest(await this.#db.approvalRequest.create({ data: { id, ...columns }, include: WITH_VOTES })),
        );
      } catch (error) {
        if (attempt >= MAX_ID_ATTEMPTS || !isUniqueViolation(error)) throw error;
      }
    }
  }

  get(id: string): Promise<ApprovalRequest | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.approvalRequest.findUnique({
        where: { id: normalizeApprovalId(id) },
        include: WITH_VOTES,
      });
      return row ? toRequest(row) : null;
    });
  }

  listPending(orgSlug?: string): Promise<ApprovalRequest[]> {
    return atStoreBoundary(async () => {
      const rows = await this.#db.approvalRequest.findMany({
        where: { status: "pending", orgSlug },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: WITH_VOTES,
      });
      return rows.map(toRequest);
    });
  }

  async addApproval(
    id: string,
    approver: ChatIdentity,
    at: Date,
    options: { sameAs?: readonly ChatIdentity[] } = {},
  ): Promise<AddApprovalResult> {
    const key = normalizeApprovalId(id);
    const sameAs = new Set([approver, ...(options.sameAs ?? [])]);
    try {
      return await this.#write(() =>
        this.#db.$transaction((tx) => this.#vote(tx, key, approver, at, sameAs), TX_OPTIONS),
      );
    } catch (error) {
      // Unreachable while every vote goes through the lock; if the key still catches a second vote
      // (rolled back whole), it is a duplicate all the same.
      if (!isUniqueViolation(error)) throw error;
      const request = await this.get(key);
      if (request?.approvals.some((vote) => vote.approver === approver))
        return { kind: "duplicate", request };
      throw error;
    }
  }

  transition(
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    fields: { at: Date; decidedBy?: ChatIdentity | null; statusReason?: string | null },
  ): Promise<ApprovalRequest | null> {
    const key = normalizeApprovalId(id);
    return this.#write(() =>
      this.#db.$transaction(async (tx) => {
        // decidedAt is when the status last changed; undefined decidedBy / statusReason keep theirs.
        const moved = await tx.approvalRequest.updateMany({
          where: { id: key, status: { in: from } },
          data: {
            status: to,
            decidedAt: fields.at,
            decidedBy: fields.decidedBy,
            statusReason: fields.statusReason,
          },
        });
        if (moved.count === 0) return null;
        // Still inside the transaction, which holds the row: this is the state the move produced.
        return toRequest(
          await tx.approvalRequest.findUniqueOrThrow({ where: { id: key }, include: WITH_VOTES }),
        );
      }, TX_OPTIONS),
    );
  }

  listStuck(approvedBefore: Date, executingBefore: Date): Promise<ApprovalRequest[]> {
    return atStoreBoundary(async () => {
      const rows = await this.#db.approvalRequest.findMany({
        where: {
          OR: [
            { status: "approved", decidedAt: { lt: approvedBefore } },
            { status: "executing", decidedAt: { lt: executingBefore } },
          ],
        },
        orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
        include: WITH_VOTES,
      });
      return rows.map(toRequest);
    });
  }

  claimStuck(
    request: Pick<ApprovalRequest, "id" | "status" | "decidedAt">,
    owner: string,
    at: Date,
  ): Promise<ApprovalRequest | null> {
    const key = normalizeApprovalId(request.id);
    return this.#write(async () => {
      // Conditional on the state as listed: a second replica's claim of the same row matches nothing.
      const moved = await this.#db.approvalRequest.updateMany({
        where: { id: key, status: request.status, decidedAt: request.decidedAt },
        data: { status: "executing", decidedAt: at, claimedBy: owner, claimedAt: at },
      });
      if (moved.count === 0) return null;
      const row = await this.#db.approvalRequest.findUnique({ where: { id: key }, include: WITH_VOTES });
      return row ? toRequest(row) : null;
    });
  }

  /** A no-op for an unknown id: the message was posted, the request need not still exist. */
  setMessageRef(id: string, messageRef: string): Promise<void> {
    return this.#write(async () => {
      await this.#db.approvalRequest.updateMany({
        where: { id: normalizeApprovalId(id) },
        data: { messageRef },
      });
    });
  }

  async #vote(
    tx: Prisma.TransactionClient,
    id: string,
    approver: ChatIdentity,
    at: Date,
    sameAs: ReadonlySet<ChatIdentity>,
  ): Promise<AddApprovalResult> {
    await this.#lockRequest(tx, id);
    // Read after the lock: on PostgreSQL each statement sees everything committed before it began.
    const before = await tx.approvalRequest.findUnique({ where: { id }, include: WITH_VOTES });
    if (!before) {
      throw new AppError("usage", `There is no approval request ${id}.`, {
        hint: "See the pending ones with: approvals",
      });
    }
    if (before.status !== "pending") return { kind: "not_pending", request: toRequest(before) };
    if (before.votes.some((vote) => vote.approver === approver)) {
      return { kind: "duplicate", request: toRequest(before) };
    }
    // Under the lock, so two identities of one person voting at once cannot both count.
    if (sameAs.has(before.requester))
      return { kind: "same_person", request: toRequest(before), votedAs: before.requester };
    const mine = before.votes.find((vote) => sameAs.has(vote.approver));
    if (mine) return { kind: "same_person", request: toRequest(before), votedAs: mine.approver };
    // `at` is when the vote is cast (after any slow look-ups), so a late vote cannot slip in.
    if (before.expiresAt.getTime() <= at.getTime()) return { kind: "expired", request: toRequest(before) };
    await tx.approvalVote.create({ data: { requestId: id, approver, at } });
    const votes = await tx.approvalVote.count({ where: { requestId: id } });
    let completed = false;
    if (votes >= before.approversRequired) {
      // Conditional even under the lock: only a pending request can become approved, exactly once.
      const moved = await tx.approvalRequest.updateMany({
        where: { id, status: "pending" },
        data: { status: "approved", decidedAt: at, decidedBy: approver },
      });
      completed = moved.count === 1;
    }
    const after = await tx.approvalRequest.findUniqueOrThrow({ where: { id }, include: WITH_VOTES });
    return { kind: "recorded", request: toRequest(after), completed };
  }

  /** Makes this transaction the only voter on request `id` until it ends (see the file comment). */
  async #lockRequest(tx: Prisma.TransactionClient, id: string): Promise<void> {
    if (this.#provider === "postgresql") {
      await tx.$queryRaw`SELECT id FROM approval_requests WHERE id = ${id} FOR UPDATE`;
    } else {
      // A write statement, even one that changes nothing, takes SQLite's (database-wide) write lock.
      await tx.$executeRawUnsafe("UPDATE approval_requests SET id = id WHERE 0 = 1");
    }
  }

  /** A write, through the per-file queue on SQLite, with driver failures translated. */
  #write<T>(run: () => Promise<T>): Promise<T> {
    const guarded = () => atStoreBoundary(run);
    return this.#provider === "sqlite" ? serialised(this.#lockKey, guarded) : guarded();
  }
}
