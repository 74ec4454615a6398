/**
 * One cause per fixture (test/fixtures/diagnosis): the diagnosis names the permission, division,
 * role and client, and the fix, from the client's live grants; and a real failure's reply says the
 * same in one line with the `explain` pointer.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";

const fixture = (name: string) => path.resolve(import.meta.dirname, `../fixtures/diagnosis/${name}.yml`);

describe("permission missing entirely", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fixturePath: fixture("missing-entirely") });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("names the permission no role of the client has, and the role to add it to", async () => {
    const { reply, text } = await h.run("why bare Renewals pause", "kim");
    expect(reply.ok).toBe(true);
    expect(text).toContain("Would not succeed for the OAuth client.");
    expect(text).toContain(
      'No role of OAuth client "Bare bot" (bare-bot) includes outbound:campaign:view, in any division',
    );
    expect(text).toContain('Fix: Add outbound:campaign:view to role "Bot".');
  });

  it("adds the same diagnosis to the failed command's reply", async () => {
    const { reply, text } = await h.run("status bare Renewals", "kim");
    expect(reply.ok).toBe(false);
    // Genesys refuses the campaign list outright when view is held in no division.
    expect(text).toContain("Genesys refused: bare's OAuth client is missing outbound:campaign:view");
    expect(text).toContain("Diagnosis: No role of OAuth client");
    expect(text).toContain('Fix: Add outbound:campaign:view to role "Bot".');
    expect(text).toMatch(/The whole story: explain [0-9a-f-]{36}/);
  });
});

describe("missing.any.permissions: none of the alternatives", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fixturePath: fixture("missing-any") });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("says any one of stop or edit would do and names the smallest fix", async () => {
    const { text } = await h.run("why halfway Renewals pause", "kim");
    expect(text).toMatch(
      /OAuth client halfway-bot: no: no role of the client includes outbound:campaign:stop or outbound:campaign:edit/,
    );
    expect(text).toContain(
      'pause needs at least one of outbound:campaign:stop or outbound:campaign:edit; no role of OAuth client "Halfway bot" (halfway-bot) includes any of them',
    );
    expect(text).toContain(
      'Fix: Add outbound:campaign:stop to role "Bot" (granted to "Halfway bot" (halfway-bot) in Home).',
    );
    const resume = await h.run("why halfway Renewals resume", "kim");
    expect(resume.text).toContain("Would succeed.");
  });

  it("puts a one-line diagnosis and the contextId to explain on the failed pause", async () => {
    const { reply, text } = await h.run("pause halfway Renewals", "kim");
    expect(reply.ok).toBe(false);
    expect(text).toContain(
      "Diagnosis: pause needs at least one of outbound:campaign:stop or outbound:campaign:edit",
    );
    expect(text).toContain('Fix: Add outbound:campaign:stop to role "Bot"');
    const contextId = /explain ([0-9a-f-]{36})/.exec(text)?.[1];
    expect(contextId).toBeDefined();
    const [row] = await h.app.services.audit.list({ orgSlug: "halfway", limit: 1 });
    expect(row).toMatchObject({ action: "pause", outcome: "failure", contextId });

    const explained = await h.run(`explain ${contextId}`, "kim");
    expect(explained.text).toContain(
      `shell:kim's pause of "Renewals" in halfway failed just now (403 missing.permissions), contextId ${contextId}.`,
    );
    expect(explained.text).toMatch(
      /OAuth client halfway-bot: no: no role of the client includes outbound:campaign:stop or outbound:campaign:edit/,
    );
    expect(explained.text).toContain('Fix: Add outbound:campaign:stop to role "Bot"');
    expect((await h.run("explain last", "kim")).text).toContain(`contextId ${contextId}`);
  });
});

describe("granted only in another division", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fixturePath: fixture("other-division") });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("names the role, where it is granted, and the division to grant it in", async () => {
    const { text } = await h.run('why split "Sales Push" pause', "kim");
    expect(text).toContain(
      'Role "Runner" gives OAuth client "Split bot" (split-bot) outbound:campaign:stop or outbound:campaign:edit in Home, not in Sales: its roles in Sales ("Watcher") lack it.',
    );
    expect(text).toContain(
      'Fix: Grant role "Runner" to OAuth client "Split bot" (split-bot) in division Sales.',
    );
    expect((await h.run('why split "Home Calls" pause', "kim")).text).toContain("Would succeed.");
  });

  it("shows it in the doctor's matrix and warns about the short token lifetime", async () => {
    const { reply, text } = await h.run("org test split", "kim");
    expect(reply.ok).toBe(true);
    expect(text).toMatch(/Home \| yes \| yes \| yes \| yes/);
    expect(text).toMatch(/Sales \| yes \| yes \| no: lacks stop\/edit \| no: lacks start\/edit/);
    expect(text).toMatch(/WARN \| Permissions \| pause refused in Sales; resume refused in Sales/);
    expect(text).toMatch(/WARN \| Token lifetime \| 10 min \(accessTokenValiditySeconds 600\): short/);
  });
});
