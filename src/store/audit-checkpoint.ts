/**
 * Signed checkpoints of the audit chain's head: "at this time the log had N rows and row N's hash
 * was H", signed with the audit key. Kept outside the database (a file, the service log, a chat
 * channel), a checkpoint is what proves rows were cut from the end, or the whole log replaced: the
 * chain alone cannot tell a short log from a truncated one.
 *
 * One line of text, so it survives logs and chat messages and can be found inside them:
 *   swb-audit-checkpoint v1 count=42 head=<64 hex> at=2026-12-04T19:00:00.000Z key=<12 hex> sig=<64 hex>
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuditKey } from "./audit-chain.js";

export interface AuditCheckpoint {
  count: number;
  head: string;
  at: string;
  keyId: string;
  sig: string;
}

const PATTERN =
  /swb-audit-checkpoint v1 count=(\d+) head=([0-9a-f]{64}) at=(\d{4}-\d\d-\d\dT[\d:.]+Z) key=([0-9a-f]{12}) sig=([0-9a-f]{64})/g;

function signature(key: AuditKey, count: number, head: string, at: string): string {
  return createHmac("sha256", key.key)
    .update(`switchboard audit checkpoint v1\0${count}\0${head}\0${at}`)
    .digest("hex");
}

export function signCheckpoint(
  key: AuditKey,
  head: { count: number; hash: string },
  at: Date,
): AuditCheckpoint {
  const when = at.toISOString();
  return {
    count: head.count,
    head: head.hash,
    at: when,
    keyId: key.id,
    sig: signature(key, head.count, head.hash, when),
  };
}

export function formatCheckpoint(cp: AuditCheckpoint): string {
  return `swb-audit-checkpoint v1 count=${cp.count} head=${cp.head} at=${cp.at} key=${cp.keyId} sig=${cp.sig}`;
}

/** Every checkpoint found in a text (one line, a checkpoint file, a service log), oldest text first. */
export function parseCheckpoints(text: string): AuditCheckpoint[] {
  return [...text.matchAll(PATTERN)].map((m) => ({
    count: Number(m[1]),
    head: m[2] ?? "",
    at: m[3] ?? "",
    keyId: m[4] ?? "",
    sig: m[5] ?? "",
  }));
}

/** Null when the checkpoint is signed by one of `keys`; otherwise why it cannot be trusted. */
export function checkpointSignatureProblem(cp: AuditCheckpoint, keys: readonly AuditKey[]): string | null {
  const key = keys.find((k) => k.id === cp.keyId);
  if (!key) return `the checkpoint of ${cp.at} is signed with audit key ${cp.keyId}, which is not configured`;
  const expected = Buffer.from(signature(key, cp.count, cp.head, cp.at), "utf8");
  const given = Buffer.from(cp.sig, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return `the checkpoint of ${cp.at} has a bad signature: it was not written by Switchboard (forged or altered)`;
  return null;
}

/**
 * What the log as it stands says about a trusted checkpoint: null when row `count` still has the
 * checkpoint's hash. `rows` is how many rows the log has; `hashAt(seq)` reads one row's hash.
 */
export async function checkpointProblem(
  cp: AuditCheckpoint,
  rows: number,
  hashAt: (seq: number) => Promise<string | null>,
): Promise<string | null> {
  if (cp.count === 0) return null;
  if (rows < cp.count) {
    return `the log has ${rows} rows but the checkpoint of ${cp.at} saw ${cp.count}: rows were cut from the end${rows === 0 ? " (everything was deleted)" : ""}`;
  }
  const hash = await hashAt(cp.count);
  if (hash !== cp.head)
    return `row ${cp.count} is not the row the checkpoint of ${cp.at} saw: the log was rewritten up to there`;
  return null;
}
