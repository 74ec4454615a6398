import { minuteAfter, utcText } from "../kernel/format.js";
import type { Progress } from "../kernel/requested.js";
import type { BulkJob } from "../ports/bulk-store.js";
import type { CoreServices } from "../services.js";
import { progressReply } from "./job-reply.js";

/** At most this often by time alone; plus at every tenth of the job. */
const MIN_INTERVAL_MS = 2_000;

/**
 * The one updating progress message of a bulk run (done / failed / remaining), throttled: a small
 * job reports every item, a large one every tenth of it or every two seconds, so a thousand campaigns
 * do not become a thousand chat edits. A progress update that cannot be delivered never fails the job.
 */
export class ProgressThrottle {
  #done = 0;
  #failed = 0;
  #skipped = 0;
  #lastAt = 0;
  #lastCount = 0;
  /** The rate-limit wait last reported, so parallel workers meeting one 429 say it once. */
  #waitingUntil = 0;
  /** Updates go out one after another: a chat surface edits one message and must see them in order. */
  #chain: Promise<void> = Promise.resolve();
  readonly #step: number;

  constructor(
    private readonly services: CoreServices,
    private readonly progress: Progress,
    private readonly job: Pick<BulkJob, "id" | "action" | "orgs">,
    private readonly total: number,
  ) {
    this.#step = Math.max(1, Math.ceil(total / 10));
  }

  /** The first message, so a long job shows at once that it started. */
  async start(): Promise<void> {
    if (this.total > 1) this.#queue();
    await this.#chain;
  }

  /** Resolves once every update queued so far went out (before the final reply replaces them). */
  settled(): Promise<void> {
    return this.#chain;
  }

  /** An item this run did not take after all (another executor holds or finished it). */
  skip(): void {
    this.#skipped++;
  }

  finished(failed: boolean): void {
    if (failed) this.#failed++;
    else this.#done++;
    const count = this.#done + this.#failed;
    // The last item's update would be replaced by the final reply at once: leave it to that.
    if (count + this.#skipped >= this.total) return;
    const now = this.services.clock.now().getTime();
    if (count - this.#lastCount >= this.#step || now - this.#lastAt >= MIN_INTERVAL_MS) this.#queue();
  }

  /** Genesys asked the org to wait: say so at once, with until when (it may be minutes). */
  waiting(until: Date): void {
    if (until.getTime() <= this.#waitingUntil) return;
    this.#waitingUntil = until.getTime();
    const now = this.services.clock.now();
    this.#queue(`waiting for Genesys's rate limit until ${utcText(minuteAfter(until), now)}`);
  }

  #queue(note?: string): void {
    this.#lastAt = this.services.clock.now().getTime();
    this.#lastCount = this.#done + this.#failed;
    const remaining = this.total - this.#done - this.#failed - this.#skipped;
    const counts = { done: this.#done, failed: this.#failed, remaining };
    const update = progressReply(this.job, this.total, counts, note);
    this.#chain = this.#chain.then(async () => {
      try {
        await this.progress(update);
      } catch (e) {
        this.services.logger.warn({ err: String(e), job: this.job.id }, "bulk progress not shown");
      }
    });
  }
}
