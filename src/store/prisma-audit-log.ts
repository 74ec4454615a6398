/**
 * The audit log on Prisma: an append-only hash chain (see audit-chain.ts).
 *
 * Appending is inherently serial (each row needs the previous row's hash), so writers take a lock
 * instead of racing and retrying: within one process a promise queue per database; across processes
 * and replicas, inside the append transaction, PostgreSQL's transaction-scoped advisory lock or
 * SQLite's write lock (taken up front by a no-op UPDATE, so the busy timeout applies instead of a
 * snapshot conflict). The in-process queue matters doubly on SQLite: better-sqlite3 waits for a lock
 * synchronously, so two clients of one file in one process would otherwise block the very event loop
 * the lock holder needs to commit.
 * Optimistic insert-and-retry on the unique `seq` would also be correct, but under contention every
 * writer but one fails per round (O(n²) attempts for n concurrent appends); the unique index stays
 * as the last line of defence, with a few retries should anything ever slip past the lock.
 *
 * Group commit: appends that arrive while one transaction is committing wait together and go into
 * the next transaction as one batch, in call order (one lock, one read of the head, one commit and
 * fsync for the lot). Each caller's promise settles only after its batch has committed, so nothing
 * acknowledged can be lost; a lone append waits one event-loop turn (see #flush), nothing more. A batch that fails
 * for any reason other than a lost race is retried one event at a time, so one bad event cannot
 * fail the others.
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../core/kernel/clock.js";
import { systemClock } from "../core/kernel/clock.js";
import { SameTurnReads } from "../core/kernel/same-turn-reads.js";
import type {
  AuditEntry,
  AuditLog,
  AuditOutcome,
  AuditQuery,
  NewAuditEvent,
  OpenIntentQuery,
} from "../core/ports/audit-log.js";
import {
  type AuditKeyring,
  CHAIN_START,
  type ChainFields,
  type ChainRow,
  type ChainState,
  canonicalJson,
  checkChain,
  GENESIS_HASH,
  sealRow,
} from "./audit-chain.js";
import {
  type AuditCheckpoint,
  checkpointProblem,
  checkpointSignatureProblem,
  signCheckpoint,
} from "./audit-checkpoint.js";
import type { Provider } from "./database-url.js";
import type { Db } from "./db.js";
import { atStoreBoundary, isUniqueViolation } from "./errors.js";
import type { AuditEvent, Prisma } from "./generated/sqlite/client.js";
import { serialised } from "./serial-queue.js";
import { type ChainHead, type SqliteChainWriter, WalSyncError } from "./sqlite-chain-writer.js";
import type { SqliteDirectReads } from "./sqlite-direct-reads.js";

/** pg_advisory_xact_lock key: "SWBAUDIT" as a big-endian int8 (Prisma's migrate lock is 72707369). */
const PG_AUDIT_LOCK_KEY = "6005341476492691796";
const MAX_ATTEMPTS = 5;
const VERIFY_BATCH = 500;
const MAX_LIST = 500;
/**
 * How long "no open intents for this campaign" is believed without asking again. A status asks on
 * every command (one statement of its four reads) and the answer is nearly always "none"; an intent
 * is only open once it is older than the grace period (minutes), so believing "none" this much longer
 * only reconciles another process's crashed switch up to this much later. Intents appended in this
 * process forget every answer at once.
 */
const NO_OPEN_INTENTS_TTL_MS = 2_000;
const NO_OPEN_INTENTS_KEPT = 1_000;
/** Events per group commit: bounds the transaction's length (SQLite holds its write lock throughout). */
const MAX_BATCH = 200;

interface PendingAppend {
  event: NewAuditEvent;
  resolve(entry: AuditEntry): void;
  reject(error: unknown): void;
}

export type VerifyResult =
  | {
      ok: true;
      count: number;
      /** Rows written before the keyed chain began (sealed by the first keyed row after them). */
      unkeyed?: number;
      /** Checkpoints the log was checked against. */
      anchors?: number;
    }
  | { ok: false; seq: number; problem: string };

