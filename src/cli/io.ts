/**
 * What a CLI run reads and writes besides its argv: the environment, the working directory and the
 * three standard streams. `bin/switchboard.js` uses the process's own; tests pass their own
 * streams and environment, so most end-to-end cases run in-process instead of spawning Node (2–3 s
 * each). The CLI's commands read their streams and settings through here, not through `process`.
 */
import type { Readable, Writable } from "node:stream";

/** Standard output as the CLI uses it: a terminal reports `isTTY` and its width. */
type CliOutput = Writable & { isTTY?: boolean; columns?: number };

export interface CliIo {
  /** Unset: the process's own, read by config.ts (the one reader of the environment). */
  env?: NodeJS.ProcessEnv;
  cwd: string;
  stdin: Readable & { isTTY?: boolean };
  stdout: CliOutput;
  stderr: Writable;
  /** Where JSON logs go; unset means stderr's file descriptor, written synchronously (see logging.ts). */
  logs?: { write(line: string): void };
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  };
}
