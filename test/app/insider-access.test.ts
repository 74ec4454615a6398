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
    expect((await h.run('resume acme "Summer Sale"', "sam")).reply.ok).toBe(true);
  });
});
