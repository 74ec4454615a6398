/**
 * Reads shared by the steps of one command. A read is reused for at most `maxAgeMs` (2 s): the steps
 * of an ordinary command follow each other within milliseconds, while a long one (a bulk switch runs
 * for minutes) must still see a change made meanwhile elsewhere — an org unlinked or a caller
 * unmapped by the CLI applies to its next step, as it did when every step read the store. A failed
 * read is not kept.
 */
export class ReadOnce<T> {
  readonly #now: () => number;
  readonly #maxAgeMs: number;
  readonly #reads = new Map<string, { at: number; value: Promise<T> }>();

  constructor(now: () => number, maxAgeMs = 2_000) {
    this.#now = now;
    this.#maxAgeMs = maxAgeMs;
  }

  get(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.#now();
    const kept = this.#reads.get(key);
    if (kept && now - kept.at < this.#maxAgeMs) return kept.value;
    const entry = { at: now, value: read() };
    this.#reads.set(key, entry);
    entry.value.catch(() => {
      if (this.#reads.get(key) === entry) this.#reads.delete(key);
    });
    return entry.value;
  }

  forget(): void {
    this.#reads.clear();
  }

  /** `write`, forgetting every read first: later steps of the command see what it changed. */
  forgetting<A extends unknown[], R>(write: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args: A) => {
      this.forget();
      return write(...args);
    };
  }
}
