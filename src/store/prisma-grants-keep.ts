/**
 * Kept grants on Prisma (`grants_cache`). Failures are never fatal: grants that cannot be read or
 * written only mean one more read from Genesys.
 */
import type { GrantsKeep, KeptGrants } from "../core/permissions/grants-keep.js";
import type { Db } from "./db.js";

export class PrismaGrantsKeep implements GrantsKeep {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async load(chatIdentity: string, orgSlug: string): Promise<KeptGrants | undefined> {
    try {
      // findFirst, not findUnique: concurrent findUniques are merged into one query (see PrismaOrgStore.get).
      const row = await this.#db.grantsCache.findFirst({ where: { chatIdentity, orgSlug } });
      return row ? { mappingKey: row.mappingKey, readAt: row.readAt, lookup: row.lookup } : undefined;
    } catch {
      return undefined;
    }
  }

  async save(chatIdentity: string, orgSlug: string, kept: KeptGrants): Promise<void> {
    await this.#db.grantsCache
      .upsert({
        where: { chatIdentity_orgSlug: { chatIdentity, orgSlug } },
        create: { chatIdentity, orgSlug, ...kept },
        update: kept,
      })
      .catch(() => {});
  }

  async drop(chatIdentity?: string, orgSlug?: string): Promise<void> {
    await this.#db.grantsCache
      .deleteMany({
        where: {
          ...(chatIdentity === undefined ? {} : { chatIdentity }),
          ...(orgSlug === undefined ? {} : { orgSlug }),
        },
      })
      .catch(() => {});
  }
}