export class PrismaAuditLog implements AuditLog {
  readonly #db: Db;
  readonly #provider: Provider;
  readonly #clock: Clock;
  readonly #lockKey: string;
  readonly #keys: AuditKeyring | undefined;
  readonly #chainWriter: SqliteChainWriter | undefined;
  readonly #direct: SqliteDirectReads | undefined;
  /** Appends waiting for the next group commit, in call order. */
  #pending: PendingAppend[] = [];
  #flushing = false;
  /** Queries (org, target) last answered "no open intents", with the `before` they were asked for. */
  #noOpenIntents = new Map<string, number>();
  readonly #listReads = new SameTurnReads<AuditEntry[]>();
  readonly #openIntentReads = new SameTurnReads<AuditEntry[]>();
  /** Per (org, target) open-intent read not yet started: the latest `before` its callers asked for. */
  readonly #latestBefore = new Map<string, number>();

  /**
   * @param options.lockKey identifies the database (openStore passes its URL) so that every audit log
   *   on it in this process appends through one queue; by default each instance has its own.
   * @param options.keys the audit keys (from the configuration, never the database): rows are sealed
   *   with HMAC under the active one. Without keys rows are unkeyed (tools and old tests only).
   * @param options.chainWriter SQLite: appends that sync the WAL off the event loop (openStore passes
   *   it); without it every append goes through Prisma.
   * @param options.directReads SQLite: plain listings (a campaign's last rows, read by every `status`)
   *   without Prisma.
   */
  constructor(
    db: Db,
    provider: Provider,
    options: {
      clock?: Clock;
      lockKey?: string;
      keys?: AuditKeyring;
      chainWriter?: SqliteChainWriter;
      directReads?: SqliteDirectReads;
    } = {},
  ) {
    this.#db = db;
    this.#provider = provider;
    this.#clock = options.clock ?? systemClock;
    this.#lockKey = options.lockKey ?? randomUUID();
    this.#keys = options.keys;
    this.#chainWriter = options.chainWriter;
    this.#direct = options.directReads;
  }

