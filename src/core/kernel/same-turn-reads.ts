/**
 * Identical reads asked for in the same turn share one query. A burst of commands reads the same
 * things at once (25 commands of one org each read that org, its caller's mapping, a campaign's
 * history, and the campaign from Genesys), and each read costs the one event loop ~0.3 ms through
 * Prisma or ~0.5 ms as an HTTP exchange: 500 `status` commands made ~1,500 store reads of ~120
 * distinct rows and ~1,500 Genesys GETs of ~300 distinct URLs.
 *
 * A read is not started when asked for but at the end of the event loop's turn (setImmediate, which
 * runs after the I/O callbacks already waiting: the answers that move other commands to the same
 * read; like systemClock's timers, a global every runtime we run on has); a caller asking for the
 * same key until then shares it.
 * A microtask merged far fewer (~1,200 store statements for the burst instead of ~800). The query
 * always starts after every one of its callers asked, so each sees at least what was committed
 * before it asked, as with a query of its own (joining a query already running could miss a write
 * that finished before the caller asked). The shared result is the same object for all its
 * callers: results are read-only values.
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
