import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-shell-");
const env = { SWITCHBOARD_DATA_DIR: tmp.file("data") };

describe("switchboard shell", () => {
  it("shows the demo users, switches identity with :as and keeps going after errors", async () => {
    const input = [
      "list acme spring",
      ":as alex",
      "whoami",
      'status acme "Spring',
      ":who",
      ":as",
      ":quit",
      "",
    ].join("\n");
    const r = await runCli(["shell"], { env, input });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Shell users: sam, alex, riley, admin. You are sam; switch with :as NAME.");
    expect(r.stdout).toMatch(/Spring Promo\s+on/);
    expect(r.stdout).toContain("Now acting as alex (shell:alex).");
    expect(r.stdout).toContain("You are alex (shell:alex)");
    expect(r.stdout).toContain("is never closed");
    expect(r.stdout).toContain("Shell users: sam, alex, riley, admin; you are alex.");
    expect(r.stdout).toContain("Usage: :as NAME");
  });

  it("refuses arguments it does not take, pointing at exec", async () => {
    const r = await runCliInProcess(["shell", "list", "acme"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('switchboard exec "list acme"');
  });
});

describe("switchboard sim", () => {
  it("serves the demo Genesys on the given port until stopped", async () => {
    const child = spawn(process.execPath, [BIN, "sim", "--port", "0"], {
      env: { PATH: process.env.PATH ?? "" },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on("exit", () => reject(new Error(`sim exited: ${out}`)));
      });
      const token = await fetch(`${url}/login.mypurecloud.com/oauth/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("acme-switchboard:acme-demo-secret").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
      expect(token.status).toBe(200);
      expect(await token.json()).toMatchObject({ token_type: "bearer" });
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("rejects a bad port", async () => {
    const r = await runCliInProcess(["sim", "--port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--port must be 0–65535");
  });
});
