/**
 * The audit log's hash chain, independent of the database: each row's hash covers the previous
 * row's hash and every field of the row, so editing, deleting or reordering rows is detectable.
 *   hash = sha256_hex(prevHash + canonicalJson(fields)),  genesis prevHash = 64 zeros.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

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

export function chainHash(prevHash: string, row: ChainFields): string {
  // Pick the fields explicitly: a row read back carries prevHash/hash too, which must not be hashed.
  const fields: ChainFields = {
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
  return createHash("sha256").update(prevHash).update(canonicalJson(fields)).digest("hex");
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
export interface ChainRow extends ChainFields {
  prevHash: string;
  hash: string;
}

export type ChainProblem = { seq: number; problem: string };

/**
 * Checks rows that must continue a chain at `expectedSeq` after `prevHash`. Returns the first
 * problem, or the state to continue from with the next batch.
 */
export function checkChain(
  rows: ChainRow[],
  state: { expectedSeq: number; prevHash: string },
): ChainProblem | { expectedSeq: number; prevHash: string } {
  let { expectedSeq, prevHash } = state;
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
    if (chainHash(row.prevHash, row) !== row.hash) {
      return { seq: row.seq, problem: `row ${row.seq} does not match its hash: edited after it was written` };
    }
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
  }
  return { expectedSeq, prevHash };
}
