/**
 * Issue 11, tried as an insider would: vic (views Home only), nobody (mapped, no grants) and gil
 * (globex only) against acme, through the real dispatcher, simulator and database.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/access.yml");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: FIXTURE });
});
afterAll(async () => {
  await h?.close();
});

/** Every byte the database holds on disk (main file and journal), as text. */
function databaseBytes(): string {
  return readdirSync(h.dir.path)
    .filter((f) => f.startsWith("switchboard.db"))
    .map((f) => readFileSync(path.join(h.dir.path, f)).toString("latin1"))
    .join("\n");
}

describe("pasted secrets are never persisted (row 12)", () => {
  it("masks a bearer token and client secret from an explain paste before the audit row is written", async () => {
    const bearer = "Zx9kLmN0pQrStUvWxYz0123456789abcdef";
    const secret = "s3cr3t-Client-Value_4242";
    const paste = `explain curl -X POST https://api.mypurecloud.com/api/v2/outbound/campaigns -H "Authorization: Bearer ${bearer}" -d client_secret=${secret} {"status":403,"code":"missing.permissions","message":"Unable to perform the requested action."}`;
    const { text } = await h.run(paste, "sam");
    expect(text).not.toContain(bearer);
    expect(text).not.toContain(secret);
    const rows = await h.app.services.audit.list({ actor: "shell:sam", limit: 5 });
    const explained = rows.find((r) => r.action === "explain");
    expect(explained?.targetName).toContain("Bearer [masked]");
    expect(JSON.stringify(rows)).not.toContain(bearer);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(databaseBytes()).not.toContain(bearer);
    expect(databaseBytes()).not.toContain(secret);
  });

  it("masks Basic auth, Slack tokens and JWTs typed into a pause reason", async () => {
    const basic = "YWNtZS1jbGllbnQ6aHVudGVyMg==";
    const slack = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQr";
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ2aWMiLCJ0aWQiOiJ4In0.c2lnbmF0dXJl";
    const { reply } = await h.run(
      `pause acme "Summer Sale" --reason "curl -H 'Authorization: Basic ${basic}' ${slack} ${jwt}"`,
      "sam",
    );
    expect(reply.ok).toBe(true);
    const [row] = await h.app.services.audit.list({ actor: "shell:sam", limit: 1 });
    expect(row?.reason).toContain("[masked]");
    for (const s of [basic, slack, jwt]) expect(databaseBytes()).not.toContain(s);
  });
});

const HIDDEN = ["Spring Promo", "Spring Retargeting", "Sales Secret", "Sales"];
const revealsNothing = (text: string) => {
  for (const name of HIDDEN) expect(text).not.toContain(name);
};

describe("campaign names resolve only among campaigns the caller may view (row 3)", () => {
  it("answers vic's `status acme spring` as if the Sales campaigns did not exist", async () => {
    const { reply, text } = await h.run("status acme spring", "vic");
    expect(reply.ok).toBe(true);
    expect(text).toContain("Spring Home Calls — acme");
    revealsNothing(text);
  });

  it("gives vic no hint of a hidden campaign by name, by id, by suggestion or through why", async () => {
    const hiddenId = h.sim.campaign("acme", "Spring Promo").id;
    for (const line of [
      'status acme "Spring Promo"',
      "status acme Sales Secret Launch",
      `status acme ${hiddenId}`,
      'pause acme "Spring Promo"',
      "resume acme retargeting",
      'why acme "Spring Promo" pause',
    ]) {
      const { reply, text } = await h.run(line, "vic");
      expect(reply.ok, line).toBe(false);
      expect(text, line).toMatch(/No campaign in acme matches|has no campaign/);
      for (const name of [
        "Spring Retargeting",
        "Sales Secret Launch Campaign 2026",
        "division Sales",
        "(Sales",
      ])
        expect(text, line).not.toContain(name);
    }
    const hidden = await h.run(`status acme ${hiddenId}`, "vic");
    expect(hidden.text).toContain(`Genesys has no campaign ${hiddenId} visible to acme's OAuth client.`);
    expect(hidden.text).not.toContain("Spring");
    expect(h.sim.campaign("acme", "Spring Promo").status).toBe("on");
  });

  it("tells a mapped user without grants, and an unmapped one, nothing about names", async () => {
    for (const who of ["nobody", "stranger"])
      for (const line of ["resume acme s", "status acme spring", "why acme spring", "pause acme Sales"]) {
        const { reply, text } = await h.run(line, who);
        expect(reply.ok, `${who}: ${line}`).toBe(false);
        revealsNothing(text.replace(/pause acme Sales/g, ""));
        expect(text).not.toContain("Spring Home Calls");
        expect(text).not.toContain("Summer Sale");
      }
  });

  it("refuses before the command runs and audits the refusal with its reason", async () => {
    await h.run("status acme spring", "nobody");
    const [row] = await h.app.services.audit.list({ actor: "shell:nobody", limit: 1 });
    expect(row).toMatchObject({ action: "status", outcome: "denied", orgSlug: "acme" });
    expect(row?.detail).toMatchObject({ reason: "missing_permission", stage: "access" });
  });
});

