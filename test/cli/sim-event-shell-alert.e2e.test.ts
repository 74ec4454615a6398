/**
 * README's "Try it" for alerts, as a newcomer runs it: `switchboard sim`, the interactive shell
 * against it watching a campaign, and `switchboard sim event` from "another terminal" turning the
 * campaign off; the shell prints the alert.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/run-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-sim-event-");
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGTERM");
});

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env },
  });
  children.push(child);
  let out = "";
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.pattern.exec(out);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    check();
  });
  child.stderr.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return {
    child,
    output: () => out,
    /** Resolves when the output matches (the test's own timeout bounds the wait). */
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      }),
  };
}

describe("switchboard sim event", () => {
  it("turns a campaign off in a running simulator, and a shell watching it prints the alert", async () => {
    const sim = start(["sim", "--port", "0"]);
    const url = (await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? "";
    const shell = start(["shell", "--genesys-url", url], { SWITCHBOARD_DATA_DIR: tmp.file("data") });
    shell.child.stdin.write('watch acme "Spring Promo"\n');
    await shell.waitFor(/Watching "Spring Promo" in acme/);
    // A status that is already "on" is not an incident: nothing may be printed before the event.
    expect(shell.output()).not.toContain("[alert #");

    const r = await runCli(["sim", "event", "acme", "Spring Promo", "off", "--genesys-url", url]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('acme "Spring Promo" is now off');

    await shell.waitFor(/\[alert #1\][\s\S]*Not through Switchboard/);
    expect(shell.output()).toMatch(/Spring Promo \(acme\) stopped dialing: changed outside Switchboard/);
    shell.child.stdin.end(":quit\n");
    await new Promise((resolve) => shell.child.once("exit", resolve));
    expect(shell.child.exitCode).toBe(0);
    expect(shell.output().match(/\[alert #\d+\]/g)).toEqual(["[alert #1]"]);
  }, 30_000);

  it("names what it could not do: an unknown campaign, a bad status, no simulator", async () => {
    const sim = start(["sim", "--port", "0"]);
    const url = (await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? "";
    const unknown = await runCli(["sim", "event", "acme", "Nope", "off", "--genesys-url", url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown campaign "Nope" in org "acme"');

    const bad = await runCli(["sim", "event", "acme", "Spring Promo", "paused", "--genesys-url", url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"paused" is not a campaign status');

    const direct = await fetch(`${url}/_control/campaign-event`, {
      method: "POST",
      body: JSON.stringify({
        org: "acme",
        campaign: "Spring Promo",
        status: "invalid",
        errors: [{ error: "Bad list" }],
      }),
    });
    expect(direct.status).toBe(200);
    expect(await direct.json()).toMatchObject({ name: "Spring Promo", status: "invalid" });

    sim.child.kill("SIGTERM");
    await new Promise((resolve) => sim.child.once("exit", resolve));
    const down = await runCli(["sim", "event", "acme", "Spring Promo", "off", "--genesys-url", url]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`No simulator answered at ${url}`);
  }, 30_000);
});
