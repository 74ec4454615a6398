/**
 * Real orgs grant roles in "all divisions" as one grant whose division id is "*", and users inherit
 * grants from groups. Both must count everywhere Switchboard reads a grant.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/permissions.yml");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: FIXTURE });
});
afterAll(async () => {
  await h?.close();
});

describe("grants in all divisions (*) and through groups", () => {
  it("a caller whose only grant is a role in * pauses a campaign in any division", async () => {
    const out = await h.run("pause north Vault Job", "sam");
    expect(out.text).not.toMatch(/lack|not permitted|cannot/i);
    expect(h.sim.campaign("north", "Vault Job").status).not.toBe("on");
  });

  it("a caller whose only grant comes through a group pauses a campaign in any division", async () => {
    const out = await h.run("pause north Home Calls", "gus");
    expect(out.text).not.toMatch(/lack|not permitted|cannot/i);
    expect(h.sim.campaign("north", "Home Calls").status).not.toBe("on");
  });

  it("the gate answers 'all divisions' for a * grant, not a list of today's divisions", async () => {
    const org = await h.app.services.orgs.get("north");
    if (!org) throw new Error("north is not linked");
    const client = await h.app.services.genesys.forOrg(org);
    const access = await h.app.services.gate.divisionsAllowed("shell:gus", org, client, "pause");
    expect(access).toMatchObject({ allowed: true, divisions: "all" });
    const jo = await h.app.services.gate.divisionsAllowed("shell:jo", org, client, "pause");
    expect(jo.allowed && jo.divisions !== "all" && jo.divisions.map((d) => d.name)).toEqual(["Home"]);
  });

  it("org test reports an OAuth client granted in * as able to act everywhere", async () => {
    const out = await h.run("org test north", "admin");
    expect(out.text).toMatch(/"Integration" in all divisions/);
    expect(out.text).toMatch(/every action allowed in every division/);
  });
});
