import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFixture, type Simulator, startSimulator } from "../../src/genesys-sim/index.js";
import { runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-link-");
let sim: Simulator;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ fixture: demoFixture() });
  env = {
    SWITCHBOARD_DATA_DIR: tmp.file("data"),
    DATABASE_URL: tmp.sqliteUrl("ops.db"),
    GENESYS_SIMULATOR_URL: sim.url,
  };
});
afterAll(async () => {
  await sim.close();
});

const link = (args: string[], secret: string) =>
  runCliInProcess(["org", "link", ...args], { env, input: `${secret}\n` });
/** The built binary reading the secret from a real pipe: once, for the org family. */
const spawnLink = (args: string[], secret: string) =>
  runCli(["org", "link", ...args], { env, input: `${secret}\n` });

describe("switchboard org link / list / unlink", () => {
  // A spawn, then the first in-process run loading the whole application.
  it("links an org with the secret from stdin, learning its Genesys org id", {
    timeout: 60_000,
  }, async () => {
    const r = await spawnLink(
      ["acme", "--region", "us_east_1", "--client-id", "acme-switchboard", "--client-secret-stdin"],
      "acme-demo-secret",
    );
    expect(r.stderr).not.toContain("acme-demo-secret");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Linked acme → Acme Corp");
    const list = await runCliInProcess(["org", "list"], { env });
    expect(list.stdout).toMatch(/acme\s+Acme Corp\s+us_east_1/);
    expect(list.stdout + list.stderr).not.toContain("acme-demo-secret");
    // Campaign commands need the caller mapped to a Genesys identity in the org.
    expect(
      (await runCliInProcess(["user", "map", "sam", "acme", "--genesys-user", "sam@acme.test"], { env }))
        .code,
    ).toBe(0);
    const live = await runCliInProcess(["exec", "--live", "--as", "sam", "list acme"], { env });
    expect(live.code).toBe(0);
    expect(live.stdout).toContain("Spring Promo");
  });

  it("refuses a secret on the command line", async () => {
    const r = await runCliInProcess(
      ["org", "link", "x", "--region", "us_east_1", "--client-id", "c", "--client-secret", "hunter2"],
      { env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("never pass a client secret as an argument");
    expect(r.stderr).not.toContain("hunter2");
  });

  it("links nothing when Genesys rejects the credentials, without echoing them", async () => {
    const r = await link(
      ["globex", "--region", "eu_west_1", "--client-id", "globex-switchboard", "--client-secret-stdin"],
      "wrong-secret",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("invalid_client");
    expect(r.stderr).toContain("Nothing was linked.");
    expect(r.stderr).not.toContain("wrong-secret");
    expect((await runCliInProcess(["org", "list"], { env })).stdout).not.toContain("globex");
  });

  it("explains a wrong region", async () => {
    const r = await link(
      ["globex", "--region", "us_east_1", "--client-id", "globex-switchboard", "--client-secret-stdin"],
      "x",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Genesys refused the credentials in us_east_1");
    const bad = await link(["globex", "--region", "mars", "--client-id", "c", "--client-secret-stdin"], "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--region "mars" is not a Genesys Cloud region.');
  });

  it("unlinks an org", async () => {
    const r = await runCliInProcess(["org", "unlink", "acme"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Unlinked acme");
    expect((await runCliInProcess(["org", "unlink", "acme"], { env })).code).toBe(1);
  });
});

describe("switchboard db", () => {
  it("reports an up-to-date database", async () => {
    const r = await runCliInProcess(["db", "status"], {
      env: { ...env, DATABASE_URL: tmp.sqliteUrl("fresh.db") },
    });
    expect(r.stdout).toContain("Pending:");
    const deploy = await runCli(["db", "deploy"], {
      env: { ...env, DATABASE_URL: tmp.sqliteUrl("fresh.db") },
    });
    expect(deploy.code).toBe(0);
    const status = await runCliInProcess(["db", "status"], {
      env: { ...env, DATABASE_URL: tmp.sqliteUrl("fresh.db") },
    });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("Pending: none");
  });
});
