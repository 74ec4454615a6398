/**
 * `switchboard user import FILE.csv` on the compiled CLI against the demo simulator: a dry run that
 * reports each row by line and changes nothing, then `--apply`, which maps the valid rows and
 * audits each, and a re-run that finds them already mapped.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoFixture, type Simulator, startSimulator } from "../../src/genesys-sim/index.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-user-import-");
let sim: Simulator;
let env: Record<string, string>;
const cli = (...args: string[]) => runCliInProcess(args, { env });

const CSV = [
  "Chat identity,Org,Genesys user",
  "slack:T024BE7LD:U0000SAM1,acme,sam@acme.test",
  'slack:T024BE7LD:U000ALEX1,acme,"alex@acme.test"',
  "slack:T024BE7LD:U0000NOB1,acme,nobody@acme.test",
  "slack:bad,acme,riley@acme.test",
  "riley,acme,riley@acme.test",
  "slack:T024BE7LD:U0000SAM1,acme,alex@acme.test",
  "",
].join("\n");

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
  // riley is mapped already, to the same person: reported as such, not changed.
  const map = await cli("user", "map", "riley", "acme", "--genesys-user", "riley@acme.test");
  if (map.code !== 0) throw new Error(`mapping riley failed: ${map.stderr}`);
  writeFileSync(tmp.file("people.csv"), CSV);
}, 60_000);
afterAll(async () => {
  await sim.close();
});

const row = (out: string, line: number) =>
  out.split("\n").find((l) => new RegExp(`^${line}\\s`).test(l)) ?? "";

// Each test runs the compiled CLI once or twice (whole processes): allow for a busy machine.
vi.setConfig({ testTimeout: 60_000 });

describe("switchboard user import", () => {
  it("reports a dry run row by row and changes nothing", async () => {
    const r = await cli("user", "import", tmp.file("people.csv"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("User import: dry run, nothing changed");
    expect(row(r.stdout, 2)).toMatch(
      /slack:T024BE7LD:U0000SAM1\s+acme\s+sam@acme\.test\s+will map → user:sam@acme\.test \(Sam Carter\)/,
    );
    expect(row(r.stdout, 3)).toContain("will map → user:alex@acme.test (Alex Morgan)");
    expect(row(r.stdout, 4)).toContain('unknown Genesys user: No Genesys user "nobody@acme.test" in acme.');
    expect(row(r.stdout, 5)).toContain('invalid row: "slack:bad" is not a valid chat identity');
    expect(row(r.stdout, 6)).toContain("already mapped → user:riley@acme.test");
    expect(row(r.stdout, 7)).toContain("invalid row: slack:T024BE7LD:U0000SAM1 in acme is already on line 2");
    expect(r.stdout).toContain("2 to map, 1 already mapped, 1 unknown Genesys user, 2 invalid rows.");
    expect(r.stdout).toContain("switchboard user import … --apply");
    const list = await cli("user", "list", "--org", "acme");
    expect(list.stdout).not.toContain("U0000SAM1");
  });

  it("maps the valid rows with --apply", async () => {
    const r = await cli("user", "import", tmp.file("people.csv"), "--apply");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("User import applied");
    expect(row(r.stdout, 2)).toContain("mapped → user:sam@acme.test (Sam Carter)");
    expect(r.stdout).toContain("2 mapped, 1 already mapped, 1 unknown Genesys user, 2 invalid rows.");
  });

  it("leaves the mappings and one audited user.map per change", async () => {
    const list = await cli("user", "list", "--org", "acme");
    expect(list.stdout).toMatch(/slack:T024BE7LD:U0000SAM1\s+acme\s+user:sam@acme\.test\s+cli:ops-admin/);
    expect(list.stdout).toMatch(/slack:T024BE7LD:U000ALEX1\s+acme\s+user:alex@acme\.test/);
    expect(list.stdout).not.toContain("U0000NOB1");
    const audit = await cli("audit", "export", "--format", "jsonl", "--org", "acme");
    const maps = audit.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { action: string; target: string | null; actor: string })
      .filter((e) => e.action === "user.map");
    expect(maps.map((e) => e.target)).toEqual(
      expect.arrayContaining(["slack:T024BE7LD:U0000SAM1", "slack:T024BE7LD:U000ALEX1"]),
    );
    expect(maps.every((e) => e.actor === "cli:ops-admin")).toBe(true);
  });

  it("finds the applied rows already mapped on a re-run", async () => {
    const again = await cli("user", "import", tmp.file("people.csv"));
    expect(row(again.stdout, 2)).toContain("already mapped → user:sam@acme.test");
    expect(again.stdout).toContain("0 to map, 3 already mapped");
  });

  it("takes the org from --org when the file has no org column, and exits 0 when every row is fine", async () => {
    writeFileSync(tmp.file("globex-less.csv"), "identity,email\nshell:jordan,jordan@acme.test\n");
    const r = await cli("user", "import", tmp.file("globex-less.csv"), "--org", "acme");
    expect(r.code).toBe(0);
    expect(row(r.stdout, 2)).toMatch(/shell:jordan\s+acme\s+jordan@acme\.test\s+will map/);
  });

  it("refuses a file without the columns it needs, or malformed CSV, before opening the database", async () => {
    writeFileSync(tmp.file("no-header.csv"), "slack:T024BE7LD:U0000SAM1,sam@acme.test\n");
    const r = await cli("user", "import", tmp.file("no-header.csv"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("has no identity column in its first row");
    expect(r.stderr).toContain("identity,org,genesys_user");
    writeFileSync(tmp.file("broken.csv"), 'identity,org,email\n"sam,acme,sam@acme.test\n');
    const b = await cli("user", "import", tmp.file("broken.csv"));
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("line 2: a quoted field is never closed");
    expect(b.stderr).not.toContain("Database:");
  });
});
