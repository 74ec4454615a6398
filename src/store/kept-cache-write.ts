/**
 * Writes one row of something the process keeps as a cache (an org's token, a caller's grants):
 * on SQLite without an fsync of its own (SqliteChainWriter.writeUnsynced), else through Prisma.
 * Never fails: a value that could not be kept only costs one more read from Genesys.
 */
import type { SqliteChainWriter } from "./sqlite-chain-writer.js";

export type UnsyncedWriter = Pick<SqliteChainWriter, "writeUnsynced">;

export async function writeKeptCache(
  unsynced: UnsyncedWriter | undefined,
  sql: string,
  args: () => unknown[],
  viaPrisma: () => Promise<unknown>,
): Promise<void> {
  try {
    if (unsynced?.writeUnsynced(sql, args())) return;
  } catch {
    return;
  }
  await viaPrisma().catch(() => {});
}
