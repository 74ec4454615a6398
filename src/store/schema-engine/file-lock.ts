/**
 * A cross-process lock file for SQLite deploys. PostgreSQL deploys are serialised by the engine's
 * advisory lock; SQLite has no such thing, and several `switchboard exec` processes may start at once
 * on a fresh database file. Without the lock each would try to create the same tables.
 */
import { open, stat, unlink } from "node:fs/promises";
import { AppError } from "../../core/kernel/errors.js";

/** A lock older than this is assumed to belong to a crashed process (a deploy takes < 1 s). */
const STALE_MS = 60_000;
const POLL_MS = 25;
const GIVE_UP_MS = 120_000;

export async function withFileLock<T>(lockPath: string, run: () => Promise<T>): Promise<T> {
  await acquire(lockPath);
  try {
    return await run();
  } finally {
    await unlink(lockPath).catch(() => {});
  }
}

async function acquire(lockPath: string): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      // O_EXCL: exactly one process creates the file; everyone else gets EEXIST.
      const handle = await open(lockPath, "wx");
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const age = await stat(lockPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0, // released between our open and stat: just retry
    );
    // Stealing a stale lock has a small race (two stealers); acceptable for a crashed-process
    // recovery path that needs a minute of silence to trigger.
    if (age > STALE_MS) await unlink(lockPath).catch(() => {});
    if (Date.now() > deadline) {
      throw new AppError(
        "store_unavailable",
        "The database is being migrated by another process; nothing was changed.",
        {
          hint: `If no other Switchboard process is running, delete ${lockPath} and try again.`,
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
