/**
 * Delivery dedupe on Prisma: the primary key decides, so exactly one claim of a key succeeds however
 * many processes (replicas) race for it. Keys are kept a day; platforms stop retrying within minutes.
 */
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type { DeliveryDedupe } from "../core/ports/delivery-dedupe.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";

export interface PrismaDeliveryDedupeOptions {
  clock?: Clock;
  /** How long a key is remembered; default one day. */
  retentionMs?: number;
  /** How often (at most) a claim also purges expired keys; default hourly. */
  purgeEveryMs?: number;
}

const DAY_MS = 86_400_000;
const MAX_KEY_LENGTH = 255;

export class PrismaDeliveryDedupe implements DeliveryDedupe {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #retentionMs: number;
  readonly #purgeEveryMs: number;
  #lastPurge = 0;

  constructor(db: Db, options: PrismaDeliveryDedupeOptions = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
    this.#retentionMs = options.retentionMs ?? DAY_MS;
    this.#purgeEveryMs = options.purgeEveryMs ?? 3_600_000;
  }

  async claim(key: string): Promise<boolean> {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH)
      throw new Error(`delivery key must be 1–${MAX_KEY_LENGTH} characters, got ${key.length}`);
    const now = this.#clock.now();
    // Cleanup rides on claims so no separate job is needed; once an hour per process is plenty.
    if (now.getTime() - this.#lastPurge >= this.#purgeEveryMs) {
      this.#lastPurge = now.getTime();
      await this.purgeOlderThan(new Date(now.getTime() - this.#retentionMs));
    }
    try {
      await atStoreBoundary(() => this.#db.deliveryDedupe.create({ data: { key, createdAt: now } }));
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Forgets keys claimed before `cutoff`; returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number> {
    return atStoreBoundary(
      async () => (await this.#db.deliveryDedupe.deleteMany({ where: { createdAt: { lt: cutoff } } })).count,
    );
  }
}
