/**
 * main's `runner` option (bin/switchboard.js hands the short commands to the CommonJS build): help
 * and unknown commands are answered without it; a command that runs is handed over whole, with its
 * argv, streams and one-shot setting, and its exit code is main's.
 */
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

function io(): CliIo & { out: () => string } {
  let text = "";
  const stdout = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { cwd: process.cwd(), stdin: Readable.from([]), stdout, stderr: stdout, out: () => text };
}

function recordingRunner() {
  const calls: { argv: string[]; io: CliIo; options: unknown }[] = [];
  const runner = () => async (argv: string[], io?: CliIo, options?: unknown) => {
    calls.push({ argv, io: io as CliIo, options });
    return 7;
  };
  return { calls, runner: runner as unknown as () => typeof main };
}

describe("main with a runner", () => {
  it("answers --help, --version and unknown commands itself", async () => {
    const { calls, runner } = recordingRunner();
    for (const argv of [["exec", "--help"], ["--version"], ["exce", "list acme"]]) {
      const out = io();
      await main(argv, out, { oneShot: true, runner });
      expect(out.out()).not.toBe("");
    }
    expect(calls).toEqual([]);
  });

  it("hands a command that runs to the runner, whole", async () => {
    const { calls, runner } = recordingRunner();
    const out = io();
    expect(await main(["exec", "--json", "list acme"], out, { oneShot: true, runner })).toBe(7);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.argv).toEqual(["exec", "--json", "list acme"]);
    expect(calls[0]?.io).toBe(out);
    expect(calls[0]?.options).toEqual({ oneShot: true });
  });
});
