/** AuditLog in memory: rows kept in order, so a test can read what a rule recorded. No hash chain. */
import type {
  AuditEntry,
  AuditLog,
  AuditQuery,
  NewAuditEvent,
  OpenIntentQuery,
} from "../../src/core/ports/audit-log.js";

export class FakeAuditLog implements AuditLog {
  /** Oldest first. */
  readonly rows: AuditEntry[] = [];
  readonly #claims = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async append(event: NewAuditEvent): Promise<AuditEntry> {
    const seq = this.rows.length + 1;
    const entry: AuditEntry = {
      ...structuredClone(event),
      id: `audit-${seq}`,
      seq,
      at: this.now(),
      prevHash: String(seq - 1),
      hash: String(seq),
    };
    this.rows.push(entry);
    return entry;
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const campaign = query.campaign?.toLowerCase();
    return this.rows
      .filter(
        (r) =>
          (query.orgSlug === undefined || r.orgSlug === query.orgSlug) &&
          (query.target === undefined || r.target === query.target) &&
          (query.actor === undefined || r.actor === query.actor) &&
          (campaign === undefined ||
            r.target === query.campaign ||
            r.targetName?.toLowerCase() === campaign) &&
          !query.excludeOutcomes?.includes(r.outcome) &&
          (query.beforeSeq === undefined || r.seq < query.beforeSeq),
      )
      .reverse()
      .slice(0, query.limit ?? 20);
  }

  async findByContextId(contextId: string): Promise<AuditEntry | null> {
    return [...this.rows].reverse().find((r) => r.contextId === contextId) ?? null;
  }

  async openIntents(query: OpenIntentQuery): Promise<AuditEntry[]> {
    const closed = new Set(this.rows.map((r) => r.intentId).filter(Boolean));
    return this.rows
      .filter(
        (r) =>
          r.outcome === "intent" &&
          !closed.has(r.id) &&
          r.at.getTime() < query.before.getTime() &&
          (query.orgSlug === undefined || r.orgSlug === query.orgSlug) &&
          (query.target === undefined || r.target === query.target),
      )
      .slice(0, query.limit ?? 50);
  }

  async claimReconciliation(intentId: string): Promise<boolean> {
    if (this.#claims.has(intentId)) return false;
    this.#claims.add(intentId);
    return true;
  }
}
