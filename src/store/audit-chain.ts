/**
 * The audit log's chain, independent of the database (pure functions: the appender and verify both
 * use them). Each row's hash covers the previous row's hash and every stored field of the row.
 *
 * Version 2 (every row written with an audit key): hash = HMAC-SHA256(auditKey, prevHash + canonical
 * JSON of the fields, chain version and key id included). The key is not in the database (it comes
 * from the configuration: derived from the master key, or SWITCHBOARD_AUDIT_KEY), so someone who can
 * write the database but not read the configuration cannot recompute a row they edit or forge.
 * Version 1 (rows written before keys): hash = sha256_hex(prevHash + canonical JSON of the fields).
 * Such rows may only come before the first version-2 row: that row's HMAC covers the unkeyed head,
 * which seals everything before it. Genesis prevHash = 64 zeros.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** An audit chain key: 32 bytes and a short id that is safe to store (it reveals nothing usable). */
export interface AuditKey {
  id: string;
  key: Buffer;
}

/** The key new rows are sealed with, and every key verify may meet (older ones after a rotation). */
export interface AuditKeyring {
  active: AuditKey;
  all: readonly AuditKey[];
}

/** The audit key derived from a master key (HKDF, domain-separated: never the sealing key itself). */
export function deriveAuditKey(masterKey: Buffer): AuditKey {
  return auditKeyFrom(Buffer.from(hkdfSync("sha256", masterKey, "", "switchboard audit chain v2", 32)));
}

export function auditKeyFrom(key: Buffer): AuditKey {
  const id = createHash("sha256").update("switchboard audit key id\0").update(key).digest("hex").slice(0, 12);
  return { id, key };
}

/** Exactly the stored columns the hash covers (everything except prevHash and hash themselves). */
export interface ChainFields {
  id: string;
  seq: number;
  /** ISO 8601 with milliseconds (both databases keep millisecond precision). */
  at: string;
  actor: string;
  genesysIdentity: string | null;
  platform: string;
  channel: string;
  orgSlug: string | null;
  action: string;
  target: string | null;
  targetName: string | null;
  reason: string | null;
  outcome: string;
  intentId: string | null;
  contextId: string | null;
  correlationId: string | null;
  durationMs: number | null;
  /** The stored JSON text, hashed as stored. */
  detail: string | null;
}

/** A row's chain columns: its version and, for version 2, the id of the key that sealed it. */
export interface ChainSeal {
  chainVersion: number;
  chainKeyId: string | null;
}

/** The fields the hash covers, picked explicitly: a row read back carries more, which must not be hashed. */
function hashed(row: ChainFields): ChainFields {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    genesysIdentity: row.genesysIdentity,
    platform: row.platform,
    channel: row.channel,
    orgSlug: row.orgSlug,
    action: row.action,
    target: row.target,
    targetName: row.targetName,
    reason: row.reason,
    outcome: row.outcome,
    intentId: row.intentId,
    contextId: row.contextId,
    correlationId: row.correlationId,
    durationMs: row.durationMs,
    detail: row.detail,
  };
}

/** Version 1: the unkeyed hash of rows written before the keyed chain. */
function chainHash(prevHash: string, row: ChainFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update(canonicalJson(hashed(row)))
    .digest("hex");
}

/** Version 2: the keyed hash; the seal (version, key id) is covered too. */
function keyedChainHash(prevHash: string, row: ChainFields, key: AuditKey): string {
  const sealed = { ...hashed(row), chainVersion: 2, chainKeyId: key.id };
  return createHmac("sha256", key.key).update(prevHash).update(canonicalJson(sealed)).digest("hex");
}

/** What a new row is stored with: keyed when a key is configured, else (tests, tools) unkeyed. */
export function sealRow(
  prevHash: string,
  row: ChainFields,
  key: AuditKey | undefined,
): ChainSeal & { hash: string } {
  if (!key) return { chainVersion: 1, chainKeyId: null, hash: chainHash(prevHash, row) };
  return { chainVersion: 2, chainKeyId: key.id, hash: keyedChainHash(prevHash, row, key) };
}

/**
 * JSON with object keys sorted at every level, so the same value always gives the same text (and
 * hash) whatever order its keys were built in. `toJSON` is honoured (Dates become ISO strings).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries);
  });
}

/** One stored row, as verify() reads it. */
export interface ChainRow extends ChainFields, ChainSeal {
  prevHash: string;
  hash: string;
}

export type ChainProblem = { seq: number; problem: string };

/** Where a walk of the chain stands between batches. */
export interface ChainState {
  expectedSeq: number;
  prevHash: string;
  /** True once a version-2 row was seen: every later row must be keyed too. */
  keyed: boolean;
  /** How many version-1 rows came first. */
  unkeyed: number;
}

export const CHAIN_START: ChainState = { expectedSeq: 1, prevHash: GENESIS_HASH, keyed: false, unkeyed: 0 };

/**
 * Checks rows that must continue a chain from `state`. Returns the first problem, or the state to
 * continue from with the next batch. `keys` are the audit keys verify may use (by id).
 */
export function checkChain(
  rows: ChainRow[],
  state: ChainState,
  keys: readonly AuditKey[] = [],
): ChainProblem | ChainState {
  let { expectedSeq, prevHash, keyed, unkeyed } = state;
  for (const row of rows) {
    if (row.seq > expectedSeq) {
      return {
        seq: expectedSeq,
        problem: `row ${expectedSeq} is missing (the next row is ${row.seq}): deleted`,
      };
    }
    if (row.prevHash !== prevHash) {
      return {
        seq: row.seq,
        problem: `row ${row.seq} does not follow row ${row.seq - 1}: its prevHash differs (rows deleted, reordered or rewritten)`,
      };
    }
    if (row.chainVersion === 2) {
      const key = keys.find((k) => k.id === row.chainKeyId);
      if (!key) {
        return {
          seq: row.seq,
          problem: `row ${row.seq} was sealed with audit key ${row.chainKeyId ?? "(none)"}, which is not configured: it cannot be checked (configure the key it was written with, e.g. the old master key in SWITCHBOARD_OLD_MASTER_KEYS)`,
        };
      }
      if (!sameHex(keyedChainHash(row.prevHash, row, key), row.hash)) {
        return { seq: row.seq, problem: `row ${row.seq} does not match its hash: edited or forged` };
      }
      keyed = true;
    } else if (row.chainVersion === 1) {
      if (keyed) {
        return {
          seq: row.seq,
          problem: `row ${row.seq} is unkeyed after the keyed chain began: forged or rewritten`,
        };
      }
      if (chainHash(row.prevHash, row) !== row.hash) {
        return {
          seq: row.seq,
          problem: `row ${row.seq} does not match its hash: edited after it was written`,
        };
      }
      unkeyed++;
    } else {
      return { seq: row.seq, problem: `row ${row.seq} has an unknown chain version ${row.chainVersion}` };
    }
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
  }
  return { expectedSeq, prevHash, keyed, unkeyed };
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
