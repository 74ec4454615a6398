import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFixture, type Simulator, startSimulator } from "../../src/genesys-sim/index.js";
import { runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-cli-");
const env = { SWITCHBOARD_DATA_DIR: tmp.file("data"), SWITCHBOARD_POLL_INTERVAL_MS: "200" };
// In-process runs of the CLI's main; the first case and the configuration error spawn the built binary.
const exec = (command: string, ...flags: string[]) => runCliInProcess(["exec", ...flags, command], { env });
const spawnExec = (command: string, ...flags: string[]) => runCli(["exec", ...flags, command], { env });

describe("switchboard exec against the demo (embedded simulator + SQLite)", () => {
  it("prints help and exits 0", async () => {
    const r = await spawnExec("help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("pause <org> <campaign…|--all|--match GLOB>");
    expect(r.stderr).toContain("Generated a master key for local use");
  });

  it("lists campaigns, filtered or not", async () => {
    const all = await exec("list acme");
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Spring Promo\s+on\s+predictive\s+Sales\s+42%/);
    const spring = await exec("list acme spring");
    expect(spring.stdout).toContain('matching "spring"');
    expect(spring.stdout).not.toContain("Summer Sale");
  });

  it("keeps state across runs: pause reports stopping then off, and a later status shows off", async () => {
    const before = await exec('status acme "Spring Promo"');
    expect(before.stdout).toMatch(/Status\s+on/);
    const pause = await exec('pause acme "Spring Promo" --reason "test"');
    expect(pause.code).toBe(0);
    expect(pause.stdout).toMatch(/stopping… waiting[\s\S]*Paused Spring Promo in acme: on → stopping → off/);
    const after = await exec('campaign status acme "Spring Promo"');
    expect(after.stdout).toMatch(/Status\s+off/);
    expect(after.stdout).toContain("paused by shell:sam");
  });

  it("runs the four-eyes demo: sam asks to resume, alex approves, riley may not pause", async () => {
    const request = await exec('/campaign resume acme "Spring Promo" --reason "list fixed"');
    expect(request.code).toBe(0);
    expect(request.stdout).toContain("sam asks to resume Spring Promo in acme.");
    const id = /Request\s+([0-9A-Z]{6})/.exec(request.stdout)?.[1] ?? "missing";
    const self = await exec(`approve ${id}`);
    expect(self.code).toBe(1);
    expect(self.stdout).toContain("You cannot approve your own request");
    const approve = await exec(`approve ${id}`, "--as", "alex");
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain("Resumed Spring Promo in acme: off → on");
    const audit = await exec('audit acme --campaign "Spring Promo"', "--as", "alex");
    expect(audit.stdout).toMatch(/shell:sam\s+resume\s+Spring Promo\s+success via start/);
    expect(audit.stdout).toMatch(/shell:alex\s+approve\s+Spring Promo\s+success/);
    const riley = await exec('pause acme "Spring Promo"', "--as", "riley");
    expect(riley.code).toBe(1);
    expect(riley.stdout).toContain("outbound:campaign:stop");
    expect(riley.stdout).toContain("Sales");
  });

  it("runs as another user with --as", async () => {
    const r = await exec("whoami", "--as", "riley");
    expect(r.stdout).toContain("You are riley (shell:riley)");
    expect(r.stdout).toMatch(/acme\s+Genesys role "Outbound Viewer"/);
  });

  it("lists and tests orgs", async () => {
    const list = await exec("org list");
    expect(list.stdout).toMatch(/acme\s+Acme Corp\s+us_east_1/);
    expect(list.stdout).toMatch(/initech\s+.*ap_southeast_2/);
    const test = await exec("org test acme");
    expect(test.code).toBe(0);
    expect(test.stdout).toContain("org test acme: healthy");
  });

  it("exits non-zero with what to type instead on a bad command", async () => {
    const r = await exec("paus acme");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Did you mean: pause?");
    const missing = await runCliInProcess(["exec"], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("exec needs a command to run.");
  });

  it("--reset starts the demo over", async () => {
    await exec('pause acme "Renewals Q3"');
    expect((await exec('status acme "Renewals Q3"')).stdout).toMatch(/Status\s+off/);
    const reset = await exec('status acme "Renewals Q3"', "--reset");
    expect(reset.stderr).toContain("Reset: removed");
    expect(reset.stdout).toMatch(/Status\s+on/);
  });

  it("emits JSON replies with --json", async () => {
    const r = await exec("org list", "--json");
    const reply = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}");
    expect(reply).toMatchObject({ ok: true, title: "3 linked orgs" });
  });
});

describe("switchboard exec --fixture", () => {
  const fixture = tmp.file("my-orgs.yml");
  writeFileSync(
    fixture,
    [
      "orgs:",
      "  - slug: zeta",
      "    name: Zeta Telecom",
      "    region: eu_central_1",
      "    divisions: [{ name: Home }]",
      // authorization:role:view lets Switchboard read the role kim is mapped to (its permission check).
      '    roles: [{ name: Bot, permissions: ["outbound:campaign:*", "authorization:role:view"] }]',
      "    oauthClients: [{ id: zeta-bot, secret: zeta-secret, grants: [{ role: Bot, division: Home }] }]",
      '    campaigns: [{ name: Churn Save, division: Home, status: "on" }]',
      "timing: { stoppingMs: 100 }",
      "switchboard:",
      "  chatUsers: [{ name: kim, maps: [{ org: zeta, genesysRole: Bot }] }]",
      "",
    ].join("\n"),
  );

  it("links the fixture's orgs and maps its users in a workspace of its own", async () => {
    const list = await exec("list zeta", "--fixture", fixture);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("Churn Save");
    const who = await exec("whoami", "--fixture", fixture);
    expect(who.stdout).toContain("You are kim");
    const pause = await exec("pause zeta churn", "--fixture", fixture);
    expect(pause.stdout).toContain("Paused Churn Save in zeta");
    expect((await exec("status zeta churn", "--fixture", fixture)).stdout).toMatch(/Status\s+off/);
    // The demo workspace is untouched by the fixture's.
    expect((await exec("org list")).stdout).not.toContain("zeta");
  });

  it("explains an invalid fixture file", async () => {
    const bad = tmp.file("bad.yml");
    writeFileSync(bad, "orgs:\n  - slug: q\n    name: Q\n    region: mars_1\n");
    const r = await exec("help", "--fixture", bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("bad.yml");
    expect(r.stderr).toContain("region");
  });
});

describe("switchboard exec --genesys-url", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      fixture: { ...demoFixture(), timing: { stoppingMs: 100 } },
      statePath: tmp.file("sim-state.json"), // holds the tokens it issued, for the sealing test
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("acts on a running simulator instead of an embedded one", async () => {
    const r = await exec('pause acme "Spring Promo"', "--genesys-url", sim.url, "--reset");
    expect(r.code).toBe(0);
    expect(sim.campaign("acme", "Spring Promo").status).toBe("off");
  });

  it("reuses the org's kept token in the next exec, and logs in again once Genesys refuses it", async () => {
    const first = await exec("list acme", "--genesys-url", sim.url, "--reset");
    expect(first.code).toBe(0);
    const loggedIn = sim.stats().tokensByOrg.acme ?? 0;
    const second = await exec("list acme", "--genesys-url", sim.url);
    expect(second.code).toBe(0);
    expect(sim.stats().tokensByOrg.acme ?? 0).toBe(loggedIn);
    sim.expireTokens();
    const third = await exec("list acme", "--genesys-url", sim.url);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain("Spring Promo");
    expect(sim.stats().tokensByOrg.acme ?? 0).toBe(loggedIn + 1);
  });

  it("reuses the caller's grants in the next exec within their cache lifetime instead of reading them again", async () => {
    const grantReads = () =>
      Object.entries(sim.stats().apiByPath)
        // The caller's grants; the org client's own role and divisions are read for other reasons.
        .filter(([path]) => path.startsWith("/authorization/subjects/"))
        .reduce((sum, [, n]) => sum + n, 0);
    const before = grantReads();
    expect((await exec("list acme", "--genesys-url", sim.url, "--reset")).code).toBe(0);
    const read = grantReads();
    expect(read).toBeGreaterThan(before);
    const second = await exec("list acme", "--genesys-url", sim.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Spring Promo");
    expect(grantReads()).toBe(read);
  });

  it("keeps the token sealed: the database never holds it in clear", async () => {
    await exec("list acme", "--genesys-url", sim.url);
    const state = JSON.parse(readFileSync(tmp.file("sim-state.json"), "utf8")) as {
      tokens: { token: string }[];
    };
    expect(state.tokens.length).toBeGreaterThan(0);
    const db = readFileSync(path.join(tmp.file("data"), "demo", "switchboard.db"));
    const wal = readFileSync(path.join(tmp.file("data"), "demo", "switchboard.db-wal"), { flag: "a+" });
    for (const { token } of state.tokens) {
      expect(db.includes(Buffer.from(token))).toBe(false);
      expect(wal.includes(Buffer.from(token))).toBe(false);
    }
  });
});

describe("configuration errors", () => {
  it("stop start-up with a message naming the setting", async () => {
    const r = await runCli(["exec", "help"], { env: { ...env, LOG_LEVEL: "loud" } });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain("LOG_LEVEL");
  });
});
