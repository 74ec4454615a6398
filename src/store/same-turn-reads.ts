/**
 * Identical reads asked for in the same turn share one query. A burst of commands reads the same
 * rows at once (25 commands of one org each read that org, its caller's mapping and a campaign's
 * history), and every query through Prisma costs ~0.3 ms of the one event loop, so 500 commands made
 * ~1,500 such reads of ~120 distinct rows.
 *
 * A read is not started when asked for but at the end of the event loop's turn (setImmediate, after
 * the I/O callbacks already waiting: the answers that move other commands to the same read); a
 * caller asking for the same key until then shares it. A microtask later merged far fewer (~1,200
 * statements for the burst instead of ~800). The query always runs after every one of its callers
 * asked, so each sees at least what was committed before it asked, as with a query of its own
 * (joining a query already running could miss a write that finished before the caller asked).
 * The shared result is the same object for all its callers: results are read-only values.
 */
export class SameTurnReads<T> {
  readonly #waiting = new Map<string, Promise<T>>();

  read(key: string, query: () => Promise<T>): Promise<T> {
    const waiting = this.#waiting.get(key);
    if (waiting) return waiting;
    const shared = new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        // From here on a new caller starts a new read: this one may already be past its write.
        this.#waiting.delete(key);
        query().then(resolve, reject);
      });
    });
    this.#waiting.set(key, shared);
    return shared;
  }
}
