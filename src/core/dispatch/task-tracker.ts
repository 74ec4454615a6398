/**
 * Work that continues after a chat platform got its answer (a pause still waiting for Genesys).
 * Tracked so a graceful shutdown can wait for it, and so its failures are logged rather than becoming
 * unhandled rejections. Shared by the Slack and Teams adapters.
 */
export class TaskTracker {
  readonly #pending = new Set<Promise<unknown>>();

  /**
   * `startWhen`, when given, is awaited before each piece of work starts (Slack lets pending
   * acknowledgements go first); the work is tracked, and drained, from the moment it is handed over.
   */
  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly startWhen: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Starts `work` (now, or once `startWhen` allows); the returned promise settles with it and never rejects (undefined on failure). */
  run<T>(work: () => Promise<T>): Promise<T | undefined> {
    const task: Promise<T | undefined> = this.startWhen()
      .then(work)
      .catch((e: unknown) => {
        this.onError(e);
        return undefined;
      })
      .finally(() => this.#pending.delete(task));
    this.#pending.add(task);
    return task;
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
