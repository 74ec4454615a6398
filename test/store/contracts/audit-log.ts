/** The audit hash chain, run against SQLite and PostgreSQL. */
import { execFile } from "node:child_process";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import type { NewAuditEvent } from "../../../src/core/ports/audit-log.js";
import { PrismaAuditLog } from "../../../src/store/index.js";
import { type StoreHarness, TEST_KEY, testAuditKeys } from "./harness.js";

const WORKER = fileURLToPath(new URL("../fixtures/append-worker.ts", import.meta.url));
const run = promisify(execFile);

const GENESIS = "0".repeat(64);

export function event(overrides: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    actor: "slack:T1:U1",
    platform: "slack",
    channel: "C1",
    orgSlug: "acme",
    action: "campaign.pause",
    target: "camp-1",
    targetName: "Spring Promo",
    outcome: "intent",
    ...overrides,
  };
}

export function auditLogContract(h: StoreHarness): void {
  it("lists intents no outcome closes, and lets exactly one claimant reconcile each", async () => {
    const closed = await h.store.audit.append(event());
    await h.store.audit.append(event({ outcome: "success", intentId: closed.id }));
    const open = await h.store.audit.append(event({ target: "camp-2" }));
    const later = new Date(Date.now() + 60_000);
    expect((await h.store.audit.openIntents({ before: later })).map((e) => e.id)).toEqual([open.id]);
    expect(await h.store.audit.openIntents({ before: later, target: "camp-1" })).toEqual([]);
    expect(await h.store.audit.openIntents({ before: new Date(0) })).toEqual([]);
    const claims = await Promise.all(
      ["a", "b", "c", "d"].map((owner) => h.store.audit.claimReconciliation(open.id, owner, new Date())),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("chains each row to the previous one, starting from the genesis hash", async () => {
    const first = await h.store.audit.append(event());
    const second = await h.store.audit.append(event({ outcome: "success", intentId: first.id }));
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, intentId: first.id });
  });

  it("stores every field, detail as JSON", async () => {
    const written = await h.store.audit.append(
      event({
        genesysIdentity: "user:u-1",
        reason: "end of shift",
        contextId: "ctx-1",
        correlationId: "corr-1",
        durationMs: 12.6,
        detail: { statusBefore: "on", nested: { b: 2, a: 1 } },
      }),
    );
    const [read] = await h.store.audit.list({ limit: 1 });
    expect(read).toEqual(written);
    expect(read).toMatchObject({
      genesysIdentity: "user:u-1",
      reason: "end of shift",
      durationMs: 13,
      detail: { statusBefore: "on", nested: { a: 1, b: 2 } },
      at: expect.any(Date),
    });
    const minimal = await h.store.audit.append({
      actor: "shell:a",
      platform: "shell",
      channel: "tty",
      action: "help",
      outcome: "info",
    });
    expect(minimal).toMatchObject({ orgSlug: null, target: null, detail: null, durationMs: null });
  });

  it("lists newest first, filtered by org, target and actor, 20 by default", async () => {
    for (let i = 0; i < 25; i++)
      await h.store.audit.append(event({ target: i % 2 ? "camp-odd" : "camp-even" }));
    await h.store.audit.append(event({ orgSlug: "beta", actor: "teams:t:x", target: "camp-x" }));
    const latest = await h.store.audit.list({});
    expect(latest).toHaveLength(20);
    expect(latest.map((e) => e.seq).slice(0, 3)).toEqual([26, 25, 24]);
    expect((await h.store.audit.list({ orgSlug: "beta" })).map((e) => e.seq)).toEqual([26]);
    expect((await h.store.audit.list({ actor: "teams:t:x" })).map((e) => e.seq)).toEqual([26]);
    const odd = await h.store.audit.list({ orgSlug: "acme", target: "camp-odd", limit: 100 });
    expect(odd).toHaveLength(12);
    expect(odd.every((e) => e.target === "camp-odd")).toBe(true);
  });

  it("finds the newest row carrying a Genesys contextId, and nothing for an unknown one", async () => {
    await h.store.audit.append(event({ outcome: "failure", contextId: "ctx-a", detail: { status: 403 } }));
    const newest = await h.store.audit.append(
      event({ outcome: "failure", contextId: "ctx-a", reason: "again" }),
    );
    await h.store.audit.append(event({ outcome: "failure", contextId: "ctx-b" }));
    expect(await h.store.audit.findByContextId("ctx-a")).toEqual(newest);
    expect(await h.store.audit.findByContextId("ctx-none")).toBeNull();
  });

  it("verifies an intact chain", async () => {
    expect(await h.store.audit.verify()).toEqual({ ok: true, count: 0 });
    for (let i = 0; i < 5; i++) await h.store.audit.append(event());
    expect(await h.store.audit.verify()).toEqual({ ok: true, count: 5 });
  });

  // Every stored field the chain covers: dropping any one of them from the hash must fail a test.
  const EDITS: Record<string, Record<string, unknown>> = {
    id: { id: "forged-id" },
    at: { at: new Date("2020-01-01T00:00:00.000Z") },
    actor: { actor: "slack:T1:SOMEONE_ELSE" },
    genesysIdentity: { genesysIdentity: "user:other@acme.test" },
    platform: { platform: "teams" },
    channel: { channel: "C-elsewhere" },
    orgSlug: { orgSlug: "globex" },
    action: { action: "campaign.resume" },
    target: { target: "camp-2" },
    targetName: { targetName: "Other" },
    reason: { reason: "nothing to see" },
    outcome: { outcome: "failure" },
    intentId: { intentId: "intent-x" },
    contextId: { contextId: "ctx-x" },
    correlationId: { correlationId: "corr-x" },
    durationMs: { durationMs: 999 },
    detail: { detail: '{"status":"off"}' },
    chainKeyId: { chainKeyId: "000000000000" },
  };
  for (const [field, data] of Object.entries(EDITS)) {
    it(`detects a row whose ${field} was edited in the database`, async () => {
      for (let i = 0; i < 5; i++)
        await h.store.audit.append(
          event({ genesysIdentity: "user:u-1", contextId: "c", correlationId: "k", detail: { n: i } }),
        );
      await h.store.db.auditEvent.update({ where: { seq: 3 }, data });
      const result = await h.store.audit.verify();
      expect(result).toMatchObject({ ok: false, seq: 3 });
      expect(result.ok === false && result.problem).toMatch(/edited|not configured/);
    });
  }

  it("detects an edited row whose hashes were recomputed without the audit key", async () => {
    for (let i = 0; i < 5; i++) await h.store.audit.append(event({ reason: `row ${i + 1}` }));
    // The insider changes who acted and rebuilds the chain from row 3 on, as the old unkeyed chain allowed.
    await h.store.db.auditEvent.update({ where: { seq: 3 }, data: { actor: "slack:T1:SCAPEGOAT" } });
    await rechain(h, 3, { unkeyed: true });
    expect(await h.store.audit.verify()).toMatchObject({
      ok: false,
      seq: 3,
      problem: expect.stringContaining("unkeyed after the keyed chain"),
    });
    // Claiming the audit key's id while hashing with a key of their own does not help either.
    await rechain(h, 3, { unkeyed: false });
    expect(await h.store.audit.verify()).toMatchObject({
      ok: false,
      seq: 3,
      problem: expect.stringContaining("edited or forged"),
    });
  });

  it("detects a forged row appended at the end", async () => {
    for (let i = 0; i < 3; i++) await h.store.audit.append(event());
    const last = await h.store.db.auditEvent.findUniqueOrThrow({ where: { seq: 3 } });
    await h.store.db.auditEvent.create({
      data: { ...last, id: "forged", seq: 4, prevHash: last.hash, reason: "covering tracks" },
    });
    await rechain(h, 4, { unkeyed: false });
    expect(await h.store.audit.verify()).toMatchObject({ ok: false, seq: 4 });
  });

  it("detects rows cut from the end, and a log deleted entirely, against a signed checkpoint", async () => {
    for (let i = 0; i < 5; i++) await h.store.audit.append(event());
    const cp = await h.store.audit.checkpoint();
    expect(cp).toMatchObject({ count: 5 });
    if (!cp) return;
    await h.store.audit.append(event());
    expect(await h.store.audit.verify([cp])).toEqual({ ok: true, count: 6, anchors: 1 });
    await h.store.db.$executeRawUnsafe("DELETE FROM audit_events WHERE seq >= 4");
    // The chain alone cannot tell a short log from a cut one; the checkpoint can.
    expect(await h.store.audit.verify()).toEqual({ ok: true, count: 3 });
    expect(await h.store.audit.verify([cp])).toMatchObject({
      ok: false,
      problem: expect.stringContaining("cut from the end"),
    });
    await h.store.db.$executeRawUnsafe("DELETE FROM audit_events");
    expect(await h.store.audit.verify([cp])).toMatchObject({
      ok: false,
      problem: expect.stringContaining("everything was deleted"),
    });
  });

  it("detects a log rewritten up to a checkpoint, and refuses a checkpoint it did not sign", async () => {
    for (let i = 0; i < 4; i++) await h.store.audit.append(event({ reason: `r${i}` }));
    const cp = await h.store.audit.checkpoint();
    if (!cp) throw new Error("no checkpoint");
    // Everything rewritten as an unkeyed chain from the start: self-consistent, but not what was signed.
    await h.store.db.auditEvent.updateMany({ data: { reason: "rewritten" } });
    await rechain(h, 1, { unkeyed: true });
    expect(await h.store.audit.verify()).toMatchObject({ ok: true, count: 4, unkeyed: 4 });
    expect(await h.store.audit.verify([cp])).toMatchObject({
      ok: false,
      problem: expect.stringContaining("rewritten"),
    });
    const forged = { ...cp, count: 2, sig: "0".repeat(64) };
    expect(await h.store.audit.verify([forged])).toMatchObject({
      ok: false,
      problem: expect.stringContaining("bad signature"),
    });
  });

  it("detects a deleted row", async () => {
    for (let i = 0; i < 5; i++) await h.store.audit.append(event());
    await h.store.db.$executeRawUnsafe("DELETE FROM audit_events WHERE seq = 3");
    expect(await h.store.audit.verify()).toEqual({
      ok: false,
      seq: 3,
      problem: expect.stringContaining("missing"),
    });
  });

  it("detects two rows that swapped positions", async () => {
    for (let i = 0; i < 5; i++) await h.store.audit.append(event({ reason: `row ${i + 1}` }));
    await h.store.db.$executeRawUnsafe("UPDATE audit_events SET seq = -1 WHERE seq = 3");
    await h.store.db.$executeRawUnsafe("UPDATE audit_events SET seq = 3 WHERE seq = 4");
    await h.store.db.$executeRawUnsafe("UPDATE audit_events SET seq = 4 WHERE seq = -1");
    expect(await h.store.audit.verify()).toEqual({
      ok: false,
      seq: 3,
      problem: expect.stringContaining("prevHash"),
    });
  });

  it("keeps the chain gap-free under 50 concurrent appends", async () => {
    const entries = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.store.audit.append(event({ reason: `n${i}` }))),
    );
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await h.store.audit.verify()).toEqual({ ok: true, count: 50 });
  });

  it("chains concurrent appends in call order (they are group-committed)", async () => {
    const entries = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.store.audit.append(event({ reason: `n${i}` }))),
    );
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const stored = await h.store.audit.list({ limit: 30 });
    expect(stored.map((e) => e.reason).reverse()).toEqual(Array.from({ length: 30 }, (_, i) => `n${i}`));
  });

  it("commits the rest of a group when one event in it cannot be stored", async () => {
    // The ten arrive in one event-loop turn and form one group; the sixth cannot be stored (JSON has
    // no BigInt): it alone fails, the others are committed.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        h.store.audit.append(event({ reason: `n${i}`, detail: i === 5 ? { n: BigInt(1) } : { n: i } })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i === 5 ? "rejected" : "fulfilled")),
    );
    const seqs = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.seq] : []));
    expect(seqs).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    expect(await h.store.audit.verify()).toEqual({ ok: true, count: 9 });
  });

  it("keeps the chain gap-free when two clients append at once", async () => {
    const other = await h.openAnother();
    // On PostgreSQL the second log gets its own in-process queue, so only the advisory lock keeps
    // the two apart. (Two SQLite clients in one process must share the queue: see PrismaAuditLog.)
    const otherLog =
      other.provider === "postgresql"
        ? new PrismaAuditLog(other.db, other.provider, { keys: testAuditKeys })
        : other.audit;
    const appends = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? otherLog : h.store.audit).append(event({ reason: `n${i}` })),
    );
    const entries = await Promise.all(appends);
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(await h.store.audit.verify()).toEqual({ ok: true, count: 40 });
  });

  it("keeps the chain gap-free when other processes append at the same time", async () => {
    const worker = (tag: string) =>
      run(process.execPath, ["--import", "tsx", WORKER, h.url, "30", tag, TEST_KEY.toString("hex")], {
        cwd: process.cwd(),
      });
    const workers = Promise.all([worker("a"), worker("b")]);
    let done = false;
    void workers.finally(() => {
      done = true;
    });
    // Keep appending from this process for as long as the workers run, so the writers really overlap.
    let local = 0;
    while (!done) {
      await h.store.audit.append(event({ reason: `main-${local++}` }));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await workers;
    expect(await h.store.audit.verify()).toEqual({ ok: true, count: 60 + local });
    const actors = new Set((await h.store.audit.list({ limit: 500 })).map((e) => e.actor));
    expect(actors).toEqual(new Set(["shell:a", "shell:b", "slack:T1:U1"]));
  }, 30_000);
}

