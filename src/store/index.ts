/**
 * The store: Prisma implementations of the core's persistence ports over SQLite or PostgreSQL.
 * openStore() is what the composition root calls; everything else here is for tests and tooling.
 */

import type { Clock } from "../core/kernel/clock.js";
import type { AlertStore } from "../core/ports/alert-store.js";
import type { ApprovalStore } from "../core/ports/approval-store.js";
import type { BulkStore } from "../core/ports/bulk-store.js";
import type { DeliveryDedupe } from "../core/ports/delivery-dedupe.js";
import type { IdentityStore } from "../core/ports/identity-store.js";
import type { LeaseStore } from "../core/ports/lease-store.js";
import type { OrgStore } from "../core/ports/org-store.js";
import type { ScheduleStore } from "../core/ports/schedule-store.js";
import type { SlackInstallationStore } from "../core/ports/slack-installation-store.js";
import type { TeamsConversationStore } from "../core/ports/teams-conversation-store.js";
import type { WatchStore } from "../core/ports/watch-store.js";
import type { AuditKeyring } from "./audit-chain.js";
import type { SecretCipher } from "./cipher.js";
import { sqliteFilePath } from "./database-url.js";
import { type Db, type OpenDbOptions, openDb, type Provider } from "./db.js";
import { atStoreBoundary } from "./errors.js";
import { PrismaAlertStore } from "./prisma-alert-store.js";
import { PrismaApprovalStore } from "./prisma-approval-store.js";
import { PrismaAuditLog } from "./prisma-audit-log.js";
import { PrismaBulkStore } from "./prisma-bulk-store.js";
import { PrismaDeliveryDedupe } from "./prisma-delivery-dedupe.js";
import { PrismaGrantsKeep } from "./prisma-grants-keep.js";
import { PrismaIdentityStore } from "./prisma-identity-store.js";
import { PrismaLeaseStore } from "./prisma-lease-store.js";
import { PrismaOrgStore } from "./prisma-org-store.js";
import { PrismaScheduleStore } from "./prisma-schedule-store.js";
import { PrismaSlackInstallationStore } from "./prisma-slack-installation-store.js";
import { PrismaTeamsConversationStore } from "./prisma-teams-conversation-store.js";
import { PrismaTokenVaults } from "./prisma-token-vault.js";
import { PrismaWatchStore } from "./prisma-watch-store.js";
import { ensureMigrated } from "./schema-engine/deploy.js";
import { sqliteDirectReads } from "./sqlite-direct-reads.js";

export { type AuditKey, type AuditKeyring, auditKeyFrom, deriveAuditKey } from "./audit-chain.js";
export {
  type AuditCheckpoint,
  formatCheckpoint,
  parseCheckpoints,
} from "./audit-checkpoint.js";
export type { SealedSecret, SecretCipher } from "./cipher.js";
export { createCipher, keyIdFor, parseMasterKey } from "./cipher.js";
export { type Db, openDb, type Provider, providerOf } from "./db.js";
export { atStoreBoundary, isUniqueViolation, translateStoreError } from "./errors.js";
export { ensureKeyFile } from "./key-file.js";
export { PrismaApprovalStore, type PrismaApprovalStoreOptions } from "./prisma-approval-store.js";
export { PrismaAuditLog, type VerifyResult } from "./prisma-audit-log.js";
export { PrismaBulkStore, type PrismaBulkStoreOptions } from "./prisma-bulk-store.js";
export { PrismaDeliveryDedupe, type PrismaDeliveryDedupeOptions } from "./prisma-delivery-dedupe.js";
export { PrismaIdentityStore } from "./prisma-identity-store.js";
export { PrismaLeaseStore, type PrismaLeaseStoreOptions } from "./prisma-lease-store.js";
export { PrismaOrgStore } from "./prisma-org-store.js";
export { PrismaScheduleStore, type PrismaScheduleStoreOptions } from "./prisma-schedule-store.js";
export { PrismaSlackInstallationStore } from "./prisma-slack-installation-store.js";
export { deployMigrations, ensureMigrated, migrationStatus } from "./schema-engine/index.js";

