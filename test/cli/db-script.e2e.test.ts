/**
 * `npm run db:deploy` (scripts/db.ts) and `switchboard db deploy|status` resolve the database the same
 * way, through src/config.ts: what the script migrated is what the CLI reports, with or without
 * DATABASE_URL. One spawn of the script; the CLI runs in-process.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-db-script-");
const SCRIPT = path.resolve(import.meta.dirname, "../../scripts/db.ts");

function runScript(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("npm run db:deploy and switchboard db", () => {
  it("migrate the same database: the demo workspace's without DATABASE_URL", {
    timeout: 60_000,
  }, async () => {
    const env = { SWITCHBOARD_DATA_DIR: tmp.file("data") };
    const before = await runCliInProcess(["db", "status"], { env });
    expect(before.stdout).not.toContain("Pending: none");
    const deployed = await runScript(["deploy"], env);
    expect(deployed.code).toBe(0);
    const after = await runCliInProcess(["db", "status"], { env });
    expect(after.stdout).toContain("Pending: none");
    // Both name the same file.
    const named = (text: string) => /Database: (.*)/.exec(text)?.[1];
    expect(named(deployed.stderr)).toBe(named(after.stdout));
  });
});
