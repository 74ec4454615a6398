import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGION_DOMAINS } from "../../src/genesys/regions.js";
import type { Simulator } from "../../src/genesys-sim/index.js";
import { CAMPAIGNS, ORG, threeOrgsYaml } from "./support/fixtures.js";
import { type RecordingFetch, recordingFetch } from "./support/recording-fetch.js";
import { clientFor, type OrgName, startSim } from "./support/sim.js";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSim(threeOrgsYaml());
});
afterAll(() => sim.close());

describe("org isolation", () => {
  it("keeps each org's token, host and data to its own client under interleaved calls", async () => {
    const names: OrgName[] = ["acme", "globex", "initech"];
    const recs = new Map<OrgName, RecordingFetch>(names.map((n) => [n, recordingFetch()]));
    const clients = names.map((n) => ({ name: n, client: clientFor(sim, n, { fetch: recs.get(n)?.fetch }) }));

    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(
        clients.map(async ({ name, client }) => {
          const [campaigns, info] = await Promise.all([client.listAllCampaigns(), client.tokenInfo()]);
          return { name, campaigns: campaigns.map((c) => c.name).sort(), orgId: info.organization.id };
        }),
      );
      for (const { name, campaigns, orgId } of results) {
        expect(campaigns).toEqual([...CAMPAIGNS[name]].sort());
        expect(orgId).toBe(ORG[name].genesysOrgId);
      }
    }

    const tokensOf = (n: OrgName) => new Set(recs.get(n)?.issuedTokens ?? []);
    for (const name of names) {
      const rec = recs.get(name);
      expect(rec?.issuedTokens).toHaveLength(1);
      const bearer =
        rec?.sent.filter((r) => r.authorization?.startsWith("Bearer ")).map((r) => r.authorization) ?? [];
      expect(new Set(bearer)).toEqual(new Set([`Bearer ${[...tokensOf(name)][0]}`]));
      // Every request went to this org's region (login for the token, api for the rest).
      const domain = REGION_DOMAINS[ORG[name].region];
      for (const r of rec?.sent ?? [])
        expect(new URL(r.url).pathname).toMatch(new RegExp(`^/(login|api)\\.${domain}/`));
      // No other org's token ever left this client.
      for (const other of names.filter((n) => n !== name)) {
        for (const token of tokensOf(other)) expect(bearer).not.toContain(`Bearer ${token}`);
      }
    }
    expect(sim.stats().tokensByOrg).toEqual({ acme: 1, globex: 1, initech: 1 });
  });

  it("cannot read another org's campaign even by id", async () => {
    const globexCampaign = sim.campaign("globex", "Globex Winback").id;
    await expect(clientFor(sim, "acme").getCampaign(globexCampaign)).rejects.toMatchObject({ status: 404 });
  });
});