/**
 * What an insider with database access but no audit key can do: recompute every hash from row
 * `from` on, unkeyed (sha256, as the old chain) or with a key of their own
 * under the real key's id. Written independently of src/store/audit-chain.ts on purpose.
 */
async function rechain(h: StoreHarness, from: number, how: { unkeyed: boolean }): Promise<void> {
  const rows = await h.store.db.auditEvent.findMany({
    where: { seq: { gte: from } },
    orderBy: { seq: "asc" },
  });
  const before = from > 1 ? await h.store.db.auditEvent.findUnique({ where: { seq: from - 1 } }) : null;
  let prevHash = before?.hash ?? GENESIS;
  const ownKey = randomBytes(32);
  for (const row of rows) {
    const fields = {
      id: row.id,
      seq: row.seq,
      at: row.at.toISOString(),
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
    const sorted = (o: Record<string, unknown>) =>
      JSON.stringify(Object.fromEntries(Object.entries(o).sort()));
    const hash = how.unkeyed
      ? createHash("sha256").update(prevHash).update(sorted(fields)).digest("hex")
      : createHmac("sha256", ownKey)
          .update(prevHash)
          .update(sorted({ ...fields, chainVersion: 2, chainKeyId: testAuditKeys.active.id }))
          .digest("hex");
    await h.store.db.auditEvent.update({
      where: { seq: row.seq },
      data: {
        prevHash,
        hash,
        chainVersion: how.unkeyed ? 1 : 2,
        chainKeyId: how.unkeyed ? null : testAuditKeys.active.id,
      },
    });
    prevHash = hash;
  }
}
