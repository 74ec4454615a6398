/**
 * Work that continues after Slack got its acknowledgement. Tracked so a graceful shutdown can wait
 * for it (a pause half-reported is worse than a slower exit), and so its failures are logged rather
 * than becoming unhandled rejections.
 */
export class TaskTracker {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(work: () => Promise<void>): void {
    const task: Promise<void> = Promise.resolve()
      .then(work)
      .catch(this.onError)
      .finally(() => this.#pending.delete(task));
    this.#pending.add(task);
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Resolves when nothing is running, or after `timeoutMs`; returns how many were still running. */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.#pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.#pending]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, left);
        }),
      ]);
      clearTimeout(timer);
    }
    return this.#pending.size;
  }
}
