import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import {
  demoFixture,
  demoFixturePath,
  derivedUuid,
  FixtureError,
  loadFixtureFile,
  normalizeFixture,
  parseFixture,
} from "../../src/genesys-sim/index.js";
import { UUID } from "./helpers.js";

const MINIMAL = `
orgs:
  - slug: tiny
    name: Tiny Co
    region: eu_central_1
    divisions: [{ name: Home }, { name: Sales }]
    roles: [{ name: Viewer, permissions: ["outbound:campaign:view"] }]
    users: [{ email: pat.doe@tiny.test, grants: [{ role: Viewer, division: "*" }] }]
    oauthClients: [{ id: tiny-client, secret: s, grants: [{ role: Viewer, division: Sales }] }]
    campaigns:
      - { name: First, division: Sales }
      - { name: Second, division: Home, status: on }
`;

function fixtureError(yaml: string, source = "test.yml"): FixtureError {
  try {
    parseFixture(yaml, source);
  } catch (e) {
    if (e instanceof FixtureError) return e;
    throw e;
  }
  throw new Error("expected a FixtureError");
}

describe("demo fixture", () => {
  it("loads with three orgs in three regions and the Spring Promo campaign", () => {
    const f = demoFixture();
    expect(f.orgs.map((o) => [o.slug, o.region])).toEqual([
      ["acme", "us_east_1"],
      ["globex", "eu_west_1"],
      ["initech", "ap_southeast_2"],
    ]);
    const acme = f.orgs[0];
    const spring = acme?.campaigns.find((c) => c.name === "Spring Promo");
    expect(spring).toMatchObject({ status: "on", division: "Sales" });
    expect(acme?.campaigns.some((c) => c.division === "Collections")).toBe(true);
    for (const org of f.orgs) {
      expect(org.campaigns.length).toBeGreaterThanOrEqual(4);
      expect(new Set(org.campaigns.map((c) => c.division)).size).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(f.orgs.map((o) => o.oauthClients[0]?.tokenSeconds)).size).toBe(3);
    expect(f.timing.stoppingMs).toBe(1500);
    expect(f.switchboard?.admins).toEqual(["admin"]);
    expect(path.basename(demoFixturePath)).toBe("demo-fixture.yml");
  });

  it("derives the same UUIDs on every load", () => {
    const a = demoFixture();
    const b = demoFixture();
    expect(a.orgs.map((o) => o.id)).toEqual(b.orgs.map((o) => o.id));
    const campaign = a.orgs[0]?.campaigns[0];
    expect(campaign?.id).toMatch(UUID);
    expect(campaign?.id).toBe(derivedUuid("acme", "campaign", campaign?.name ?? ""));
  });
});

