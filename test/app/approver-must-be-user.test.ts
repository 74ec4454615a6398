/**
 * Policy `approverMustBeUser`: a request may then be decided only by someone mapped to their own
 * Genesys user. A role mapping is a shared identity Genesys cannot name as a person, so it holds
 * the permission yet may not approve; the request stays pending for someone who can.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, SCENARIO, startHarness } from "../support/app-harness.js";
import { makeTempDir, type TempDir } from "../support/temp-dir.js";

let h: Harness;
let dir: TempDir;

/** The command-test scenario plus kim (a user-mapped supervisor) and the policy under test. */
function fixture(policy: string): string {
  const text = readFileSync(SCENARIO, "utf8")
    .replace(
      '      - { email: sam@acme.test, grants: [{ role: Supervisor, division: "*" }] }\n',
      '      - { email: sam@acme.test, grants: [{ role: Supervisor, division: "*" }] }\n' +
        '      - { email: kim@acme.test, grants: [{ role: Supervisor, division: "*" }] }\n',
    )
    .replace(
      "    - { name: riley, maps: [{ org: acme, genesysRole: Supervisor }] }\n",
      "    - { name: riley, maps: [{ org: acme, genesysRole: Supervisor }] }\n" +
        "    - { name: kim, maps: [{ org: acme, genesysUser: kim@acme.test }] }\n" +
        `  policy: ${policy}\n`,
    );
  expect(text).toContain("kim@acme.test, grants");
  const file = dir.file("fixture.yml");
  writeFileSync(file, text);
  return file;
}

async function requestResume(): Promise<string> {
  const { text } = await h.run('resume acme "Summer Sale" --reason "list fixed"', "sam");
  const id = /approve ([0-9A-Z]{6})/.exec(text)?.[1];
  if (!id) throw new Error(`no request id in: ${text}`);
  return id;
}

beforeEach(() => {
  dir = makeTempDir("switchboard-approver-user-");
});
afterEach(async () => {
  await h?.close();
  dir.remove();
});

describe("approverMustBeUser", () => {
  it("refuses a role-mapped approver, who still could without the rule, and takes a user-mapped one", async () => {
    h = await startHarness({
      fixturePath: fixture("{ orgs: { acme: { resume: { approverMustBeUser: true } } } }"),
    });
    const id = await requestResume();
    const refused = await h.run(`approve ${id}`, "riley");
    expect(refused.reply.ok).toBe(false);
    expect(refused.text).toContain('mapped to the Genesys role "Supervisor", not to a user');
    expect(refused.text).toContain("The request stays pending.");
    expect((await h.app.services.approvals.get(id))?.approverMustBeUser).toBe(true);
    expect((await h.app.services.approvals.get(id))?.status).toBe("pending");
    expect(h.sim.campaign("acme", "Summer Sale").status).toBe("off");
    const rows = await h.app.services.audit.list({ orgSlug: "acme", limit: 50 });
    expect(
      rows.some(
        (r) =>
          r.actor === "shell:riley" &&
          r.outcome === "denied" &&
          r.detail?.rule === "approver must be a Genesys user",
      ),
    ).toBe(true);

    const approved = await h.run(`approve ${id}`, "kim");
    expect(approved.reply.ok, approved.text).toBe(true);
    expect(["executed"]).toContain((await h.app.services.approvals.get(id))?.status);
    expect(h.sim.campaign("acme", "Summer Sale").status).toBe("on");
  });

  it("lets a role-mapped approver decide when the policy does not ask for users", async () => {
    h = await startHarness({ fixturePath: fixture("{}") });
    const id = await requestResume();
    const approved = await h.run(`approve ${id}`, "riley");
    expect(approved.reply.ok, approved.text).toBe(true);
    expect(h.sim.campaign("acme", "Summer Sale").status).toBe("on");
  });
});
