/** BulkStore behaviour, run against SQLite and PostgreSQL: above all, each item is claimed once. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { NewBulkItem, NewBulkJob } from "../../../src/core/ports/bulk-store.js";
import type { StoreHarness } from "./harness.js";

const T0 = new Date("2030-01-01T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function newJob(overrides: Partial<NewBulkJob> = {}): NewBulkJob {
  return {
    action: "pause",
    orgs: ["acme"],
    selector: "--all",
    fingerprint: `pause|acme|--all|${randomUUID()}`,
    requester: "shell:sam",
    requesterName: "sam",
    reason: null,
    platform: "shell",
    channel: "shell",
    confirmation: "pending",
    resumeAfterMs: null,
    expiresAt: at(15 * 60_000),
    ...overrides,
  };
}

function items(n: number, org = "acme"): NewBulkItem[] {
  return Array.from({ length: n }, (_, i) => ({
    orgSlug: org,
    campaignId: randomUUID(),
    campaignName: `Campaign ${i + 1}`,
    version: 1,
    division: { id: "d1", name: "Home" },
    plannedStatus: "on",
    genesysIdentity: "user:sam@acme.test",
    status: "pending" as const,
  }));
}

const LEASE = { staleBefore: at(-60_000), retryFailed: false };

export function bulkStoreContract(h: StoreHarness): void {
  it("keeps a job's items in plan order and finds it by its id however it is typed", async () => {
    const [refused] = items(1);
    if (!refused) throw new Error("no item");
    const job = await h.store.bulk.create(newJob({ resumeAfterMs: 2_700_000 }), [
      ...items(2),
      { ...refused, status: "skipped", result: "refused", detail: "no stop in Vault" },
    ]);
    expect(job.id).toMatch(/^[0-9A-Z]{6}$/);
    const found = await h.store.bulk.get(job.id.toLowerCase());
    expect(found?.items.map((i) => [i.seq, i.status, i.result])).toEqual([
      [1, "pending", null],
      [2, "pending", null],
      [3, "skipped", "refused"],
    ]);
    expect(found).toMatchObject({ confirmation: "pending", resumeAfterMs: 2_700_000, orgs: ["acme"] });
  });

  it("gives an item to exactly one of many concurrent claimers, across two clients", async () => {
    const job = await h.store.bulk.create(newJob({ confirmation: "confirmed" }), items(1));
    const other = await h.openAnother();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other : h.store).bulk.claimItem(job.id, 1, `owner-${i}`, T0, LEASE),
      ),
    );
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ status: "running", attempts: 1 });
  });

  it("takes a running item over only once its claim is older than the lease", async () => {
    const job = await h.store.bulk.create(newJob(), items(1));
    expect(await h.store.bulk.claimItem(job.id, 1, "first", T0, LEASE)).not.toBeNull();
    expect(
      await h.store.bulk.claimItem(job.id, 1, "second", at(1_000), { ...LEASE, staleBefore: T0 }),
    ).toBeNull();
    const taken = await h.store.bulk.claimItem(job.id, 1, "second", at(10 * 60_000), {
      ...LEASE,
      staleBefore: at(1),
    });
    expect(taken).toMatchObject({ claimedBy: "second", attempts: 2 });
    // The first owner lost it: its outcome is not recorded.
    expect(
      await h.store.bulk.finishItem(
        job.id,
        1,
        "first",
        { status: "done", result: "paused", detail: null },
        at(2),
      ),
    ).toBe(false);
    expect(
      await h.store.bulk.finishItem(
        job.id,
        1,
        "second",
        { status: "done", result: "paused", detail: "x" },
        at(3),
      ),
    ).toBe(true);
    expect(
      await h.store.bulk.claimItem(job.id, 1, "third", at(99 * 60_000), {
        ...LEASE,
        staleBefore: at(99 * 60_000),
      }),
    ).toBeNull();
  });

  it("finds the newest pause that paused something in an org (what resume --all undoes)", async () => {
    const tick = () => new Promise((r) => setTimeout(r, 5));
    // An org of its own: other tests of this store run jobs in acme.
    const org = `org-${randomUUID().slice(0, 8)}`;
    const pauseAndFinish = async (job: NewBulkJob, result: string) => {
      const created = await h.store.bulk.create(job, items(1, org));
      await h.store.bulk.claimItem(created.id, 1, "x", T0, LEASE);
      await h.store.bulk.finishItem(created.id, 1, "x", { status: "done", result, detail: null }, T0);
      await tick();
      return created;
    };
    expect(await h.store.bulk.lastPause(org)).toBeNull();
    const paused = await pauseAndFinish(newJob(), "paused");
    await pauseAndFinish(newJob(), "already off");
    await pauseAndFinish(newJob({ action: "resume" }), "resumed");
    await h.store.bulk.create(newJob(), items(1, org)); // planned, never run
    expect((await h.store.bulk.lastPause(org))?.id).toBe(paused.id);
    expect(await h.store.bulk.lastPause(`${org}-other`)).toBeNull();
  });

  it("retries a failed item only when asked to", async () => {
    const job = await h.store.bulk.create(newJob(), items(1));
    await h.store.bulk.claimItem(job.id, 1, "a", T0, LEASE);
    await h.store.bulk.finishItem(job.id, 1, "a", { status: "failed", result: "failed", detail: "503" }, T0);
    expect(await h.store.bulk.claimItem(job.id, 1, "b", T0, LEASE)).toBeNull();
    expect(await h.store.bulk.claimItem(job.id, 1, "b", T0, { ...LEASE, retryFailed: true })).toMatchObject({
      attempts: 2,
    });
  });

  it("records one answer to a confirmation, and a cancel skips what was pending", async () => {
    const job = await h.store.bulk.create(newJob(), items(2));
    const other = await h.openAnother();
    const answers = await Promise.all([
      h.store.bulk.decide(job.id, "confirmed", "shell:sam", T0),
      other.bulk.decide(job.id, "cancelled", "shell:admin", T0),
    ]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    const after = await h.store.bulk.get(job.id);
    if (after?.confirmation === "cancelled")
      expect(after.items.every((i) => i.result === "cancelled")).toBe(true);
    else expect(after?.items.every((i) => i.status === "pending")).toBe(true);
  });

  it("ties an org's pending items to an approval and finds the job by it", async () => {
    const job = await h.store.bulk.create(newJob({ orgs: ["acme", "globex"] }), [
      ...items(2, "acme"),
      ...items(1, "globex"),
    ]);
    const approvalId = `A${randomUUID().slice(0, 5)}`;
    await h.store.bulk.attachApproval(job.id, "acme", approvalId);
    const found = await h.store.bulk.findByApproval(approvalId);
    expect(found?.id).toBe(job.id);
    expect(found?.items.map((i) => i.approvalId)).toEqual([approvalId, approvalId, null]);
    await h.store.bulk.skipItems(job.id, [1, 2], "not approved", "denied", T0);
    expect((await h.store.bulk.get(job.id))?.items.map((i) => i.status)).toEqual([
      "skipped",
      "skipped",
      "pending",
    ]);
  });

  it("finds the requester's newest job for the same command", async () => {
    const fingerprint = `pause|acme|--all|${randomUUID()}`;
    await h.store.bulk.create(newJob({ fingerprint }), items(1));
    const newer = await h.store.bulk.create(newJob({ fingerprint }), items(1));
    expect((await h.store.bulk.latest("shell:sam", fingerprint, at(-3_600_000 * 24 * 365 * 10)))?.id).toBe(
      newer.id,
    );
    expect(await h.store.bulk.latest("shell:other", fingerprint, new Date(0))).toBeNull();
  });
}