export interface OpenStoreOptions extends OpenDbOptions {
  url: string;
  cipher: SecretCipher;
  /** Keys the audit chain is sealed with (from the configuration); absent = unkeyed rows. */
  auditKeys?: AuditKeyring;
  clock?: Clock;
  /** Skip the start-up migration check (the caller has just deployed, or must not write DDL). */
  skipMigrations?: boolean;
}

export interface Store {
  db: Db;
  provider: Provider;
  orgs: OrgStore & Pick<PrismaOrgStore, "resealSecrets" | "countStale">;
  identities: IdentityStore;
  audit: PrismaAuditLog;
  approvals: ApprovalStore;
  /** Bulk pause/resume jobs and their items (claimed once each across replicas). */
  bulk: BulkStore;
  /** Scheduled resumes (`pause … --for`), claimed once each across replicas. */
  schedules: ScheduleStore;
  /** Which chat channels watch which campaigns (alerts). */
  watches: WatchStore;
  /** Alert incidents, their posts and mutes (deduplicated in the database). */
  alerts: AlertStore;
  /** Chat deliveries already handled (Slack retries, several replicas). */
  dedupe: DeliveryDedupe;
  /** Expiring claims shared by replicas (`listener:<org>`: who listens to an org). */
  leases: LeaseStore;
  /** Where Teams conversations are reached for proactive posts (alerts after a restart). */
  teamsConversations: TeamsConversationStore;
  slackInstallations: SlackInstallationStore & Pick<PrismaSlackInstallationStore, "resealAll" | "countStale">;
  /** Org access tokens kept between processes, sealed with the master key. */
  tokenVaults: PrismaTokenVaults;
  grantsKeep: PrismaGrantsKeep;
  /** Resolves when the database answers a trivial query (readiness probes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date (fast when it already is) and builds the stores. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { db, provider, chainWriter, close } = await openDb(options.url, options);
  try {
    if (!options.skipMigrations) await ensureMigrated(options.url, { db });
  } catch (error) {
    await close();
    throw error;
  }
  const clock = options.clock;
  // One in-process write queue per database: a SQLite file however its URL is spelled.
  const lockKey = provider === "sqlite" ? sqliteFilePath(options.url) : options.url;
  // SQLite: the reads every command makes skip Prisma, on its connection (the chain writer's).
  const direct = chainWriter ? { directReads: sqliteDirectReads(chainWriter) } : {};
  return {
    db,
    provider,
    orgs: new PrismaOrgStore(db, options.cipher, { clock, ...direct }),
    identities: new PrismaIdentityStore(db, { clock, ...direct }),
    audit: new PrismaAuditLog(db, provider, {
      clock,
      lockKey,
      keys: options.auditKeys,
      ...(chainWriter ? { chainWriter } : {}),
      ...direct,
    }),
    approvals: new PrismaApprovalStore(db, provider, { clock, lockKey }),
    bulk: new PrismaBulkStore(db, provider, { clock, lockKey }),
    schedules: new PrismaScheduleStore(db, provider, { clock, lockKey }),
    watches: new PrismaWatchStore(db, { clock }),
    alerts: new PrismaAlertStore(db, { clock }),
    dedupe: new PrismaDeliveryDedupe(db, { clock }),
    leases: new PrismaLeaseStore(db, provider, { clock, lockKey }),
    slackInstallations: new PrismaSlackInstallationStore(db, options.cipher, { clock }),
    teamsConversations: new PrismaTeamsConversationStore(db, { clock }),
    tokenVaults: new PrismaTokenVaults(db, options.cipher, chainWriter),
    grantsKeep: new PrismaGrantsKeep(db, chainWriter),
    ping: () =>
      atStoreBoundary(async () => {
        await db.$queryRawUnsafe("SELECT 1");
      }),
    close,
  };
}
