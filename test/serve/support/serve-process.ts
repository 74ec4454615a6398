/**
 * `switchboard serve` as a real child process on a free loopback port, with a clean environment
 * (the developer's own DATABASE_URL or keys never leak in). Resolves once it prints where it
 * listens; `stop()` sends SIGTERM and resolves with the exit code.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { BIN } from "../../support/run-cli.js";

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

const started: ChildProcess[] = [];

/** Kills whatever a failed test left running (call from afterAll). */
export function killLeftovers(): void {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

export function startServe(
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 30_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--host", "127.0.0.1"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), timeoutMs);
    const onData = () => {
      const url = /serving on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolve({
        child,
        url,
        output: () => out,
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}):\n${out}`));
    });
  });
}
