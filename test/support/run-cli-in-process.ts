/**
 * Runs the CLI's `main` in this process with its own argv, environment and streams: the same code
 * path as `bin/switchboard.js` minus the Node start-up (2–3 s a spawn on a loaded machine). Most CLI
 * end-to-end cases use this; each command family keeps a few real spawns (run-cli.ts) so the built
 * binary stays tested.
 */
import { Readable, Writable } from "node:stream";
import { main } from "../../src/cli/main.js";
import type { CliResult } from "./run-cli.js";

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

export async function runCliInProcess(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(args, {
    // The same clean environment a spawn gets: the developer's own settings must not leak in.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...options.env },
    cwd: process.cwd(),
    stdin: Readable.from(options.input ? [Buffer.from(options.input)] : []),
    stdout: stdout.stream,
    stderr: stderr.stream,
    logs: { write: (line) => stderr.stream.write(line) },
  });
  // Writes to the collectors complete synchronously; the streams are ended to release them.
  stdout.stream.end();
  stderr.stream.end();
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