  append(event: NewAuditEvent): Promise<AuditEntry> {
    if (event.outcome === "intent") this.#noOpenIntents.clear();
    return new Promise((resolve, reject) => {
      this.#pending.push({ event, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  /**
   * Commits what is waiting, batch after batch, until nothing is. Each batch is taken one event-loop
   * turn after the last commit (setImmediate): on SQLite the commit and its fsync run synchronously on
   * this thread, and a transaction's statements settle in microtasks, so without that turn no other
   * command's append could ever join a batch — answers that arrived during the fsync are only read
   * (and their commands' appends made) in the I/O phase that the turn lets run.
   */
  async #flush(): Promise<void> {
    try {
      while (this.#pending.length) {
        const batch = this.#pending.splice(0, MAX_BATCH);
        // One transaction at a time per database in this process: no connection waits on the lock.
        await serialised(this.#lockKey, () => this.#commit(batch));
        if (this.#pending.length) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#flushing = false;
    }
  }

  async #commit(batch: PendingAppend[]): Promise<void> {
    try {
      const entries = await atStoreBoundary(() => this.#appendWithRetry(batch.map((p) => p.event)));
      batch.forEach((p, i) => {
        const entry = entries[i];
        if (entry) p.resolve(entry);
        else p.reject(new Error("audit append returned fewer rows than it was given"));
      });
    } catch (error) {
      // Committed but maybe not durable: appending the events again would record them twice.
      if (batch.length === 1 || error instanceof WalSyncError) {
        for (const p of batch) p.reject(error);
        return;
      }
      for (const p of batch) {
        try {
          const [entry] = await atStoreBoundary(() => this.#appendWithRetry([p.event]));
          if (entry) p.resolve(entry);
          else p.reject(new Error("audit append returned no row"));
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  list(query: AuditQuery): Promise<AuditEntry[]> {
    // Each caller gets its own array (it may sort or trim it); the rows themselves are shared.
    return this.#listReads.read(listKey(query), () => this.#list(query)).then((rows) => rows.slice());
  }

  #list(query: AuditQuery): Promise<AuditEntry[]> {
    const take = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), MAX_LIST);
    return atStoreBoundary(async () => {
      const direct = this.#directList(query, take);
      if (direct) return direct.map(toEntry);
      const where: Prisma.AuditEventWhereInput = {
        orgSlug: query.orgSlug,
        target: query.target,
        actor: query.actor,
        ...(query.excludeOutcomes?.length ? { outcome: { notIn: query.excludeOutcomes } } : {}),
        ...(query.beforeSeq !== undefined ? { seq: { lt: query.beforeSeq } } : {}),
      };
      if (query.campaign !== undefined) {
        const names = await this.#recordedNames(query.orgSlug, query.campaign);
        where.OR = [{ target: query.campaign }, ...(names.length ? [{ targetName: { in: names } }] : [])];
      }
      const rows = await this.#db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take });
      return rows.map(toEntry);
    });
  }

  /** Equality on org, target and actor only: what the direct reads answer; undefined otherwise. */
  #directList(query: AuditQuery, take: number): AuditEvent[] | undefined {
    if (!this.#direct || query.campaign !== undefined || query.beforeSeq !== undefined) return undefined;
    if (query.excludeOutcomes?.length) return undefined;
    const { orgSlug, target, actor } = query;
    // Prisma reads a null filter as IS NULL; the direct SQL compares with `=`.
    if (orgSlug === null || target === null || actor === null) return undefined;
    return this.#direct.auditRows({ orgSlug, target, actor, take });
  }

  /**
   * The recorded spellings of a campaign name, matched without regard to letter case (SQLite's `=`
   * and PostgreSQL's differ on case; comparing the distinct names here keeps both providers alike).
   */
  async #recordedNames(orgSlug: string | undefined, name: string): Promise<string[]> {
    const wanted = name.toLowerCase();
    const distinct = await this.#db.auditEvent.findMany({
      where: { orgSlug, targetName: { not: null } },
      distinct: ["targetName"],
      select: { targetName: true },
    });
    return distinct
      .map((r) => r.targetName)
      .filter((n): n is string => n !== null && n.toLowerCase() === wanted);
  }

  /**
   * Every row oldest first, in batches (for compliance exports): memory stays flat however long the
   * log is. Optionally one org's rows only.
   */
  async *exportRows(options: { orgSlug?: string } = {}): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const seqFloor = after;
      const rows = await atStoreBoundary(() =>
        this.#db.auditEvent.findMany({
          where: { seq: { gt: seqFloor }, orgSlug: options.orgSlug },
          orderBy: { seq: "asc" },
          take: VERIFY_BATCH,
        }),
      );
      for (const row of rows) yield toEntry(row);
      const last = rows.at(-1);
      if (!last || rows.length < VERIFY_BATCH) return;
      after = last.seq;
    }
  }

  /**
   * Re-walks the whole chain. Detects an edited row (its hash), a deleted row (a gap in seq, or the
   * next row's prevHash) and reordered rows (prevHash), naming the first bad position. Removing rows
   * from the END cannot be detected from the chain alone: compare `count` with an earlier run.
   */
  verify(anchors: AuditCheckpoint[] = []): Promise<VerifyResult> {
    return atStoreBoundary(async () => {
      const keys = this.#keys?.all ?? [];
      // A checkpoint that is not ours proves nothing; say so before reading a row.
      for (const cp of anchors) {
        const bad = checkpointSignatureProblem(cp, keys);
        if (bad) return { ok: false, seq: cp.count, problem: bad };
      }
      let state: ChainState = CHAIN_START;
      let count = 0;
      for (;;) {
        const rows = await this.#db.auditEvent.findMany({
          where: { seq: { gte: state.expectedSeq } },
          orderBy: { seq: "asc" },
          take: VERIFY_BATCH,
        });
        const checked = checkChain(rows.map(toChainRow), state, keys);
        if ("problem" in checked) return { ok: false, seq: checked.seq, problem: checked.problem };
        state = checked;
        count += rows.length;
        if (rows.length < VERIFY_BATCH) break;
      }
      for (const cp of anchors) {
        const problem = await checkpointProblem(cp, count, async (seq) => {
          const row = await this.#db.auditEvent.findUnique({ where: { seq }, select: { hash: true } });
          return row?.hash ?? null;
        });
        if (problem) return { ok: false, seq: Math.min(cp.count, count + 1), problem };
      }
      return {
        ok: true,
        count,
        ...(state.unkeyed ? { unkeyed: state.unkeyed } : {}),
        ...(anchors.length ? { anchors: anchors.length } : {}),
      };
    });
  }

  /**
   * A signed checkpoint of the chain's head as it is now (row count and last hash), to keep outside
   * the database; null without an audit key (nothing could sign it).
   */
  checkpoint(): Promise<AuditCheckpoint | null> {
    return atStoreBoundary(async () => {
      const key = this.#keys?.active;
      if (!key) return null;
      const last = await this.#db.auditEvent.findFirst({
        orderBy: { seq: "desc" },
        select: { seq: true, hash: true },
      });
      return signCheckpoint(
        key,
        { count: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH },
        this.#clock.now(),
      );
    });
  }

  async #appendWithRetry(events: NewAuditEvent[]): Promise<AuditEntry[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#appendOnce(events);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isUniqueViolation(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  /** The events as consecutive rows of the chain, in one transaction. */
  async #appendOnce(events: NewAuditEvent[]): Promise<AuditEntry[]> {
    const direct = this.#chainWriter?.append((head) => this.#chainRows(events, head));
    if (direct) return (await direct).map(toEntry);
    return this.#db.$transaction(
      async (tx) => {
        await this.#lockChain(tx);
        const last = await tx.auditEvent.findFirst({
          orderBy: { seq: "desc" },
          select: { seq: true, hash: true },
        });
        const entries: AuditEntry[] = [];
        for (const data of this.#chainRows(events, last ?? undefined)) {
          entries.push(toEntry(await tx.auditEvent.create({ data })));
        }
        return entries;
      },
      // Generous: behind the lock, waiting for other writers is expected, not a failure.
      { maxWait: 15_000, timeout: 20_000 },
    );
  }

  /** The events sealed as the rows that follow `head`, each linked to the one before. */
  #chainRows(events: NewAuditEvent[], head: ChainHead | undefined): AuditEvent[] {
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    return events.map((event) => {
      const at = this.#clock.now();
      const fields = chainFields(event, randomUUID(), ++seq, at);
      const row = { ...fields, at, prevHash, ...sealRow(prevHash, fields, this.#keys?.active) };
      prevHash = row.hash;
      return row;
    });
  }

  /**
   * Makes this transaction the only appender until it ends. The read of the last row that follows
   * sees every committed append: PostgreSQL runs READ COMMITTED (a fresh snapshot per statement),
   * and SQLite's write lock means no other writer can have committed since.
   */
  async #lockChain(tx: Prisma.TransactionClient): Promise<void> {
    if (this.#provider === "postgresql") {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PG_AUDIT_LOCK_KEY})`);
    } else {
      await tx.$executeRawUnsafe("UPDATE audit_events SET seq = seq WHERE 0 = 1");
    }
  }

  openIntents(query: OpenIntentQuery): Promise<AuditEntry[]> {
    const key = `${query.orgSlug ?? ""}\u0000${query.target ?? ""}`;
    const before = query.before.getTime();
    const askedAt = this.#noOpenIntents.get(key);
    if (askedAt !== undefined && before >= askedAt && before - askedAt <= NO_OPEN_INTENTS_TTL_MS) {
      return Promise.resolve([]);
    }
    return this.#sharedOpenIntents(query).then((open) => {
      if (open.length === 0) {
        if (this.#noOpenIntents.size >= NO_OPEN_INTENTS_KEPT) this.#noOpenIntents.clear();
        this.#noOpenIntents.set(key, before);
      } else this.#noOpenIntents.delete(key);
      return open;
    });
  }

  /**
   * A burst's commands on one campaign ask together, each with its own `before` (now less a grace
   * period): one read with the latest of them, then each caller keeps the intents older than its
   * own `before`, the rows its own query would have found.
   */
  #sharedOpenIntents(query: OpenIntentQuery): Promise<AuditEntry[]> {
    const key = `${query.orgSlug ?? ""}\u0000${query.target ?? ""}`;
    const before = query.before.getTime();
    this.#latestBefore.set(key, Math.max(this.#latestBefore.get(key) ?? before, before));
    const shared = this.#openIntentReads.read(key, () => {
      const latest = this.#latestBefore.get(key) ?? before;
      this.#latestBefore.delete(key);
      return this.#readOpenIntents({ ...query, before: new Date(latest), limit: Number.POSITIVE_INFINITY });
    });
    return shared.then((open) => open.filter((i) => i.at.getTime() < before).slice(0, query.limit ?? 50));
  }

  #readOpenIntents(query: OpenIntentQuery): Promise<AuditEntry[]> {
    return atStoreBoundary(async () => {
      const intents = await this.#db.auditEvent.findMany({
        where: {
          outcome: "intent",
          at: { lt: query.before },
          ...(query.orgSlug ? { orgSlug: query.orgSlug } : {}),
          ...(query.target ? { target: query.target } : {}),
        },
        orderBy: { seq: "asc" },
      });
      if (!intents.length) return [];
      // An outcome row names the same campaign as its intent: the target index narrows the search.
      const targets = [...new Set(intents.map((i) => i.target).filter((t): t is string => t !== null))];
      const closed = await this.#db.auditEvent.findMany({
        where: { target: { in: targets }, intentId: { in: intents.map((i) => i.id) } },
        select: { intentId: true },
      });
      const done = new Set(closed.map((c) => c.intentId));
      return intents
        .filter((i) => !done.has(i.id))
        .slice(0, query.limit ?? 50)
        .map(toEntry);
    });
  }

  claimReconciliation(intentId: string, owner: string, at: Date): Promise<boolean> {
    return serialised(this.#lockKey, () =>
      atStoreBoundary(async () => {
        try {
          await this.#db.auditReconciliation.create({ data: { intentId, owner, claimedAt: at } });
          return true;
        } catch (error) {
          if (isUniqueViolation(error)) return false;
          throw error;
        }
      }),
    );
  }

  /** The newest row with this Genesys contextId (`explain <contextId>`); null when none. */
  findByContextId(contextId: string): Promise<AuditEntry | null> {
    return atStoreBoundary(async () => {
      const row = await this.#db.auditEvent.findFirst({ where: { contextId }, orderBy: { seq: "desc" } });
      return row ? toEntry(row) : null;
    });
  }
}

