/** `why`: the dry run, against the demo fixture's deliberate misconfigurations. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFixturePath } from "../../src/genesys-sim/index.js";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: demoFixturePath });
});
afterAll(async () => {
  await h?.close();
});

describe("why", () => {
  it("says pause works for the caller and, via edit, for globex's client, changing nothing", async () => {
    const before = h.sim.campaign("globex", "Broadband Upgrade");
    const { reply, text } = await h.run('why globex "Broadband Upgrade" pause', "sam");
    expect(reply.ok).toBe(true);
    expect(text).toContain('why pause "Broadband Upgrade" in globex (division Telesales)');
    expect(text).toContain("Would succeed. Dry run: nothing was changed.");
    expect(text).toMatch(/You \(user:sam@globex\.test\): yes, with outbound:campaign:stop/);
    expect(text).toMatch(/OAuth client globex-switchboard: yes, with outbound:campaign:edit/);
    expect(text).toContain("lacks outbound:campaign:stop in Telesales but holds outbound:campaign:edit");
    expect(text).toContain('add outbound:campaign:stop to role "Switchboard Integration"');
    expect(h.sim.campaign("globex", "Broadband Upgrade")).toEqual(before);
  });

  it("defaults to status and keeps the evidence behind a details block", async () => {
    const { reply, text } = await h.run('why acme "Spring Promo"', "sam");
    expect(text).toContain('why status "Spring Promo" in acme (division Sales)');
    const details = reply.blocks.find((b) => b.type === "details");
    expect(details?.type === "details" && details.summary).toBe("More: grants and token");
    expect(text).toMatch(/Switchboard Integration \| Home, Sales \| outbound:campaign:\*/);
    expect(text).toContain("Token lifetime: 24 h (accessTokenValiditySeconds 86400)");
  });

  it("blames the caller's mapping when the client could do it", async () => {
    const { text } = await h.run('why acme "Spring Promo" pause', "riley");
    expect(text).toContain("Would not succeed for you.");
    expect(text).toMatch(
      /You \(role:Outbound Viewer\): no: lacks outbound:campaign:stop and outbound:campaign:edit in Sales/,
    );
    expect(text).toMatch(/OAuth client acme-switchboard: yes, with outbound:campaign:stop/);
    expect(text).toContain("The OAuth client of acme could do it: this is Switchboard's check");
    expect(text).toContain(
      'add outbound:campaign:stop (or outbound:campaign:edit) to role "Outbound Viewer"',
    );
    expect(text).toContain('switchboard user map shell:riley acme --genesys-role "<role>"');
  });

  it("refuses callers who are not mapped, saying how to get mapped", async () => {
    const { reply, text } = await h.run('why acme "Spring Promo" pause', "nobody");
    expect(reply.ok).toBe(false);
    expect(text).toContain("map you: switchboard user map shell:nobody acme");
    expect(text).not.toContain("Switchboard Integration");
  });

  it("explains a campaign in a division the client cannot see, by name and by id", async () => {
    const byName = await h.run('why acme "Past Due 30 Days" pause', "alex");
    expect(byName.text).toContain("Would not succeed for the OAuth client.");
    expect(byName.text).toContain("may view Home and Sales but not Collections");
    expect(byName.text).toContain(
      'Fix: Grant role "Switchboard Integration" to OAuth client "Switchboard (acme)" (acme-switchboard) in division Collections.',
    );
    const id = h.sim.campaign("acme", "Past Due 90 Days").id;
    expect((await h.run(`why acme ${id}`, "alex")).text).toContain("in division Collections");
  });

  it("says so when the client may not read its own grants, and what it can read", async () => {
    const { text } = await h.run('why initech "Q4 Upsell" pause', "alex");
    expect(text).toMatch(
      /OAuth client initech-switchboard: cannot tell: the client may not read its own roles/,
    );
    expect(text).toContain("it lacks oauth:client:view and authorization:role:view");
    expect(text).toContain("tokens/me lists 1 role(s)");
    expect(text).toContain('It can view "Q4 Upsell" (Genesys returned it)');
    expect(text).toContain("Add oauth:client:view and authorization:role:view to the client's role");
    // The caller cannot be verified either (no authorization:grant:view): said, not refused.
    expect(text).toMatch(/You \(user:alex@initech\.test\): cannot tell/);
    // Both lines say "cannot tell": so does the headline, instead of a refusal.
    expect(text).toContain("Cannot tell whether it would succeed for you or the OAuth client.");
    expect(text).not.toContain("Would not succeed");
    expect(text).toContain("grant authorization:grant:view to the role of initech's OAuth client");
    // Seeing the campaign proves view, so status is answered.
    expect((await h.run('why initech "Q4 Upsell" status', "alex")).text).toMatch(
      /OAuth client initech-switchboard: yes, with outbound:campaign:view \(held as Genesys returned the campaign\)/,
    );
  });

  it("lists the candidates for an ambiguous campaign instead of guessing", async () => {
    const { reply, text } = await h.run("why acme spring pause", "sam");
    expect(reply.ok).toBe(false);
    expect(text).toContain('"spring" matches 2 campaigns in acme.');
    expect(text).toMatch(/e\.g\. why acme "Spring Promo[^"]*" pause/);
  });
});
