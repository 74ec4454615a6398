/**
 * Kept grants on Prisma (`grants_cache`). Failures are never fatal: grants that cannot be read or
 * written only mean one more read from Genesys.
 */
import type { GrantsKeep, KeptGrants } from "../core/permissions/grants-keep.js";
import type { Db } from "./db.js";
import { type UnsyncedWriter, writeKeptCache } from "./kept-cache-write.js";
import { sqliteDateTime } from "./sqlite-datetime.js";

const UPSERT_SQL =
  "INSERT INTO grants_cache (chat_identity, org_slug, mapping_key, read_at, lookup) VALUES (?, ?, ?, ?, ?)" +
  " ON CONFLICT (chat_identity, org_slug) DO UPDATE SET mapping_key = excluded.mapping_key," +
  " read_at = excluded.read_at, lookup = excluded.lookup";

export class PrismaGrantsKeep implements GrantsKeep {
  readonly #db: Db;
  readonly #unsynced: UnsyncedWriter | undefined;

  /** @param unsynced SQLite: saves grants without an fsync of their own (kept grants are a cache). */
  constructor(db: Db, unsynced?: UnsyncedWriter) {
    this.#db = db;
    this.#unsynced = unsynced;
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
    // Grants that could not be kept only mean one more read.
    await writeKeptCache(
      this.#unsynced,
      UPSERT_SQL,
      () => [chatIdentity, orgSlug, kept.mappingKey, sqliteDateTime(kept.readAt), kept.lookup],
      () =>
        this.#db.grantsCache.upsert({
          where: { chatIdentity_orgSlug: { chatIdentity, orgSlug } },
          create: { chatIdentity, orgSlug, ...kept },
          update: kept,
        }),
    );
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
