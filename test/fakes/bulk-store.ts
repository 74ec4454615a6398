/**
 * BulkStore in memory, for planning and undo rules: jobs and their items, `lastPause` as the store
 * defines it. Claiming and finishing items (the executor's side) is not faked: those methods throw.
 */
import type {
  BulkItem,
  BulkItemStatus,
  BulkJob,
  BulkStore,
  NewBulkItem,
  NewBulkJob,
} from "../../src/core/ports/bulk-store.js";

export class FakeBulkStore implements BulkStore {
  readonly #jobs = new Map<string, BulkJob>();
  #next = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async create(job: NewBulkJob, items: NewBulkItem[]): Promise<BulkJob> {
    const id = `JOB${String(this.#next++).padStart(3, "0")}`;
    const created: BulkJob = {
      ...structuredClone(job),
      id,
      createdAt: this.now(),
      confirmedBy: null,
      confirmedAt: null,
      items: items.map(
        (item, i): BulkItem => ({
          ...structuredClone(item),
          jobId: id,
          seq: i + 1,
          result: item.result ?? null,
          detail: item.detail ?? null,
          approvalId: null,
          attempts: 0,
          claimedBy: null,
          claimedAt: null,
          finishedAt: null,
        }),
      ),
    };
    this.#jobs.set(id, created);
    return structuredClone(created);
  }

  /** Test setup: what the executor would have recorded for one item. */
  settle(jobId: string, campaignId: string, status: BulkItemStatus, result: string): void {
    const item = this.#jobs.get(jobId)?.items.find((i) => i.campaignId === campaignId);
    if (!item) throw new Error(`fake bulk store: no item ${campaignId} in ${jobId}`);
    Object.assign(item, { status, result, finishedAt: this.now() });
  }

  async get(id: string): Promise<BulkJob | null> {
    const job = this.#jobs.get(id.trim().toUpperCase());
    return job ? structuredClone(job) : null;
  }

  async latest(): Promise<BulkJob | null> {
    throw new Error("fake bulk store: latest is not faked");
  }

  async lastPause(orgSlug: string): Promise<BulkJob | null> {
    const paused = [...this.#jobs.values()].filter(
      (j) =>
        j.action === "pause" &&
        j.items.some((i) => i.orgSlug === orgSlug && i.status === "done" && i.result === "paused"),
    );
    const newest = paused.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    return newest ? structuredClone(newest) : null;
  }

  async findByApproval(approvalId: string): Promise<BulkJob | null> {
    const job = [...this.#jobs.values()].find((j) => j.items.some((i) => i.approvalId === approvalId));
    return job ? structuredClone(job) : null;
  }

  async decide(): Promise<boolean> {
    throw new Error("fake bulk store: decide is not faked");
  }

  async attachApproval(): Promise<void> {
    throw new Error("fake bulk store: attachApproval is not faked");
  }

  async claimItem(): Promise<BulkItem | null> {
    throw new Error("fake bulk store: claimItem is not faked");
  }

  async finishItem(): Promise<boolean> {
    throw new Error("fake bulk store: finishItem is not faked");
  }

  async skipItems(): Promise<void> {
    throw new Error("fake bulk store: skipItems is not faked");
  }
}
