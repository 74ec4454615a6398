/**
 * Linked orgs on Prisma. The client secret is sealed before it reaches the database and opened only
 * by credentials(); the sealed value is bound to its org slug (AES-GCM associated data), so a
 * ciphertext copied onto another org's row does not open.
 */

import { type Clock, systemClock } from "../core/kernel/clock.js";
import { SameTurnReads } from "../core/kernel/same-turn-reads.js";
import type {
  LinkedOrg,
  LinkOrgInput,
  OrgCredentials,
  OrgHealth,
  OrgStore,
} from "../core/ports/org-store.js";
import type { SealedSecret, SecretCipher } from "./cipher.js";
import type { Db } from "./db.js";
import { atStoreBoundary } from "./errors.js";
import type { LinkedOrg as LinkedOrgRow } from "./generated/sqlite/client.js";
import type { SqliteDirectReads } from "./sqlite-direct-reads.js";

const HEALTH: readonly OrgHealth[] = ["unknown", "ok", "broken"];

export class PrismaOrgStore implements OrgStore {
  readonly #db: Db;
  readonly #cipher: SecretCipher;
  readonly #clock: Clock;
  readonly #reads = new SameTurnReads<LinkedOrg | null>();
  readonly #direct: SqliteDirectReads | undefined;

  /** @param options.directReads SQLite: the org read every command makes, without Prisma. */
  constructor(
    db: Db,
    cipher: SecretCipher,
    options: { clock?: Clock; directReads?: SqliteDirectReads } = {},
  ) {
    this.#db = db;
    this.#cipher = cipher;
    this.#clock = options.clock ?? systemClock;
    this.#direct = options.directReads;
  }

  list(): Promise<LinkedOrg[]> {
    return atStoreBoundary(async () =>
      (await this.#db.linkedOrg.findMany({ orderBy: { slug: "asc" } })).map(toOrg),
    );
  }

  get(slug: string): Promise<LinkedOrg | null> {
    return this.#reads.read(slug, () => this.#get(slug));
  }

  #get(slug: string): Promise<LinkedOrg | null> {
    return atStoreBoundary(async () => {
      // findFirst, not findUnique: Prisma merges concurrent findUniques into one query with a bind
      // parameter each, which SQLite refuses past 999 (prisma/prisma#23957). Every command reads its
      // org, so a burst of commands would fail together; the primary key keeps findFirst as cheap.
      const direct = this.#direct?.org(slug);
      const row = direct !== undefined ? direct : await this.#db.linkedOrg.findFirst({ where: { slug } });
      return row ? toOrg(row) : null;
    });
  }

  /**
   * Relinking replaces everything, credentials included, and resets health to "unknown": the old
   * verdict was about the old credentials. `linkedAt` keeps the first link time.
   */
  upsert(input: LinkOrgInput): Promise<LinkedOrg> {
    const sealed = this.#cipher.seal(input.clientSecret, secretContext(input.slug));
    const fields = {
      genesysOrgId: input.genesysOrgId,
      name: input.name,
      region: input.region,
      clientId: input.clientId,
      ...sealedColumns(sealed),
      health: "unknown",
      healthReason: null,
      healthCheckedAt: null,
    };
    return atStoreBoundary(async () =>
      toOrg(
        await this.#db.linkedOrg.upsert({
          where: { slug: input.slug },
          create: { slug: input.slug, ...fields, linkedAt: this.#clock.now() },
          update: fields,
        }),
      ),
    );
  }

  /** Removes only the link: identity mappings and audit rows stay (no foreign keys, by design). */
  unlink(slug: string): Promise<boolean> {
    return atStoreBoundary(async () => (await this.#db.linkedOrg.deleteMany({ where: { slug } })).count > 0);
  }

  credentials(slug: string): Promise<OrgCredentials | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.linkedOrg.findUnique({ where: { slug } });
      if (!row) return null;
      return { clientId: row.clientId, clientSecret: this.#cipher.open(sealedOf(row), secretContext(slug)) };
    });
  }

  /** A no-op for an unknown slug: the org may have been unlinked while its check ran. */
  setHealth(slug: string, health: OrgHealth, reason: string | null = null): Promise<void> {
    return atStoreBoundary(async () => {
      await this.#db.linkedOrg.updateMany({
        where: { slug },
        data: { health, healthReason: reason, healthCheckedAt: this.#clock.now() },
      });
    });
  }

  setAutomap(slug: string, on: boolean): Promise<boolean> {
    return atStoreBoundary(
      async () => (await this.#db.linkedOrg.updateMany({ where: { slug }, data: { automap: on } })).count > 0,
    );
  }

  /**
   * Re-seals every secret not sealed with the cipher's active key (`switchboard keys rotate`); the old
   * keys must still be configured. Returns how many secrets were re-sealed.
   */
  /** How many org secrets are sealed with an older key (`keys rotate` dry run). */
  countStale(): Promise<number> {
    return atStoreBoundary(() =>
      this.#db.linkedOrg.count({ where: { secretKeyId: { not: this.#cipher.activeKeyId } } }),
    );
  }

  resealSecrets(): Promise<number> {
    return atStoreBoundary(async () => {
      const stale = await this.#db.linkedOrg.findMany({
        where: { secretKeyId: { not: this.#cipher.activeKeyId } },
      });
      for (const row of stale) {
        const plain = this.#cipher.open(sealedOf(row), secretContext(row.slug));
        const resealed = sealedColumns(this.#cipher.seal(plain, secretContext(row.slug)));
        // Guarded by the old key id: a concurrent relink (already sealed anew) is left alone.
        await this.#db.linkedOrg.updateMany({
          where: { slug: row.slug, secretKeyId: row.secretKeyId },
          data: resealed,
        });
      }
      return stale.length;
    });
  }
}

function secretContext(slug: string): string {
  return `linked_org:${slug}`;
}

function sealedColumns(sealed: SealedSecret) {
  return {
    secretCiphertext: sealed.ciphertext,
    secretNonce: sealed.nonce,
    secretTag: sealed.tag,
    secretKeyId: sealed.keyId,
  };
}

function sealedOf(row: LinkedOrgRow): SealedSecret {
  return {
    ciphertext: row.secretCiphertext,
    nonce: row.secretNonce,
    tag: row.secretTag,
    keyId: row.secretKeyId,
  };
}

/** The port's view: never the sealed secret. An unexpected health string reads as "unknown". */
function toOrg(row: LinkedOrgRow): LinkedOrg {
  return {
    slug: row.slug,
    genesysOrgId: row.genesysOrgId,
    name: row.name,
    region: row.region,
    clientId: row.clientId,
    health: HEALTH.find((h) => h === row.health) ?? "unknown",
    healthReason: row.healthReason,
    healthCheckedAt: row.healthCheckedAt,
    automap: row.automap,
    linkedAt: row.linkedAt,
    updatedAt: row.updatedAt,
  };
}
