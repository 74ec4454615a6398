/**
 * Campaign watches on Prisma. The unique key (org, campaign, platform, channel) makes `watch`
 * idempotent across double submits and replicas: the loser of a concurrent insert reads the winner's row.
 */
import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../core/kernel/clock.js";
import type { CampaignWatch, NewCampaignWatch, WatchQuery, WatchStore } from "../core/ports/watch-store.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";

export class PrismaWatchStore implements WatchStore {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, options: { clock?: Clock } = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
  }

  add(input: NewCampaignWatch): Promise<{ watch: CampaignWatch; created: boolean }> {
    return atStoreBoundary(async () => {
      const key = {
        orgSlug: input.orgSlug,
        campaignId: input.campaignId,
        platform: input.platform,
        channel: input.channel,
      };
      const existing = await this.#db.campaignWatch.findFirst({ where: key });
      if (existing) return { watch: existing, created: false };
      try {
        const watch = await this.#db.campaignWatch.create({
          data: { id: randomUUID(), ...input, createdAt: this.#clock.now() },
        });
        return { watch, created: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const winner = await this.#db.campaignWatch.findFirst({ where: key });
        if (!winner) throw e;
        return { watch: winner, created: false };
      }
    });
  }

  remove(key: { orgSlug: string; campaignId: string; platform: string; channel: string }): Promise<boolean> {
    return atStoreBoundary(async () => {
      const { count } = await this.#db.campaignWatch.deleteMany({ where: key });
      return count > 0;
    });
  }

  list(query: WatchQuery): Promise<CampaignWatch[]> {
    return atStoreBoundary(() =>
      this.#db.campaignWatch.findMany({
        where: {
          ...(query.orgSlug ? { orgSlug: query.orgSlug } : {}),
          ...(query.platform ? { platform: query.platform } : {}),
          ...(query.channel ? { channel: query.channel } : {}),
        },
        orderBy: { createdAt: "asc" },
      }),
    );
  }
}
