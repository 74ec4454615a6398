import type { Clock } from "./kernel/clock.js";
import type { Logger } from "./kernel/logger.js";
import type { PermissionGate } from "./permissions/permission-gate.js";
import type { PolicySource } from "./policy/policy-source.js";
import type { AlertStore } from "./ports/alert-store.js";
import type { ApprovalStore } from "./ports/approval-store.js";
import type { AuditLog } from "./ports/audit-log.js";
import type { BulkStore } from "./ports/bulk-store.js";
import type { GenesysGateway } from "./ports/genesys-gateway.js";
import type { IdentityStore } from "./ports/identity-store.js";
import type { OrgStore } from "./ports/org-store.js";
import type { ScheduleStore } from "./ports/schedule-store.js";
import type { WatchStore } from "./ports/watch-store.js";

interface CoreSettings {
  /** How long pause waits for `stopping → off` before answering "still stopping". */
  stopWaitMs: number;
  /** Poll interval while waiting for a campaign to change state. */
  pollIntervalMs: number;
  /** Rows shown by `list` before it asks for a filter. */
  listLimit: number;
  /** Campaigns a bulk job switches at once per org (orgs run in parallel; the org client rate-limits). */
  bulkConcurrency: number;
  /**
   * How long background and bulk work (bulk jobs, scheduled resumes) waits out a Genesys
   * Retry-After longer than the org client's own retries, counted from the start of the run.
   */
  retryBudgetMs: number;
  /**
   * This process runs one command and exits (`switchboard exec`): nothing scheduled runs in it, so
   * replies must not promise that it will; `serve` (or the interactive shell) runs due work.
   */
  oneShot?: boolean;
}

/** Everything a command may use. Built once by the composition root. */
export interface CoreServices {
  orgs: OrgStore;
  identities: IdentityStore;
  audit: AuditLog;
  genesys: GenesysGateway;
  clock: Clock;
  logger: Logger;
  settings: CoreSettings;
  approvals: ApprovalStore;
  /** Bulk pause/resume jobs (`--all`, `--match`): the plan and each item's outcome. */
  bulk: BulkStore;
  /** Scheduled resumes (`pause … --for 45m`). */
  schedules: ScheduleStore;
  /** Campaigns watched for alerts, per chat channel (`watch`). */
  watches: WatchStore;
  /** Alert incidents, posts and mutes (`mute`). */
  alerts: AlertStore;
  /** The approval policy in force (reloaded when its file changes). */
  policy: PolicySource;
  /** The caller's Genesys permission check (mapped user/role × division); admins are not exempt. */
  gate: PermissionGate;
  /** Chat identities allowed to administer (link orgs, map users). */
  isAdmin(identity: string): boolean;
}