describe("parseFixture", () => {
  it("fills defaults: ids, home division, user names, client settings, campaign fields, limits", () => {
    const f = parseFixture(MINIMAL);
    const org = f.orgs[0];
    expect(org?.id).toMatch(UUID);
    expect(org?.divisions.map((d) => d.home)).toEqual([true, false]);
    expect(org?.users[0]?.name).toBe("Pat Doe");
    expect(org?.oauthClients[0]).toMatchObject({ name: "tiny-client", tokenSeconds: 86400, state: "active" });
    expect(org?.campaigns[0]).toMatchObject({
      status: "off",
      dialingMode: "preview",
      progress: 0,
      totalContacts: 1000,
    });
    expect(f.limits.perTokenPerMinute).toBe(300);
    expect(f.faults).toMatchObject({ latencyMs: 0, errorRate: 0 });
    expect(f.timing.stoppingMs).toBe(2000);
    expect(f.switchboard).toBeUndefined();
  });

  it("names the file, the path and the reason for a missing field", () => {
    const e = fixtureError(MINIMAL.replace("    name: Tiny Co\n", ""), "scenario.yml");
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toContain("scenario.yml");
    expect(e.message).toContain("orgs[0].name: is required");
    expect(e.issues).toEqual([{ path: "orgs[0].name", message: "is required" }]);
  });

  it("rejects an unknown region", () => {
    const e = fixtureError(MINIMAL.replace("eu_central_1", "us-east-1"));
    expect(e.message).toMatch(/orgs\[0\]\.region: unknown region "us-east-1"/);
  });

  it("takes endpoint requirements that name a simulated endpoint, and rejects a typo", () => {
    const ok = parseFixture(`${MINIMAL}endpoints:\n  "GET /authorization/roles": { any: [a:b:c, d:e:f] }\n`);
    expect(ok.endpoints["GET /authorization/roles"]).toEqual({ any: ["a:b:c", "d:e:f"] });
    const e = fixtureError(`${MINIMAL}endpoints:\n  "GET /authorisation/roles": { all: [a:b:c] }\n`);
    expect(e.message).toContain(
      'endpoints.GET /authorisation/roles: no simulated endpoint "GET /authorisation/roles"',
    );
  });

  it("rejects a campaign in a division the org does not have", () => {
    const e = fixtureError(
      MINIMAL.replace("{ name: Second, division: Home", "{ name: Second, division: Marketing"),
    );
    expect(e.message).toContain(
      'orgs[0].campaigns[1].division: division "Marketing" does not exist in org "tiny"',
    );
    expect(e.message).toContain("known: Home, Sales");
  });

  it("rejects grants naming a missing role or division", () => {
    const e = fixtureError(
      MINIMAL.replace(
        "grants: [{ role: Viewer, division: Sales }]",
        "grants: [{ role: Admin, division: Ops }]",
      ),
    );
    expect(e.issues.map((i) => i.path)).toEqual([
      "orgs[0].oauthClients[0].grants[0].role",
      "orgs[0].oauthClients[0].grants[0].division",
    ]);
  });

  it("rejects duplicate names and ids", () => {
    const dupName = fixtureError(MINIMAL.replace("{ name: Second,", "{ name: first,"));
    expect(dupName.message).toContain('orgs[0].campaigns[1].name: duplicate campaign "first"');
    const dupId = fixtureError(
      MINIMAL.replace(
        "{ name: First, division: Sales }",
        "{ id: same, name: First, division: Sales }",
      ).replace("{ name: Second, division: Home", "{ id: same, name: Second, division: Home"),
    );
    expect(dupId.message).toContain(
      'orgs[0].campaigns[1].id: duplicate id "same" (also used at orgs[0].campaigns[0].id)',
    );
    const doc = YAML.parse(MINIMAL) as { orgs: unknown[] };
    doc.orgs.push(structuredClone(doc.orgs[0]));
    let twice: unknown;
    try {
      normalizeFixture(doc, "twice.yml");
    } catch (e) {
      twice = e;
    }
    expect(twice).toBeInstanceOf(FixtureError);
    const paths = (twice as FixtureError).issues.map((i) => i.path);
    expect(paths).toContain("orgs[1].slug");
    expect(paths).toContain("orgs[1].oauthClients[0].id");
  });

  it("catches typos in keys instead of silently using defaults", () => {
    const e = fixtureError(
      MINIMAL.replace("{ name: Second, division: Home, status: on }", "{ name: Second, divison: Home }"),
    );
    expect(e.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["orgs[0].campaigns[1]", "orgs[0].campaigns[1].division"]),
    );
  });

  it("validates the switchboard section", () => {
    const both = fixtureError(
      `${MINIMAL}switchboard:\n  chatUsers:\n    - { name: pat, maps: [{ org: tiny, genesysUser: pat.doe@tiny.test, genesysRole: Viewer }] }\n`,
    );
    expect(both.message).toContain(
      "switchboard.chatUsers[0].maps[0]: needs exactly one of genesysUser or genesysRole",
    );
    const badOrg = fixtureError(
      `${MINIMAL}switchboard:\n  chatUsers:\n    - { name: pat, maps: [{ org: nowhere, genesysRole: Viewer }] }\n`,
    );
    expect(badOrg.message).toContain('switchboard.chatUsers[0].maps[0].org: org "nowhere" is not in orgs');
    const ok = parseFixture(
      `${MINIMAL}switchboard:\n  chatUsers:\n    - { name: pat, maps: [{ org: tiny, genesysRole: Viewer }] }\n`,
    );
    expect(ok.switchboard).toMatchObject({ admins: [], policy: {}, chatUsers: [{ name: "pat" }] });
  });

  it("rejects malformed permissions, out-of-range values and YAML syntax errors", () => {
    expect(
      fixtureError(MINIMAL.replace('"outbound:campaign:view"', '"outbound.campaign.view"')).issues[0]?.path,
    ).toBe("orgs[0].roles[0].permissions[0]");
    expect(fixtureError(MINIMAL.replace("status: on", "status: running")).issues[0]?.path).toBe(
      "orgs[0].campaigns[1].status",
    );
    expect(fixtureError("orgs: [\n  - slug: x").message).toContain("YAML syntax error");
    expect(fixtureError("orgs: []").message).toContain("orgs: needs at least one org");
  });
});

describe("loadFixtureFile", () => {
  it("names the file when it is missing or invalid", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sim-fixture-"));
    const missing = path.join(dir, "nope.yml");
    expect(() => loadFixtureFile(missing)).toThrow(/nope\.yml/);
    const bad = path.join(dir, "bad.yml");
    writeFileSync(bad, MINIMAL.replace("eu_central_1", "mars_1"));
    expect(() => loadFixtureFile(bad)).toThrow(
      new RegExp(`Invalid fixture ${bad.replace(/[\\.]/g, "\\$&")}`),
    );
  });
});
