/**
 * Chat identity → Genesys identity mappings on Prisma, one per (chat identity, org). The Genesys side
 * is a user or a role, stored as `kind` plus the matching columns (no enums: SQLite has none).
 */

import type { Clock } from "../core/kernel/clock.js";
import { systemClock } from "../core/kernel/clock.js";
import type { ChatIdentity } from "../core/kernel/model.js";
import { SameTurnReads } from "../core/kernel/same-turn-reads.js";
import type { GenesysIdentity, IdentityMapping, IdentityStore } from "../core/ports/identity-store.js";
import type { Db } from "./db.js";
import { atStoreBoundary } from "./errors.js";
import type { IdentityMapping as MappingRow } from "./generated/sqlite/client.js";
import type { SqliteDirectReads } from "./sqlite-direct-reads.js";

export class PrismaIdentityStore implements IdentityStore {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #reads = new SameTurnReads<IdentityMapping | null>();
  readonly #direct: SqliteDirectReads | undefined;

  /** @param options.directReads SQLite: the mapping read every command makes, without Prisma. */
  constructor(db: Db, options: { clock?: Clock; directReads?: SqliteDirectReads } = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
    this.#direct = options.directReads;
  }

  /** A replaced mapping is a new decision: createdBy and createdAt describe the latest one. */
  map(input: {
    chatIdentity: ChatIdentity;
    orgSlug: string;
    genesys: GenesysIdentity;
    createdBy: string;
  }): Promise<IdentityMapping> {
    const fields = {
      ...genesysColumns(input.genesys),
      createdBy: input.createdBy,
      createdAt: this.#clock.now(),
    };
    return atStoreBoundary(async () =>
      toMapping(
        await this.#db.identityMapping.upsert({
          where: { chatIdentity_orgSlug: { chatIdentity: input.chatIdentity, orgSlug: input.orgSlug } },
          create: { chatIdentity: input.chatIdentity, orgSlug: input.orgSlug, ...fields },
          update: fields,
        }),
      ),
    );
  }

  unmap(chatIdentity: ChatIdentity, orgSlug: string): Promise<boolean> {
    return atStoreBoundary(
      async () => (await this.#db.identityMapping.deleteMany({ where: { chatIdentity, orgSlug } })).count > 0,
    );
  }

  get(chatIdentity: ChatIdentity, orgSlug: string): Promise<IdentityMapping | null> {
    return this.#reads.read(`${orgSlug}\u0000${chatIdentity}`, () => this.#get(chatIdentity, orgSlug));
  }

  #get(chatIdentity: ChatIdentity, orgSlug: string): Promise<IdentityMapping | null> {
    return atStoreBoundary(async () => {
      // findFirst, not findUnique: concurrent findUniques are merged into one query with two bind
      // parameters each, past SQLite's limit of 999 in a burst of commands (prisma/prisma#23957).
      const direct = this.#direct?.mapping(chatIdentity, orgSlug);
      const row =
        direct !== undefined
          ? direct
          : await this.#db.identityMapping.findFirst({ where: { chatIdentity, orgSlug } });
      return row ? toMapping(row) : null;
    });
  }

  forIdentity(chatIdentity: ChatIdentity): Promise<IdentityMapping[]> {
    return atStoreBoundary(async () =>
      (await this.#db.identityMapping.findMany({ where: { chatIdentity }, orderBy: { orgSlug: "asc" } })).map(
        toMapping,
      ),
    );
  }

  /** Declares two chat identities one person; true when the link is new. Stored once per pair. */
  link(a: ChatIdentity, b: ChatIdentity, createdBy: string): Promise<boolean> {
    const [identityA, identityB] = a < b ? [a, b] : [b, a];
    return atStoreBoundary(async () => {
      const existing = await this.#db.identityLink.findFirst({ where: { identityA, identityB } });
      if (existing) return false;
      await this.#db.identityLink.create({
        data: { identityA, identityB, createdBy, createdAt: this.#clock.now() },
      });
      return true;
    });
  }

  unlink(a: ChatIdentity, b: ChatIdentity): Promise<boolean> {
    const [identityA, identityB] = a < b ? [a, b] : [b, a];
    return atStoreBoundary(
      async () => (await this.#db.identityLink.deleteMany({ where: { identityA, identityB } })).count > 0,
    );
  }

  links(): Promise<Array<[ChatIdentity, ChatIdentity]>> {
    return atStoreBoundary(async () =>
      (await this.#db.identityLink.findMany()).map((l): [ChatIdentity, ChatIdentity] => [
        l.identityA,
        l.identityB,
      ]),
    );
  }

  list(): Promise<IdentityMapping[]> {
    return atStoreBoundary(async () =>
      (
        await this.#db.identityMapping.findMany({ orderBy: [{ chatIdentity: "asc" }, { orgSlug: "asc" }] })
      ).map(toMapping),
    );
  }
}

/** Every Genesys column is written, so switching a mapping from user to role clears the user fields. */
function genesysColumns(genesys: GenesysIdentity) {
  return genesys.kind === "user"
    ? {
        kind: "user",
        genesysUserId: genesys.userId,
        genesysEmail: genesys.email ?? null,
        genesysRoleName: null,
      }
    : { kind: "role", genesysUserId: null, genesysEmail: null, genesysRoleName: genesys.roleName };
}

function toMapping(row: MappingRow): IdentityMapping {
  return {
    chatIdentity: row.chatIdentity,
    orgSlug: row.orgSlug,
    genesys: toGenesys(row),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

function toGenesys(row: MappingRow): GenesysIdentity {
  if (row.kind === "user" && row.genesysUserId !== null) {
    return { kind: "user", userId: row.genesysUserId, email: row.genesysEmail };
  }
  if (row.kind === "role" && row.genesysRoleName !== null)
    return { kind: "role", roleName: row.genesysRoleName };
  // Only map() writes rows, always consistently: anything else is corruption, not user error.
  throw new Error(`identity mapping ${row.chatIdentity} @ ${row.orgSlug} is corrupt (kind "${row.kind}")`);
}
