/**
 * `switchboard serve` with Teams as a real process: Teams alone is enough to serve (Slack optional),
 * anonymous mode answers Teams-shaped activities for local development, production configuration
 * refuses anonymous mode at start-up, and a registered bot refuses unsigned requests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/run-cli.js";
import { ann, channelMessage } from "../support/teams-activities.js";
import { cardOf, startConnector, type TeamsConnector, textOf } from "../support/teams-connector.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-teams-serve-");
const APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

const baseEnv = () => ({
  SWITCHBOARD_DATA_DIR: tmp.file("data"),
  DATABASE_URL: tmp.sqliteUrl("serve.db"),
  SWITCHBOARD_MASTER_KEY: randomBytes(32).toString("base64"),
});

const running: ChildProcess[] = [];
let connector: TeamsConnector;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  await connector?.close();
});

/** Starts `serve` on a free port and resolves once it prints where it listens. */
function serve(env: Record<string, string>) {
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
  return new Promise<{
    child: ChildProcess;
    url: string;
    stdout: () => string;
    exited: Promise<number | null>;
  }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}\n${err}`)), 15_000);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /serving on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, stdout: () => out, exited });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}):\n${out}\n${err}`)));
  });
}

const post = (url: string, body: object) =>
  fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("switchboard serve with Teams", () => {
  it("refuses anonymous mode under production configuration, naming the variables", async () => {
    const r = await runCli(["serve", "--port", "0"], {
      env: { ...baseEnv(), TEAMS_ALLOW_ANONYMOUS: "true", NODE_ENV: "production" },
      cwd: tmp.path,
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain("TEAMS_ALLOW_ANONYMOUS: anonymous mode skips the Bot Connector token check");
    expect(r.stderr).toContain('needs NODE_ENV=development or test (it is "production")');
  });

  it("refuses to serve anonymous Teams on a non-loopback host", async () => {
    const r = await runCli(["serve", "--port", "0", "--host", "0.0.0.0"], {
      env: { ...baseEnv(), TEAMS_ALLOW_ANONYMOUS: "true", NODE_ENV: "development" },
      cwd: tmp.path,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("--host 0.0.0.0 is not loopback");
  });

  it("serves Teams alone in anonymous mode: a message is answered through the activity's serviceUrl", async () => {
    const s = await serve({ ...baseEnv(), TEAMS_ALLOW_ANONYMOUS: "true", NODE_ENV: "development" });
    expect(s.stdout()).toContain(`Teams at ${s.url}/api/messages (ANONYMOUS`);
    expect(s.stdout()).not.toContain("Slack");
    const activity = channelMessage(connector.url, "campaign help", ann);
    const res = await post(s.url, activity);
    expect(res.status).toBe(200);
    expect(textOf(cardOf(connector.replyTo(activity.id)))).toContain(
      "Switchboard: pause and resume Genesys Cloud",
    );
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("refuses an unsigned request with 401 when the bot has an app id", async () => {
    const s = await serve({ ...baseEnv(), MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "serve-secret" });
    expect(s.stdout()).toContain(`Teams at ${s.url}/api/messages;`);
    const posts = connector.posts().length;
    const res = await post(s.url, channelMessage(connector.url, "campaign help", ann));
    expect(res.status).toBe(401);
    expect(connector.posts()).toHaveLength(posts);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    expect(s.stdout()).not.toContain("serve-secret");
  });
});
