/**
 * What a CLI run reads and writes besides its argv: the environment, the working directory and the
 * three standard streams. `bin/switchboard.js` passes the process's own; tests pass their own
 * streams and environment, so most end-to-end cases run in-process instead of spawning Node (2–3 s
 * each). Everything under src/cli reads these through here, never through `process` directly.
 */
import type { Readable, Writable } from "node:stream";

/** Standard output as the CLI uses it: a terminal reports `isTTY` and its width. */
export type CliOutput = Writable & { isTTY?: boolean; columns?: number };

export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin: Readable & { isTTY?: boolean };
  stdout: CliOutput;
  stderr: Writable;
  /** Where JSON logs go; unset means stderr's file descriptor, written synchronously (see logging.ts). */
  logs?: { write(line: string): void };
}

export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  };
}
