import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_HELP } from "../../src/cli/help.js";
import { runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
  version: string;
};

describe("switchboard --help, --version and usage errors", () => {
  it("prints the version from package.json", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("lists every command in the top-level help", async () => {
    const r = await runCliInProcess(["--help"]);
    expect(r.code).toBe(0);
    for (const name of Object.keys(COMMAND_HELP)) expect(r.stdout).toContain(`switchboard ${name}`);
    expect(r.stdout).toContain("switchboard --version");
  });

  it.each(Object.keys(COMMAND_HELP))(
    "answers `switchboard %s --help` with that command's usage",
    async (name) => {
      const r = await runCliInProcess([name, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(new RegExp(`^Usage: switchboard ${name}`));
    },
  );

  it("answers `switchboard exec --help` with options, not a parse error", async () => {
    const r = await runCliInProcess(["exec", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--json");
    expect(r.stdout).toContain('"switchboard exec help" lists the chat commands');
  });

  it("suggests the nearest command for a typo and exits 2", async () => {
    const r = await runCli(["exce", "list acme"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "exce". Did you mean "switchboard exec"?');
  });

  it("explains a bad flag with the usage and exits 2", async () => {
    const r = await runCliInProcess(["sim", "--port", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be 0–65535, not "nope"');
    expect(r.stderr).toContain("Usage: switchboard sim");
    expect(r.stderr).toContain('Run "switchboard sim --help" for more.');
  });
});
