/**
 * The admin commands work where the shell worked: with no database configured, `audit verify`,
 * `audit export`, `org list`, `user list` and `db status` open the demo workspace (or `--fixture
 * FILE`'s), as `shell` and `exec` do, and say which database they opened.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-admin-");
const SCENARIO = path.resolve(import.meta.dirname, "../fixtures/scenario.yml");
/** Several CLI runs in a row, each opening the workspace afresh. */
const SPAWNS = { timeout: 120_000 };

describe("admin commands after a demo session", () => {
  it("see the demo workspace's audit rows, orgs and users, and name the database", SPAWNS, async () => {
    const env = { SWITCHBOARD_DATA_DIR: tmp.file("data") };
    expect((await runCliInProcess(["exec", 'pause acme "Spring Promo" --reason demo'], { env })).code).toBe(
      0,
    );

    const verify = await runCliInProcess(["audit", "verify"], { env });
    expect(verify.code).toBe(0);
    expect(verify.stderr).toMatch(/Database: the demo workspace \(.*demo\/switchboard\.db\)/);
    const rows = Number(/Audit chain intact: (\d+) rows/.exec(verify.stdout)?.[1] ?? "0");
    expect(rows).toBeGreaterThan(0);

    const exported = await runCliInProcess(["audit", "export", "--org", "acme"], { env });
    expect(exported.stdout).toContain('"action":"pause"');

    const orgs = await runCliInProcess(["org", "list"], { env });
    expect(orgs.stderr).toContain("Database: the demo workspace");
    expect(orgs.stdout).toContain("acme");
    expect(orgs.stdout).not.toMatch(/no orgs? (are )?linked/i);

    const users = await runCliInProcess(["user", "list"], { env });
    expect(users.code).toBe(0);
    expect(users.stdout).toMatch(/acme/);
  });

  it("open a fixture's workspace with --fixture FILE", SPAWNS, async () => {
    const env = { SWITCHBOARD_DATA_DIR: tmp.file("data2") };
    expect((await runCliInProcess(["exec", "--fixture", SCENARIO, "list acme"], { env })).code).toBe(0);
    const verify = await runCliInProcess(["audit", "verify", "--fixture", SCENARIO], { env });
    expect(verify.stderr).toContain(`Database: the workspace of fixture ${SCENARIO}`);
    expect(Number(/intact: (\d+) rows/.exec(verify.stdout)?.[1] ?? "0")).toBeGreaterThan(0);
    const orgs = await runCliInProcess(["org", "list", "--fixture", SCENARIO], { env });
    expect(orgs.stdout).toContain("globex");
  });
});
