/**
 * Leases on Prisma. Every change is one conditional statement whose WHERE states what must still be
 * true (`updateManyAndReturn`, i.e. UPDATE … RETURNING), or an INSERT the primary key arbitrates; a
 * read first settles the common case (held by another replica) without a write or a failed INSERT
 * in the database's log.
 * SQLite has one writer; PostgreSQL makes a second UPDATE of the row wait for the first to commit and
 * re-checks its WHERE against the new row, so of two replicas taking over one expired lease the
 * loser matches nothing, and of two inserting a missing one the loser hits the primary key.
 */
import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type { LeaseGrant, LeaseStore } from "../core/ports/lease-store.js";
import type { Provider } from "./database-url.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";
import { serialised } from "./serial-queue.js";

const MAX_KEY_LENGTH = 255;

export interface PrismaLeaseStoreOptions {
  clock?: Clock;
  /** Identifies the database (openStore passes the SQLite file) so its writes share one queue. */
  lockKey?: string;
}

interface LeaseRow {
  key: string;
  holder: string | null;
  expiresAt: Date;
  epoch: number;
}

export class PrismaLeaseStore implements LeaseStore {
  readonly #db: Db;
  readonly #provider: Provider;
  readonly #clock: Clock;
  readonly #lockKey: string;

  constructor(db: Db, provider: Provider, options: PrismaLeaseStoreOptions = {}) {
    this.#db = db;
    this.#provider = provider;
    this.#clock = options.clock ?? systemClock;
    this.#lockKey = options.lockKey ?? randomUUID();
  }

  async tryAcquire(key: string, holder: string, ttlMs: number): Promise<LeaseGrant | null> {
    check(key, holder, ttlMs);
    const now = this.#clock.now();
    // One read first: most calls are for keys another replica holds, and they end here.
    const row = await atStoreBoundary(() => this.#db.lease.findUnique({ where: { key } }));
    const live = row?.holder != null && row.expiresAt.getTime() > now.getTime();
    if (live && row?.holder === holder) return this.renew(key, holder, ttlMs);
    if (live) return null;
    const expiresAt = new Date(now.getTime() + ttlMs);
    if (row) {
      // Free or expired: take it over unless someone else did since the read (same epoch, still free).
      const taken = await this.#write(() =>
        this.#db.lease.updateManyAndReturn({
          where: { key, epoch: row.epoch, OR: [{ holder: null }, { expiresAt: { lte: now } }] },
          data: { holder, expiresAt, acquiredAt: now, epoch: { increment: 1 } },
        }),
      );
      return taken[0] ? toGrant(taken[0], holder) : null;
    }
    try {
      const created = await this.#write(() =>
        this.#db.lease.create({ data: { key, holder, expiresAt, acquiredAt: now, epoch: 1 } }),
      );
      return toGrant(created, holder);
    } catch (error) {
      // Another replica created it first.
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async renew(key: string, holder: string, ttlMs: number): Promise<LeaseGrant | null> {
    check(key, holder, ttlMs);
    const now = this.#clock.now();
    const rows = await this.#write(() =>
      this.#db.lease.updateManyAndReturn({
        where: { key, holder, expiresAt: { gt: now } },
        data: { expiresAt: new Date(now.getTime() + ttlMs) },
      }),
    );
    return rows[0] ? toGrant(rows[0], holder) : null;
  }

  async renewAll(keys: readonly string[], holder: string, ttlMs: number): Promise<LeaseGrant[]> {
    for (const key of keys) check(key, holder, ttlMs);
    if (keys.length === 0) return [];
    const now = this.#clock.now();
    const rows = await this.#write(() =>
      this.#db.lease.updateManyAndReturn({
        where: { key: { in: [...keys] }, holder, expiresAt: { gt: now } },
        data: { expiresAt: new Date(now.getTime() + ttlMs) },
      }),
    );
    return rows.map((row) => toGrant(row, holder));
  }

  async release(key: string, holder: string): Promise<void> {
    const now = this.#clock.now();
    await this.#write(() =>
      this.#db.lease.updateMany({ where: { key, holder }, data: { holder: null, expiresAt: now } }),
    );
  }

  holderOf(key: string): Promise<LeaseGrant | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.lease.findUnique({ where: { key } });
      if (!row?.holder || row.expiresAt.getTime() <= this.#clock.now().getTime()) return null;
      return toGrant(row, row.holder);
    });
  }

  /** A write, through the per-file queue on SQLite, with driver failures translated. */
  #write<T>(run: () => Promise<T>): Promise<T> {
    const guarded = () => atStoreBoundary(run);
    return this.#provider === "sqlite" ? serialised(this.#lockKey, guarded) : guarded();
  }
}

function toGrant(row: LeaseRow, holder: string): LeaseGrant {
  return { key: row.key, holder, expiresAt: row.expiresAt, epoch: row.epoch };
}

function check(key: string, holder: string, ttlMs: number): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    throw new Error(`lease key must be 1–${MAX_KEY_LENGTH} characters, got ${key.length}`);
  if (holder.length === 0) throw new Error("a lease holder needs a name");
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new Error(`lease ttl must be positive, got ${ttlMs}`);
}
