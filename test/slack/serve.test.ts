/**
 * `switchboard serve` as a real process: it refuses to start without a Slack configuration (naming
 * the variable), answers health and readiness, verifies Slack signatures on /slack/events, and shuts
 * down cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/run-cli.js";
import { commandBody, postSigned } from "../support/slack-sign.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-serve-");
const SECRET = "serve-signing-secret";

const baseEnv = () => ({
  SWITCHBOARD_DATA_DIR: tmp.file("data"),
  DATABASE_URL: tmp.sqliteUrl("serve.db"),
  SWITCHBOARD_MASTER_KEY: randomBytes(32).toString("base64"),
});

interface Served {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts `serve` on a free port and resolves once it prints where it listens. */
function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--host", "127.0.0.1"], {
    cwd: tmp.path,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let out = "";
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}\n${err}`)), 15_000);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /serving on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}):\n${out}\n${err}`)));
  });
}

describe("switchboard serve", () => {
  it("refuses to start without Slack configured, naming what to set", async () => {
    const r = await runCli(["serve", "--port", "0"], { env: baseEnv(), cwd: tmp.path });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain("SLACK_BOT_TOKEN or SLACK_CLIENT_ID: Slack is not configured");
  });

  it("refuses HTTP mode without a signing secret, and two ways of authorizing at once", async () => {
    const noSecret = await runCli(["serve"], {
      env: { ...baseEnv(), SLACK_BOT_TOKEN: "xoxb-1" },
      cwd: tmp.path,
    });
    expect(noSecret.code).toBe(78);
    expect(noSecret.stderr).toContain("SLACK_SIGNING_SECRET: is required in HTTP mode");
    const both = await runCli(["serve"], {
      env: { ...baseEnv(), SLACK_BOT_TOKEN: "xoxb-1", SLACK_CLIENT_ID: "1.2", SLACK_SIGNING_SECRET: SECRET },
      cwd: tmp.path,
    });
    expect(both.code).toBe(78);
    expect(both.stderr).toContain("SLACK_CLIENT_ID: set either SLACK_BOT_TOKEN");
    expect(both.stderr).not.toContain("xoxb-1");
  });

  it("answers /healthz and /readyz, guards /slack/events, and stops on SIGTERM", async () => {
    const s = await serve({
      ...baseEnv(),
      SLACK_BOT_TOKEN: "xoxb-serve-token",
      SLACK_SIGNING_SECRET: SECRET,
    });
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", config: "ok" } });
    const body = commandBody({ team_id: "T1", user_id: "U1", command: "/campaign", text: "help" });
    expect((await postSigned(`${s.url}/slack/events`, "forged", body)).status).toBe(401);
    expect((await postSigned(`${s.url}/slack/events`, SECRET, body, { unsigned: true })).status).toBe(401);
    expect((await fetch(`${s.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${s.url}/slack/events`)).status).toBe(405);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    expect(s.stdout()).toContain("Stopped.");
    expect(s.stdout() + s.stderr()).not.toContain("xoxb-serve-token");
    expect(s.stdout() + s.stderr()).not.toContain(SECRET);
  });
});
