/**
 * Audit appends on SQLite without blocking the event loop on the disk.
 *
 * Through Prisma, an append's COMMIT runs at `synchronous=FULL`: better-sqlite3 fsyncs the WAL
 * synchronously on the event loop (0.8 ms idle, 3–6 ms under load), and while it does, no other
 * command can reach its own append, so the group commit seldom had anything to group (a 500-command
 * burst made ~470 transactions, ~470 blocking fsyncs). Here the batch's transaction runs as one
 * synchronous block on Prisma's own connection (nothing else can run on it in between), committed
 * at `synchronous=NORMAL` (the frames are written to the WAL, not yet synced) and switched back to
 * FULL before the block ends; the WAL is then synced with `fdatasync` on libuv's thread pool, and
 * only after that are the appends acknowledged. Durability is what FULL gives (an acknowledged row
 * is on disk: fsync covers the file, whichever descriptor calls it), but other commands run while
 * the disk works and their appends form the next batch.
 *
 * Statements are prepared once per connection (Prisma prepares each statement afresh).
 */
import { type FileHandle, open } from "node:fs/promises";
import type BetterSqlite3 from "better-sqlite3";
import type { ChainFields, ChainSeal } from "./audit-chain.js";
import { sqliteDateTime } from "./sqlite-datetime.js";

/** The last row of the chain, or undefined for an empty log. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** One audit row as stored (the columns of INSERT_SQL): the hashed fields, `at` as a Date, the links and seal. */
type ChainRowValues = Omit<ChainFields, "at"> & { at: Date; prevHash: string; hash: string } & ChainSeal;

/**
 * The rows were committed but the WAL could not be synced: they may or may not survive a crash, and
 * must not be appended again.
 */
export class WalSyncError extends Error {
  constructor(cause: unknown) {
    super("the audit rows were committed but could not be synced to disk", { cause });
    this.name = "WalSyncError";
  }
}

export interface SqliteChainWriter {
  /**
   * Appends the rows `build` makes from the chain head, in one IMMEDIATE transaction (the busy timeout
   * applies to other processes' locks), and resolves once they are durable. Returns undefined, having
   * done nothing, when the connection is inside another transaction (a Prisma `$transaction` of
   * another store is open on it) or closed (Prisma reconnects on its next query): the caller then
   * appends the ordinary way.
   */
  append<R extends ChainRowValues>(build: (head: ChainHead | undefined) => R[]): Promise<R[]> | undefined;
  /**
   * Runs one write statement on its own, committed at `synchronous=NORMAL`: in the WAL but not synced,
   * so power lost before the next audit append's sync (or a checkpoint) may lose it. Only for what the
   * process keeps as a cache (an org's token, a caller's grants), whose loss costs one more read
   * from Genesys: through Prisma each such write fsynced on the event loop (1–5 ms; 40 of them on a
   * cold burst of 20 orgs). False, having done nothing, when there is no open connection or it is
   * inside a transaction: the caller then writes through Prisma.
   */
  writeUnsynced(sql: string, args: unknown[]): boolean;
  /**
   * `use` run on the same connection, for synchronous reads that need not go through Prisma
   * (sqlite-direct-reads.ts); undefined, having run nothing, when Prisma has not connected yet, has
   * closed the connection, or a transaction is open on it (the caller then reads through Prisma).
   */
  withConnection<T>(use: (db: BetterSqlite3.Database) => T): T | undefined;
  close(): Promise<void>;
}

const HEAD_SQL = "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1";
const INSERT_SQL =
  "INSERT INTO audit_events (id, seq, at, actor, genesys_identity, platform, channel, org_slug, action," +
  " target, target_name, reason, outcome, intent_id, context_id, correlation_id, duration_ms, detail," +
  " prev_hash, hash, chain_version, chain_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?," +
  " ?, ?, ?, ?, ?, ?, ?)";

/**
 * @param connection Prisma's better-sqlite3 connection (undefined until Prisma has connected).
 * @param walFile the database's `-wal` file, synced after each commit.
 */
export function sqliteChainWriter(
  connection: () => BetterSqlite3.Database | undefined,
  walFile: string,
): SqliteChainWriter {
  let prepared: {
    db: BetterSqlite3.Database;
    head: BetterSqlite3.Statement;
    insert: BetterSqlite3.Statement;
  };
  let wal: Promise<FileHandle> | undefined;

  function statements(db: BetterSqlite3.Database) {
    if (prepared?.db !== db) {
      // Prisma's connection reads integers as BigInt; the head's seq is small enough for a number.
      const head = db.prepare(HEAD_SQL).safeIntegers(false);
      prepared = { db, head, insert: db.prepare(INSERT_SQL) };
    }
    return prepared;
  }

  function commitUnsynced<R extends ChainRowValues>(
    db: BetterSqlite3.Database,
    build: (head: ChainHead | undefined) => R[],
  ): R[] {
    const { head, insert } = statements(db);
    // Not inside a transaction (checked by the caller): SQLite refuses the switch within one.
    db.exec("PRAGMA synchronous = NORMAL");
    try {
      db.exec("BEGIN IMMEDIATE");
      try {
        const rows = build(head.get() as ChainHead | undefined);
        for (const r of rows) {
          insert.run(
            r.id,
            r.seq,
            sqliteDateTime(r.at),
            r.actor,
            r.genesysIdentity,
            r.platform,
            r.channel,
            r.orgSlug,
            r.action,
            r.target,
            r.targetName,
            r.reason,
            r.outcome,
            r.intentId,
            r.contextId,
            r.correlationId,
            r.durationMs,
            r.detail,
            r.prevHash,
            r.hash,
            r.chainVersion,
            r.chainKeyId,
          );
        }
        db.exec("COMMIT");
        return rows;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      // Every other write on this connection keeps syncing its own commit.
      db.exec("PRAGMA synchronous = FULL");
    }
  }

  const unsyncedStatements = new Map<string, BetterSqlite3.Statement>();
  let unsyncedDb: BetterSqlite3.Database | undefined;

  function writeUnsynced(db: BetterSqlite3.Database, sql: string, args: unknown[]): void {
    if (unsyncedDb !== db) {
      unsyncedStatements.clear();
      unsyncedDb = db;
    }
    let statement = unsyncedStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      unsyncedStatements.set(sql, statement);
    }
    db.exec("PRAGMA synchronous = NORMAL");
    try {
      statement.run(...args);
    } finally {
      db.exec("PRAGMA synchronous = FULL");
    }
  }

  async function syncWal(): Promise<void> {
    wal ??= open(walFile, "r+");
    try {
      await (await wal).datasync();
    } catch (error) {
      wal = undefined;
      throw error;
    }
  }

  return {
    append(build) {
      const db = connection();
      if (!db?.open || db.inTransaction) return undefined;
      let rows: ReturnType<typeof build>;
      try {
        rows = commitUnsynced(db, build);
      } catch (error) {
        return Promise.reject(error);
      }
      return syncWal().then(
        () => rows,
        (error: unknown) => {
          throw new WalSyncError(error);
        },
      );
    },
    writeUnsynced(sql, args) {
      const db = connection();
      if (!db?.open || db.inTransaction) return false;
      writeUnsynced(db, sql, args);
      return true;
    },
    withConnection(use) {
      const db = connection();
      // A closed handle (the store closed): Prisma opens a new connection on its next query.
      if (!db?.open || db.inTransaction) return undefined;
      return use(db);
    },
    async close() {
      const handle = wal;
      wal = undefined;
      if (handle) await (await handle.catch(() => undefined))?.close();
    },
  };
}
