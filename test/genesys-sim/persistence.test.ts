import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  api,
  type CampaignJson,
  CLIENTS,
  fixtureWith,
  manualClock,
  requestToken,
  sim,
  tokenFor,
} from "./helpers.js";

const tempState = () =>
  path.join(mkdtempSync(path.join(tmpdir(), "sim-state-")), "nested", "genesys-sim.json");

describe("persistence across simulator instances", () => {
  it("a second instance on the same statePath sees campaign changes, tokens and revocations", async () => {
    const statePath = tempState();
    const clock = manualClock();
    const first = await sim({ statePath, now: clock.now });
    expect(existsSync(statePath)).toBe(true);
    const token = await tokenFor(first, "acme");
    const id = first.campaign("acme", "Spring Promo").id;
    await api(first, token, "acme", `/outbound/campaigns/${id}/stop`, { method: "POST" });
    first.revokeClient("initech-switchboard");
    await first.close();

    const second = await sim({ statePath, now: clock.now });
    expect(second.campaign("acme", id)).toMatchObject({ status: "stopping", version: 2 });
    // The cached token from the first process still works.
    const got = await api<CampaignJson>(second, token, "acme", `/outbound/campaigns/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.campaignStatus).toBe("stopping");
    const initech = await requestToken(second, "ap_southeast_2", CLIENTS.initech.id, CLIENTS.initech.secret);
    expect(initech.body.error).toBe("invalid_client");

    clock.advance(1500);
    expect(second.campaign("acme", id)).toMatchObject({ status: "off", version: 3 });
    await second.close();

    const third = await sim({ statePath, now: clock.now });
    expect(third.campaign("acme", id)).toMatchObject({ status: "off", version: 3 });
    expect(readdirSync(path.dirname(statePath)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("two live instances share one state file", async () => {
    const statePath = tempState();
    const a = await sim({ statePath });
    const b = await sim({ statePath });
    const tokenA = await tokenFor(a, "globex");
    const id = a.campaign("globex", "Win-Back Q2").id;
    await api(a, tokenA, "globex", `/outbound/campaigns/${id}/start`, { method: "POST" });
    // b answers from the file a just wrote, token included.
    const seen = await api<CampaignJson>(b, tokenA, "globex", `/outbound/campaigns/${id}`);
    expect(seen.body).toMatchObject({ campaignStatus: "on", version: 2 });
  });

  it("ignores state written for a different fixture, and an unreadable file", async () => {
    const statePath = tempState();
    const first = await sim({ statePath });
    first.mutateCampaign("acme", "Summer Sale", { status: "on" });
    await first.close();

    const changed = fixtureWith((f) => {
      f.timing.stoppingMs = 10;
    });
    const other = await sim({ statePath, fixture: changed });
    expect(other.campaign("acme", "Summer Sale")).toMatchObject({ status: "off", version: 1 });
    await other.close();

    writeFileSync(statePath, "{ not json");
    const fresh = await sim({ statePath });
    expect(fresh.campaign("acme", "Summer Sale").version).toBe(1);
    expect(() => JSON.parse(readFileSync(statePath, "utf8"))).not.toThrow();
  });
});