describe("audit, approvals and schedule list show only what the caller may view (row 9)", () => {
  beforeAll(async () => {
    expect(
      (await h.run('pause acme "Spring Promo" --for 2h --reason "sales list leaked"', "sam")).reply.ok,
    ).toBe(true);
    expect((await h.run('resume acme "Spring Retargeting" --reason "sales relaunch"', "sam")).reply.ok).toBe(
      true,
    );
    expect((await h.run('pause acme "Spring Home Calls" --reason "home list stale"', "sam")).reply.ok).toBe(
      true,
    );
    await h.run('status acme "Sales Secret Launch Campaign 2026"', "sam");
  });

  it("gives vic the audit rows about Home campaigns and none about Sales ones", async () => {
    const vic = await h.run("audit acme --all --limit 100", "vic");
    expect(vic.reply.ok).toBe(true);
    expect(vic.text).toContain("Spring Home Calls");
    expect(vic.text).toContain("home list stale");
    // vic's own rows echo what vic typed; everyone else's must not name a Sales campaign.
    const othersRows = vic.text
      .split("\n")
      .filter((line) => !line.includes("shell:vic"))
      .join("\n");
    for (const leak of ["Spring Promo", "Retargeting", "sales list leaked", "sales relaunch", "Secret"])
      expect(othersRows).not.toContain(leak);
    const sam = await h.run("audit acme --all --limit 100", "sam");
    expect(sam.text).toContain("sales list leaked");
    expect(sam.text).toContain("Sales Secret Launch Campaign 2026");
  });

  it("refuses the audit to a mapped user without grants", async () => {
    const { reply, text } = await h.run("audit acme", "nobody");
    expect(reply.ok).toBe(false);
    revealsNothing(text);
  });

  it("lists Sales approval requests and scheduled resumes to sam but not to vic or nobody", async () => {
    expect((await h.run("approvals", "sam")).text).toContain("Spring Retargeting");
    expect((await h.run("schedule list", "sam")).text).toContain("Spring Promo");
    for (const who of ["vic", "nobody", "gil"]) {
      const approvals = await h.run("approvals acme", who);
      expect(approvals.text).toContain("No pending requests");
      revealsNothing(approvals.text);
      const schedules = await h.run("schedule list", who);
      expect(schedules.text).toContain("No scheduled resumes");
      revealsNothing(schedules.text);
    }
  });
});

describe("explain <contextId> stays inside the orgs the caller may view (row 11)", () => {
  it("answers another org's recorded failure as if it were not recorded", async () => {
    const failed = await h.run("status globex 00000000-0000-4000-8000-00000000beef", "gil");
    const contextId = /explain ([0-9a-f-]{36})/.exec(failed.text)?.[1] ?? "";
    expect(contextId).not.toBe("");
    const own = await h.run(`explain ${contextId}`, "gil");
    expect(own.reply.ok).toBe(true);
    expect(own.text).toContain("shell:gil's status");
    for (const who of ["vic", "sam", "nobody", "stranger"]) {
      const { reply, text } = await h.run(`explain ${contextId}`, who);
      expect(reply.ok, who).toBe(false);
      expect(text).toContain(`Switchboard recorded no failure with contextId ${contextId}.`);
      expect(text).not.toContain("gil");
      expect(text).not.toContain("globex");
    }
  });
});

describe("a hostile --match pattern (row 2)", () => {
  it("answers the backtracking pattern from the issue at once, matching nothing, for any viewer", async () => {
    const glob = `${"*?".repeat(40)}X`;
    const { reply, text } = await h.run(`pause acme --match "${glob}"`, "vic");
    expect(reply.ok).toBe(false);
    expect(text).toMatch(/No campaigns|match/i);
    revealsNothing(text);
    const tooLong = await h.run(`pause acme --match "${"*".repeat(201)}"`, "sam");
    expect(tooLong.text).toContain("the limit is 200");
  });
});
