/** `org test` as a doctor, on the demo fixture: the action × division matrix and the summary of every org. */
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

describe("org test <org>", () => {
  it("shows acme's Collections division as not visible, with the grant that fixes it", async () => {
    const { reply, text } = await h.run("org test acme", "sam");
    expect(reply.ok).toBe(true);
    expect(text).toContain("org test acme: healthy, 1 warning");
    expect(text).toMatch(/ok \| Token \| accepted by login\.mypurecloud\.com \(us_east_1\)/);
    expect(text).toMatch(/ok \| Org binding \| token belongs to Acme Corp/);
    expect(text).toMatch(/ok \| Grants \| "Switchboard Integration" in Home and Sales/);
    // Counted where campaigns were seen: Collections is hidden from the client.
    expect(text).toMatch(/ok \| Campaigns \| \d+ visible, in 2 of 3 divisions/);
    expect(text).toMatch(/Division \| list \| status \| pause \| resume/);
    expect(text).toMatch(/Sales \| yes \| yes \| yes \| yes/);
    expect(text).toMatch(/Collections \| not visible \| not visible \| not visible \| not visible/);
    expect(text).toMatch(/WARN \| Permissions \| not visible in Collections/);
    expect(text).toContain(
      'Fix (Permissions): Grant role "Switchboard Integration" to OAuth client "Switchboard (acme)" (acme-switchboard) in division Collections.',
    );
    expect((await h.app.services.orgs.get("acme"))?.health).toBe("ok");
  });

  it("shows Genesys's request budget next to Switchboard's pace, and warns when Genesys allows less", async () => {
    const first = await h.run("org test acme", "sam");
    // The simulator states Genesys's default window (300) in inin-ratelimit-* headers.
    expect(first.text).toMatch(
      /ok \| Rate limit \| Genesys: \d+ of 300 requests left until \d\d:\d\d:\d\d UTC; Switchboard paces at 280\/min/,
    );
    h.sim.setLimits({ perTokenPerMinute: 120 });
    try {
      const low = await h.run("org test acme", "sam");
      expect(low.text).toMatch(/WARN \| Rate limit \| Genesys: \d+ of 120 requests left/);
      expect(low.text).toContain("Fix: Set GENESYS_REQUESTS_PER_MINUTE=120 to pace evenly");
    } finally {
      h.sim.setLimits({ perTokenPerMinute: 300 });
    }
  });

  it("shows globex's pause as allowed only via edit", async () => {
    const { text } = await h.run("org test globex", "sam");
    expect(text).toMatch(/Telesales \| yes \| yes \| yes \(edit\) \| yes/);
    expect(text).toMatch(/WARN \| Permissions \| pause only via edit/);
    expect(text).toMatch(/ok \| Token lifetime \| 1 h \(accessTokenValiditySeconds 3600\)/);
  });

  it("says what initech's client could not read, and what it saw anyway", async () => {
    const { text } = await h.run("org test initech", "alex");
    expect(text).toMatch(/WARN \| Could not read \| client settings: lacks oauth:client:view/);
    expect(text).toMatch(/WARN \| Could not read \| role permissions: lacks authorization:role:view/);
    expect(text).toMatch(/WARN \| Token lifetime \| unknown: lacks oauth:client:view/);
    expect(text).toMatch(/Sales \| yes \(seen\) \| yes \(seen\) \| unknown \| unknown/);
  });

  it("does not call initech healthy when every caller is refused there", async () => {
    const { reply, text } = await h.run("org test initech", "alex");
    expect(reply.ok).toBe(false);
    expect(text).toContain("org test initech: problems found");
    expect(text).toMatch(/FAIL \| Caller checks \| every caller refused: roles unreadable/);
    expect(text).toContain("Switchboard refuses every action in this org for every caller");
    // Times read like every other reply's ("17:40 UTC"), not raw ISO.
    expect(text).toMatch(/ok \| Token idle \| idles at (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC/);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  it("is for admins and people mapped in the org", async () => {
    const { reply, text } = await h.run("org test acme", "nobody");
    expect(reply.ok).toBe(false);
    expect(text).toContain("org test acme is for Switchboard admins and people mapped in acme");
  });
});

describe("org test --all", () => {
  it("summarises every org one line each, with its top cause", async () => {
    const { reply, text } = await h.run("org test --all", "admin");
    // initech has a failing check, so the summary as a whole is not ok.
    expect(reply.ok).toBe(false);
    expect(text).toContain("org test --all: 3 orgs");
    expect(text).toMatch(
      /acme \| us_east_1 \| healthy, 1 warning \| Permissions: not visible in Collections/,
    );
    expect(text).toMatch(/globex \| eu_west_1 \| healthy, 1 warning \| Permissions: pause only via edit/);
    expect(text).toMatch(
      /initech \| ap_southeast_2 \| problems found \| Caller checks: every caller refused/,
    );
  });

  it("covers only the orgs the caller may test", async () => {
    const sam = await h.run("org test --all", "sam");
    expect(sam.text).toContain("org test --all: 2 orgs");
    expect(sam.text).not.toContain("initech");
    expect((await h.run("org test --all", "nobody")).text).toContain("may test none of the 3 linked orgs");
    expect((await h.run("org test acme --all", "admin")).text).toContain(
      "org test takes an org or --all, not both.",
    );
  });
});
