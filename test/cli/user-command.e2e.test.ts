import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFixture, type Simulator, startSimulator } from "../../src/genesys-sim/index.js";
import { runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-users-");
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
  for (const [slug, region, id, secret] of [
    ["acme", "us_east_1", "acme-switchboard", "acme-demo-secret"],
    ["initech", "ap_southeast_2", "initech-switchboard", "initech-demo-secret"],
  ] as const) {
    const link = await runCliInProcess(
      ["org", "link", slug, "--region", region, "--client-id", id, "--client-secret-stdin"],
      {
        env,
        input: `${secret}\n`,
      },
    );
    if (link.code !== 0) throw new Error(`linking ${slug} failed: ${link.stderr}`);
  }
}, 60_000);
afterAll(async () => {
  await sim.close();
});

describe("switchboard user map / list / unmap", () => {
  it("maps a shell name to a Genesys user found by email, after which campaign commands work", async () => {
    // The built binary, once for the user family; the other cases run in-process.
    const r = await runCli(["user", "map", "sam", "acme", "--genesys-user", "sam@acme.test"], { env });
    // Admin commands name the database they opened, on stderr so stdout stays the answer.
    expect(r.stderr.trim()).toMatch(/^Database: DATABASE_URL \(.*ops\.db\)$/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Mapped shell:sam in acme → user:sam@acme.test (Sam Carter).");
    expect(r.stdout).toContain("Campaign permissions: view, stop, start in all divisions.");
    const list = await cli("exec", "--live", "--as", "sam", "list acme");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("Spring Promo");
  });

  it("maps a Slack identity to a role by name, stored as Genesys spells it, and lists mappings", async () => {
    const r = await cli(
      "user",
      "map",
      "slack:T024BE7LD:U012AB3CD",
      "acme",
      "--genesys-role",
      "outbound viewer",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("→ role:Outbound Viewer");
    expect(r.stdout).toContain("Campaign permissions: view in all divisions.");
    const list = await cli("user", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/shell:sam\s+acme\s+user:sam@acme\.test\s+cli:ops-admin/);
    expect(list.stdout).toMatch(/slack:T024BE7LD:U012AB3CD\s+acme\s+role:Outbound Viewer/);
    expect((await cli("user", "list", "--org", "initech")).stdout).toContain(
      "No chat identities are mapped in initech yet.",
    );
  });

  it("refuses a Genesys user it cannot find, listing what it tried", async () => {
    const r = await cli("user", "map", "kim", "acme", "--genesys-user", "nobody@acme.test");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No Genesys user "nobody@acme.test" in acme.');
    expect(r.stderr).toContain('Tried: a user search by email "nobody@acme.test"');
    const role = await cli("user", "map", "kim", "acme", "--genesys-role", "Outbound Wizard");
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('acme has no Genesys role named "Outbound Wizard".');
  });

  it("says which permission the org's OAuth client lacks to verify a mapping", async () => {
    const user = await cli("user", "map", "alex", "initech", "--genesys-user", "alex@initech.test");
    expect(user.code).toBe(1);
    expect(user.stderr).toContain(
      "initech's OAuth client may not look up users (it lacks directory:user:view)",
    );
    const role = await cli("user", "map", "alex", "initech", "--genesys-role", "Outbound Admin");
    expect(role.code).toBe(1);
    expect(role.stderr).toContain("lacks authorization:role:view");
  });

  it("rejects malformed identities and flag combinations before touching anything", async () => {
    const slack = await cli("user", "map", "slack:t1:u1", "acme", "--genesys-user", "sam@acme.test");
    expect(slack.code).toBe(2);
    expect(slack.stderr).toContain('"slack:t1:u1" is not a valid chat identity');
    const teams = await cli("user", "unmap", "teams:not-a-guid:x", "acme");
    expect(teams.code).toBe(2);
    const both = await cli("user", "map", "sam", "acme");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("exactly one of --genesys-user or --genesys-role");
  });

  it("unmaps, after which the identity is refused with the command that maps it again", async () => {
    const r = await cli("user", "unmap", "shell:sam", "acme");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Unmapped shell:sam in acme (was user:sam@acme.test).");
    const list = await cli("exec", "--live", "--as", "sam", "list acme");
    expect(list.code).toBe(1);
    expect(list.stdout).toContain("switchboard user map shell:sam acme --genesys-user <email>");
    expect((await cli("user", "unmap", "sam", "acme")).code).toBe(1);
  });
});
