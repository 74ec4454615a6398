/**
 * The reads every command makes, on SQLite, without Prisma: its org, the caller's mapping and (for
 * `status`) the campaign's last audit rows. Through Prisma each costs ~0.3 ms of CPU (query plan,
 * interpreter, adapter, result mapping) for a primary-key or index lookup SQLite answers in ~10 µs;
 * a warm `status` made three, most of its CPU outside Genesys and the audit append.
 *
 * The same SQL on the same connection (the chain writer's, which is Prisma's own), so a read sees
 * exactly what Prisma's would; rows come back in the shape Prisma gives them (its model types), so
 * the stores map them as before. When the connection is not open yet or a Prisma transaction is open
 * on it, every read answers undefined and the store asks Prisma as it always did.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { AuditEvent, IdentityMapping, LinkedOrg } from "./generated/sqlite/client.js";
import type { SqliteChainWriter } from "./sqlite-chain-writer.js";

/** An audit listing these reads can answer: equality on any of the three indexed columns. */
interface DirectAuditQuery {
  orgSlug: string | undefined;
  target: string | undefined;
  actor: string | undefined;
  take: number;
}

export interface SqliteDirectReads {
  /** The org's row, null when none; undefined when Prisma must be asked. */
  org(slug: string): LinkedOrg | null | undefined;
  mapping(chatIdentity: string, orgSlug: string): IdentityMapping | null | undefined;
  /** Newest first, as PrismaAuditLog.list orders them. */
  auditRows(query: DirectAuditQuery): AuditEvent[] | undefined;
}

const ORG_SQL =
  "SELECT slug, genesys_org_id AS genesysOrgId, name, region, client_id AS clientId," +
  " secret_ciphertext AS secretCiphertext, secret_nonce AS secretNonce, secret_tag AS secretTag," +
  " secret_key_id AS secretKeyId, health, health_reason AS healthReason," +
  " health_checked_at AS healthCheckedAt, automap, linked_at AS linkedAt, updated_at AS updatedAt" +
  " FROM linked_orgs WHERE slug = ? LIMIT 1";
const MAPPING_SQL =
  "SELECT chat_identity AS chatIdentity, org_slug AS orgSlug, kind, genesys_user_id AS genesysUserId," +
  " genesys_email AS genesysEmail, genesys_role_name AS genesysRoleName, created_by AS createdBy," +
  " created_at AS createdAt, updated_at AS updatedAt" +
  " FROM identity_mappings WHERE chat_identity = ? AND org_slug = ? LIMIT 1";
const AUDIT_COLUMNS =
  "id, seq, at, actor, genesys_identity AS genesysIdentity, platform, channel, org_slug AS orgSlug," +
  " action, target, target_name AS targetName, reason, outcome, intent_id AS intentId," +
  " context_id AS contextId, correlation_id AS correlationId, duration_ms AS durationMs, detail," +
  " prev_hash AS prevHash, hash, chain_version AS chainVersion, chain_key_id AS chainKeyId";
const AUDIT_FILTERS = [
  ["orgSlug", "org_slug"],
  ["target", "target"],
  ["actor", "actor"],
] as const;

type Row = Record<string, unknown>;

export function sqliteDirectReads(writer: SqliteChainWriter): SqliteDirectReads {
  let prepared: { db: BetterSqlite3.Database; statements: Map<string, BetterSqlite3.Statement> } | undefined;

  /** Prepared once per connection and query text; integers as numbers, like Prisma's Int fields. */
  function statement(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
    if (prepared?.db !== db) prepared = { db, statements: new Map() };
    let stmt = prepared.statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql).safeIntegers(false);
      prepared.statements.set(sql, stmt);
    }
    return stmt;
  }

  return {
    org: (slug) =>
      writer.withConnection((db) => {
        const row = statement(db, ORG_SQL).get(slug) as Row | undefined;
        return row ? toLinkedOrg(row) : null;
      }),
    mapping: (chatIdentity, orgSlug) =>
      writer.withConnection((db) => {
        const row = statement(db, MAPPING_SQL).get(chatIdentity, orgSlug) as Row | undefined;
        return row ? toMapping(row) : null;
      }),
    auditRows: (query) =>
      writer.withConnection((db) => {
        const used = AUDIT_FILTERS.filter(([field]) => query[field] !== undefined);
        const where = used.length ? ` WHERE ${used.map(([, column]) => `${column} = ?`).join(" AND ")}` : "";
        const sql = `SELECT ${AUDIT_COLUMNS} FROM audit_events${where} ORDER BY seq DESC LIMIT ?`;
        const rows = statement(db, sql).all(...used.map(([field]) => query[field]), query.take) as Row[];
        return rows.map(toAuditEvent);
      }),
  };
}

function toLinkedOrg(row: Row): LinkedOrg {
  return {
    ...(row as unknown as LinkedOrg),
    healthCheckedAt: row.healthCheckedAt == null ? null : sqliteDate(row.healthCheckedAt),
    automap: sqliteBoolean(row.automap),
    linkedAt: sqliteDate(row.linkedAt),
    updatedAt: sqliteDate(row.updatedAt),
  };
}

function toMapping(row: Row): IdentityMapping {
  return {
    ...(row as unknown as IdentityMapping),
    createdAt: sqliteDate(row.createdAt),
    updatedAt: sqliteDate(row.updatedAt),
  };
}

function toAuditEvent(row: Row): AuditEvent {
  return { ...(row as unknown as AuditEvent), at: sqliteDate(row.at) };
}

/** As Prisma reads a BOOLEAN column: stored as 0/1. */
function sqliteBoolean(value: unknown): boolean {
  return value === 1 || value === true || value === "1" || value === "true" || value === "TRUE";
}

/** A time of day, with an optional offset, at the end of a DATETIME text (Prisma's own pattern). */
const TIME_AT_END = /\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * A DATETIME column as Prisma reads it: milliseconds when stored as a number (`unixepoch-ms`); text
 * as written by the adapter (ISO 8601 with an offset) or by SQLite's CURRENT_TIMESTAMP
 * (`YYYY-MM-DD HH:MM:SS`, UTC): a missing offset means UTC, a missing time midnight.
 */
export function sqliteDate(value: unknown): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  const match = TIME_AT_END.exec(text);
  if (match === null) return new Date(`${text}T00:00:00Z`);
  const [time, offset, minutes] = match;
  let iso = text;
  if (offset !== undefined && offset !== "Z" && minutes === undefined) iso = `${text}:00`;
  else if (offset === undefined) iso = `${text}Z`;
  if (time.length === text.length) return new Date(`1970-01-01T${iso}`);
  const separator = match.index - 1;
  if (iso[separator] === " ") iso = `${iso.slice(0, separator)}T${iso.slice(separator + 1)}`;
  return new Date(iso);
}
