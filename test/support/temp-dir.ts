/**
 * Temporary directories for tests, removed when the suite ends. Created eagerly (synchronously) so a
 * `describe` body can use the path right away.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

export interface TempDir {
  readonly path: string;
  /** A path inside the directory. */
  file(...parts: string[]): string;
  /** A `file:` DATABASE_URL for a new SQLite database inside the directory. */
  sqliteUrl(name?: string): string;
  remove(): void;
}

let counter = 0;

export function makeTempDir(prefix = "switchboard-test-"): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    path: dir,
    file: (...parts) => path.join(dir, ...parts),
    sqliteUrl: (name) => `file:${path.join(dir, name ?? `db-${++counter}.db`)}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A temp dir for the current suite, removed in afterAll. */
export function useTempDir(prefix?: string): TempDir {
  const dir = makeTempDir(prefix);
  afterAll(() => dir.remove());
  return dir;
}
