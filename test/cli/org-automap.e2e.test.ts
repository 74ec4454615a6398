/**
 * `switchboard org automap <org> on|off`: off by default, shown by `org list`,
 * audited, and refused with the usage for anything but on/off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFixture, type Simulator, startSimulator } from "../../src/genesys-sim/index.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-automap-");
let sim: Simulator;
let env: Record<string, string>;

const cli = (...args: string[]) => runCliInProcess(args, { env });

beforeAll(async () => {
  sim = await startSimulator({ fixture: demoFixture() });
  env = {
    SWITCHBOARD_DATA_DIR: tmp.file("data"),
    DATABASE_URL: tmp.sqliteUrl("ops.db"),
    GENESYS_SIMULATOR_URL: sim.url,
    USER: "ops-admin",
  };
  const link = await runCliInProcess(
    [
      "org",
      "link",
      "acme",
      "--region",
      "us_east_1",
      "--client-id",
      "acme-switchboard",
      "--client-secret-stdin",
    ],
    { env, input: "acme-demo-secret\n" },
  );
  if (link.code !== 0) throw new Error(`linking acme failed: ${link.stderr}`);
}, 60_000);
afterAll(async () => {
  await sim.close();
});

describe("switchboard org automap", () => {
  it("is off by default, turns on and off, and each change is audited", async () => {
    expect((await cli("org", "list")).stdout).toMatch(/Automap[\s\S]*acme.*\boff\b/);
    const on = await cli("org", "automap", "acme", "on");
    expect(on.code).toBe(0);
    expect(on.stdout).toContain("Automap is now on in acme");
    expect(on.stdout).toContain("switchboard user unmap <identity> acme");
    expect((await cli("org", "list")).stdout).toMatch(/acme.*\bon\b/);
    const off = await cli("org", "automap", "acme", "off");
    expect(off.stdout).toContain("Automap is now off in acme");
    const audit = await cli("audit", "export", "--org", "acme");
    const actions = audit.stdout.split("\n").filter((l) => l.includes("org.automap"));
    expect(actions.length).toBe(2);
    expect(audit.stdout).toContain("cli:ops-admin");
  });

  it("refuses anything but on or off, and an org that is not linked", async () => {
    const bad = await cli("org", "automap", "acme", "yes");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("switchboard org automap <slug> on|off");
    const missing = await cli("org", "automap", "zeta", "on");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No org called zeta is linked.");
  });
});
