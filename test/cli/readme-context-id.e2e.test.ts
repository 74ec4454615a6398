/**
 * The README's contextId walk-through ("Diagnosing a 403"), run as written on the compiled CLI and
 * the demo: a resume of globex's invalid campaign fails in Genesys after approval, its reply names
 * the contextId, `explain <contextId>` tells the story and `audit` shows the id in its column.
 */
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-readme-ctx-");
const env = { SWITCHBOARD_DATA_DIR: tmp.file("data") };
const exec = (as: string, command: string) => runCliInProcess(["exec", "--as", as, command], { env });

describe("the README's failure with a contextId", () => {
  it("fails in Genesys with a contextId that explain and audit then show", { timeout: 120_000 }, async () => {
    const asked = await exec("sam", 'resume globex "Holiday Hampers" --reason "new list"');
    expect(asked.stdout).toContain("Approval needed: resume in globex");
    const request = /approve ([0-9A-Z]{6})/.exec(asked.stdout)?.[1] ?? "";
    expect(request).not.toBe("");

    const approved = await exec("alex", `approve ${request}`);
    expect(approved.code).toBe(1);
    expect(approved.stdout).toContain(
      "✗ Genesys answered 400 invalid.value: Campaign Holiday Hampers is invalid and cannot be started. (Genesys contextId ",
    );
    const contextId = /The whole story: explain ([0-9a-f-]{36})/.exec(approved.stdout)?.[1] ?? "";
    expect(contextId).not.toBe("");

    const explained = await exec("alex", `explain ${contextId}`);
    expect(explained.stdout).toContain("explain: 400 invalid.value on resume");
    expect(explained.stdout).toContain(`shell:sam's resume of "Holiday Hampers" in globex failed`);
    expect(explained.stdout).toContain("This is not a permission problem.");

    const audit = await exec("alex", "audit globex");
    expect(audit.stdout).toMatch(
      new RegExp(`resume\\s+Holiday Hampers\\s+failure \\[${request}\\]\\s+new list\\s+${contextId}`),
    );
  });
});
