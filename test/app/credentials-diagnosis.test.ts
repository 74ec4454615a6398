/**
 * Credential causes, found by asking Genesys: credentials of another org, the wrong region, a bad
 * secret, a revoked client. Each is linked on purpose through the org store, as a mistaken
 * `switchboard org link` would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LinkOrgInput } from "../../src/core/ports/org-store.js";
import { demoFixturePath } from "../../src/genesys-sim/index.js";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: demoFixturePath });
});
afterAll(async () => {
  await h?.close();
});

function acmeLink(): LinkOrgInput {
  const acme = h.fixture.orgs.find((o) => o.slug === "acme");
  const client = acme?.oauthClients[0];
  if (!acme || !client) throw new Error("demo fixture has no acme client");
  return {
    slug: "acme",
    genesysOrgId: acme.id,
    name: acme.name,
    region: acme.region,
    clientId: client.id,
    clientSecret: client.secret,
  };
}

async function relinkAcme(overrides: Partial<LinkOrgInput>): Promise<void> {
  await h.app.services.orgs.upsert({ ...acmeLink(), ...overrides });
  h.app.services.genesys.evict("acme");
}

afterEach(async () => {
  await relinkAcme({});
});

describe("credentials of another org", () => {
  it("names the org they belong to, and that it is linked here as globex", async () => {
    await relinkAcme({
      region: "eu_west_1",
      clientId: "globex-switchboard",
      clientSecret: "globex-demo-secret",
    });
    const failed = await h.run('status acme "Spring Promo"', "sam");
    expect(failed.reply.ok).toBe(false);
    expect(failed.text).toContain(
      "Diagnosis: The credentials linked as acme (OAuth client globex-switchboard) belong to Genesys org Globex Europe",
    );
    expect(failed.text).toContain("linked here as globex, not Acme Corp");
    expect(failed.text).toContain("The whole story: explain last");

    const why = await h.run('why acme "Spring Promo" pause', "sam");
    expect(why.reply.ok).toBe(true);
    expect(why.text).toContain("These credentials belong to org Globex Europe, not acme: re-link acme");
    expect(why.text).toContain(
      "switchboard org link acme --region eu_west_1 --client-id <id> --client-secret-stdin",
    );

    const doctor = await h.run("org test acme", "sam");
    expect(doctor.reply.ok).toBe(false);
    expect(doctor.text).toMatch(
      /FAIL \| Org binding \| credentials belong to Globex Europe \(linked here as globex\)/,
    );
    expect(doctor.text).toContain(
      "Switchboard refuses to use them: they would act on another company's campaigns.",
    );
    expect((await h.app.services.orgs.get("acme"))?.health).toBe("broken");
  });
});

describe("wrong region", () => {
  it("finds the region whose login host accepts the credentials", async () => {
    await relinkAcme({ region: "eu_west_1" });
    const why = await h.run('why acme "Spring Promo" pause', "sam");
    expect(why.text).toContain(
      'login.mypurecloud.ie (eu_west_1) refuses acme\'s OAuth client acme-switchboard (invalid_client: "authentication failed"), but login.mypurecloud.com (us_east_1) accepts it',
    );
    expect(why.text).toContain(
      "Fix: Re-link with the right region: switchboard org link acme --region us_east_1 --client-id acme-switchboard --client-secret-stdin",
    );
    const doctor = await h.run("org test acme", "sam");
    expect(doctor.text).toMatch(/FAIL \| Token \| refused by login\.mypurecloud\.ie \(eu_west_1\)/);
    expect(doctor.text).toMatch(/FAIL \| Region \| credentials work in us_east_1 only/);
    expect(doctor.text).toContain("the org lives in us_east_1, not eu_west_1");
  });
});

describe("invalid_client", () => {
  it("says wrong secret, or disabled or deleted client, when no region accepts the client", async () => {
    await relinkAcme({ clientSecret: "not-the-secret" });
    const { text } = await h.run('why acme "Spring Promo" pause', "sam");
    expect(text).toContain(
      'Genesys refuses acme\'s client id/secret at login.mypurecloud.com (invalid_client: "authentication failed"), and none of the other 17 regions accepts them: wrong secret, or the client was disabled or deleted',
    );
    expect(text).toContain("Check client acme-switchboard in Genesys Admin > Integrations > OAuth");
  });

  it("a revoked client reads like a wrong secret (Genesys does not say which), and the org is marked broken", async () => {
    const other = await startHarness({ fixturePath: demoFixturePath });
    try {
      await other.run('status acme "Spring Promo"', "sam");
      other.sim.revokeClient("acme-switchboard");
      const failed = await other.run('status acme "Spring Promo"', "sam");
      expect(failed.reply.ok).toBe(false);
      expect(failed.text).toContain(
        "wrong secret, or the client was disabled or deleted (Genesys does not say which)",
      );
      expect(failed.text).toContain("Check client acme-switchboard in Genesys Admin > Integrations > OAuth");
      const doctor = await other.run("org test acme", "sam");
      expect(doctor.text).toMatch(/FAIL \| Token \| wrong secret, or the client was disabled or deleted/);
      expect((await other.app.services.orgs.get("acme"))?.health).toBe("broken");
      const all = await other.run("org test --all", "admin");
      expect(all.text).toMatch(
        /acme \| us_east_1 \| problems found \| Token: wrong secret, or the client was disabled or deleted/,
      );
      expect(all.text).toMatch(
        /globex \| eu_west_1 \| healthy, 1 warning \| Permissions: pause only via edit/,
      );
    } finally {
      await other.close();
    }
  });
});