function chainFields(event: NewAuditEvent, id: string, seq: number, at: Date): ChainFields {
  return {
    id,
    seq,
    at: at.toISOString(),
    actor: event.actor,
    genesysIdentity: event.genesysIdentity ?? null,
    platform: event.platform,
    channel: event.channel,
    orgSlug: event.orgSlug ?? null,
    action: event.action,
    target: event.target ?? null,
    targetName: event.targetName ?? null,
    reason: event.reason ?? null,
    outcome: event.outcome,
    intentId: event.intentId ?? null,
    contextId: event.contextId ?? null,
    correlationId: event.correlationId ?? null,
    // The column is an integer; round here so the hashed value is the stored value.
    durationMs: event.durationMs == null ? null : Math.round(event.durationMs),
    detail: event.detail == null ? null : canonicalJson(event.detail),
  };
}

function toChainRow(row: AuditEvent): ChainRow {
  return { ...row, at: row.at.toISOString() };
}

function toEntry(row: AuditEvent): AuditEntry {
  // The chain's seal is the store's business, not the port's.
  const { chainVersion: _version, chainKeyId: _keyId, ...entry } = row;
  return {
    ...entry,
    // Only this class writes the column, always from the AuditOutcome union.
    outcome: row.outcome as AuditOutcome,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  };
}

/** Equal queries, equal keys: every field of AuditQuery in a fixed order. */
function listKey(q: AuditQuery): string {
  return JSON.stringify([q.orgSlug, q.target, q.actor, q.campaign, q.excludeOutcomes, q.beforeSeq, q.limit]);
}
