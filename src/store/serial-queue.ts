/**
 * In-process queues, by key: runs one task per key at a time, in call order, whether earlier ones
 * succeed or fail. Used where a database lock would otherwise be awaited synchronously (SQLite via
 * better-sqlite3 blocks the event loop while it waits for another client's write lock, so two
 * clients of one file in one process must never both hold or want it at once).
 */
const queues = new Map<string, Promise<unknown>>();

export function serialised<T>(key: string, run: () => Promise<T>): Promise<T> {
  const result = (queues.get(key) ?? Promise.resolve()).then(run, run);
  const settled = result.then(
    () => {},
    () => {},
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return result;
}
