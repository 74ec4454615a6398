/** The audit: an append-only hash chain of what was asked, done and refused. */
import type { ChatIdentity } from "../kernel/model.js";

export type AuditOutcome = "intent" | "success" | "failure" | "denied" | "pending" | "info";

export interface NewAuditEvent {
  actor: ChatIdentity;
  /** The mapped Genesys identity acted for, when known (`user:<id>` / `role:<name>`). */
  genesysIdentity?: string | null;
  platform: string;
  channel: string;
  orgSlug?: string | null;
  action: string;
  /** Usually a campaign: `<id>` with its name in `targetName`. */
  target?: string | null;
  targetName?: string | null;
  reason?: string | null;
  outcome: AuditOutcome;
  /** For an outcome row: the id of the intent row it closes. */
  intentId?: string | null;
  contextId?: string | null;
  correlationId?: string | null;
  durationMs?: number | null;
  /** Small JSON-serialisable detail (status before/after, error code…). Never secrets. */
  detail?: Record<string, unknown> | null;
}

export interface AuditEntry extends NewAuditEvent {
  id: string;
  /** Position in the hash chain, 1-based, gap-free. */
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  orgSlug?: string;
  target?: string;
  actor?: string;
  /** Rows about one campaign: its id as `target`, or its name as recorded (any letter case). */
  campaign?: string;
  /** Leave out rows with these outcomes (`audit` leaves out read-only `info` rows). */
  excludeOutcomes?: AuditOutcome[];
  /** Only rows older than this position (the next page of a newest-first listing). */
  beforeSeq?: number;
  /** Newest first; default 20. */
  limit?: number;
}

export interface AuditLog {
  /** Appends one row to the hash chain (safe under concurrent writers and replicas). */
  append(event: NewAuditEvent): Promise<AuditEntry>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
  /**
   * The newest row carrying this Genesys contextId (a failed call's outcome row), or null. Lets
   * `explain <contextId>` start from what was recorded when the call failed.
   */
  findByContextId(contextId: string): Promise<AuditEntry | null>;
  /**
   * Intent rows written before `before` that no outcome row closes (none carries their id as
   * `intentId`), oldest first: what a crash between a Genesys call and its outcome left behind.
   */
  openIntents(query: OpenIntentQuery): Promise<AuditEntry[]>;
  /** Claims reconciling one intent; true for exactly one caller across processes and replicas. */
  claimReconciliation(intentId: string, owner: string, at: Date): Promise<boolean>;
}

export interface OpenIntentQuery {
  before: Date;
  orgSlug?: string;
  target?: string;
  /** Default 50. */
  limit?: number;
}
