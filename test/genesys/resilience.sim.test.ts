import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GenesysError } from "../../src/core/kernel/genesys-error.js";
import { isVersionConflict } from "../../src/genesys/org-client.js";
import type { Simulator } from "../../src/genesys-sim/index.js";
import { FakeClock, settle } from "./support/fake-clock.js";
import { threeOrgsYaml } from "./support/fixtures.js";
import { JumpClock } from "./support/jump-clock.js";
import { pathOf, recordingFetch, withoutRateLimitHeaders } from "./support/recording-fetch.js";
import { clientFor, startSim } from "./support/sim.js";

// The simulator reads time and randomness through these, so each test can bring its own.
let simNow: () => number = Date.now;
let simRandom: () => number = Math.random;
let sim: Simulator;
let spring: string;

beforeAll(async () => {
  sim = await startSim(threeOrgsYaml(), { now: () => simNow(), random: () => simRandom() });
  spring = sim.campaign("acme", "Spring Promo").id;
});
afterAll(() => sim.close());
beforeEach(() => {
  simNow = Date.now;
  simRandom = Math.random;
  sim.setFaults({ errorRate: 0, errorStatus: 503 });
  sim.setLimits({ perTokenPerMinute: 100_000 });
  sim.resetStats();
});

/** mulberry32: a tiny seeded PRNG, so the simulator's fault pattern is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe("pacing by inin-ratelimit-* headers", () => {
  it("stops at the server's budget and waits for its window to reset, so no 429 is met", async () => {
    const clock = new JumpClock();
    simNow = () => clock.ms;
    // The server allows 5 a minute; our own limiter would allow 280.
    sim.setLimits({ perTokenPerMinute: 5 });
    const rec = recordingFetch();
    const client = clientFor(sim, "acme", { clock, fetch: rec.fetch });
    for (let i = 0; i < 12; i++) expect((await client.getCampaign(spring)).id).toBe(spring);
    expect(rec.retryAfters).toEqual([]);
    expect(client.counters.rateLimited).toBe(0);
    expect(sim.stats().rateLimited).toBe(0);
    // tokens/me + 4 calls fill the first window, 5 the second, 3 go in the third: two waits.
    const waits = clock.sleeps.filter((ms) => ms > 0);
    expect(waits).toHaveLength(2);
    for (const ms of waits) expect(ms).toBeGreaterThan(0);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * 60_000);
  });

  it("counts what other holders of the same token spent (the count comes from the server)", async () => {
    const clock = new JumpClock();
    simNow = () => clock.ms;
    sim.setLimits({ perTokenPerMinute: 6 });
    const rec = recordingFetch();
    const client = clientFor(sim, "acme", { clock, fetch: rec.fetch });
    await client.getCampaign(spring); // tokens/me + 1: the server counts 2 of 6
    const token = rec.issuedTokens[0] ?? "";
    // Another process with the same (shared, sealed) token spends three more behind our back.
    const url = rec.sent.find((r) => r.url.includes("/outbound/campaigns/"))?.url ?? "";
    for (let i = 0; i < 3; i++) await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    // Our own counter says 4 are left; the server's answer to the next call says 0.
    await client.getCampaign(spring);
    await client.getCampaign(spring);
    expect(rec.retryAfters).toEqual([]);
    expect(clock.sleeps.filter((ms) => ms > 0)).toHaveLength(1);
  });
});

describe("429 Too Many Requests", () => {
  it("waits for the simulator's Retry-After, then succeeds", async () => {
    const clock = new JumpClock();
    simNow = () => clock.ms;
    sim.setLimits({ perTokenPerMinute: 5 });
    const rec = recordingFetch(undefined, withoutRateLimitHeaders());
    const client = clientFor(sim, "acme", { clock, fetch: rec.fetch });
    // tokens/me is the token's first request, so calls 1-4 fill the window and call 5 meets the limit.
    for (let i = 0; i < 6; i++) expect((await client.getCampaign(spring)).id).toBe(spring);
    expect(rec.retryAfters).toHaveLength(1);
    const retryAfter = rec.retryAfters[0] ?? 0;
    expect(retryAfter).toBeGreaterThan(0);
    expect(Math.max(...clock.sleeps)).toBeGreaterThanOrEqual(retryAfter * 1000);
    expect(client.counters.rateLimited).toBe(1);
  });

  it("pauses every request of the org until Retry-After, so a storm sends nothing more", async () => {
    const clock = new FakeClock(Date.now());
    simNow = () => clock.ms;
    sim.setLimits({ perTokenPerMinute: 2 });
    const rec = recordingFetch(undefined, withoutRateLimitHeaders());
    const client = clientFor(sim, "acme", { clock, fetch: rec.fetch });
    await client.getCampaign(spring); // tokens/me + this one fill the window
    const first = client.getCampaign(spring);
    await until(() => client.counters.rateLimited === 1);
    const storm = Array.from({ length: 10 }, () => client.getCampaign(spring));
    for (let i = 0; i < 5; i++) await settle();
    const sentDuringPause = sim.stats().apiRequests;
    expect(client.counters.apiRequests).toBe(2);
    expect(rec.retryAfters).toHaveLength(1);
    expect(clock.sleeps).toEqual([(rec.retryAfters[0] ?? 0) * 1000]);

    sim.setLimits({ perTokenPerMinute: 100 });
    await clock.advance(60_000);
    await Promise.all([first, ...storm]);
    expect(sentDuringPause).toBe(3);
    expect(sim.stats().rateLimited).toBe(1);
  });

  it("fails with the 429 when Retry-After is longer than maxRetryAfterMs", async () => {
    sim.setLimits({ perTokenPerMinute: 1 });
    const client = clientFor(sim, "acme", { retry: { maxRetryAfterMs: 1_000 } });
    const error = await client.getCampaign(spring).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysError);
    expect(error).toMatchObject({ status: 429, code: "too.many.requests" });
    expect((error as GenesysError).retryAfterSeconds).toBeGreaterThan(1);
  });
});

describe("5xx and backoff", () => {
  it("retries a burst of 503s with bounded attempts", async () => {
    const clock = new JumpClock();
    const client = clientFor(sim, "acme", { clock, random: () => 0.5 });
    await client.getCampaign(spring);
    sim.resetStats();
    simRandom = seeded(7);
    sim.setFaults({ errorRate: 0.5 });

    const outcomes: Array<"ok" | number> = [];
    for (let i = 0; i < 30; i++) {
      outcomes.push(
        await client.getCampaign(spring).then(
          () => "ok" as const,
          (e: GenesysError) => e.status,
        ),
      );
    }
    const stats = sim.stats();
    const failed = outcomes.filter((o) => o !== "ok");
    expect(failed.every((status) => status === 503)).toBe(true);
    expect(outcomes.filter((o) => o === "ok").length).toBeGreaterThan(20);
    // Every 503 but the last of each failed call was retried, and no call went past 4 attempts.
    expect(client.counters.retries).toBe((stats.byStatus["503"] ?? 0) - failed.length);
    expect(stats.apiRequests).toBeLessThanOrEqual(30 * 4);
    expect(client.counters.retries).toBeGreaterThan(0);
    for (const delay of clock.sleeps) expect(delay).toBeLessThan(5_000);
  });

  it("gives up with a 503 GenesysError after maxAttempts when every request fails", async () => {
    const clock = new JumpClock();
    const client = clientFor(sim, "acme", { clock, random: () => 0.5, retry: {} });
    await client.getCampaign(spring);
    sim.resetStats();
    sim.setFaults({ errorRate: 1 });
    const error = await client.getCampaign(spring).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysError);
    expect(error).toMatchObject({ status: 503, code: "service.unavailable", method: "GET" });
    expect(sim.stats().apiRequests).toBe(4);
    // Full jitter at random() = 0.5 of 200, 400, 800 ms ceilings.
    expect(clock.sleeps).toEqual([100, 200, 400]);
  });

  it("does not retry a 4xx", async () => {
    const client = clientFor(sim, "acme");
    await expect(client.getCampaign("no-such-campaign")).rejects.toMatchObject({ status: 404 });
    expect(client.counters.retries).toBe(0);
  });
});

describe("setCampaignStatus and version conflicts", () => {
  it("re-reads and retries after a 409, keeping the other writer's change", async () => {
    let mutated = false;
    const rec = recordingFetch((req) => {
      if (req.method === "PUT" && !mutated) {
        mutated = true;
        sim.mutateCampaign("acme", spring, { name: "Spring Promo (renamed)" });
      }
    });
    const client = clientFor(sim, "acme", { fetch: rec.fetch });
    const updated = await client.setCampaignStatus(spring, "off");

    const puts = rec.sent.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(2);
    expect(puts.every((r) => pathOf(r.url).endsWith(`/outbound/campaigns/${spring}`))).toBe(true);
    expect(updated.name).toBe("Spring Promo (renamed)");
    expect(["stopping", "off"]).toContain(updated.status);
    expect(sim.campaign("acme", spring)).toMatchObject({ status: "off", name: "Spring Promo (renamed)" });

    const back = await client.setCampaignStatus(spring, "on");
    expect(back.status).toBe("on");
    expect(back.version).toBeGreaterThan(updated.version);
  });

  it("gives up after three conflict retries with the 409", async () => {
    const renewals = sim.campaign("acme", "Renewals").id;
    let n = 0;
    const rec = recordingFetch((req) => {
      if (req.method === "PUT") sim.mutateCampaign("acme", renewals, { name: `Renewals ${++n}` });
    });
    const client = clientFor(sim, "acme", { fetch: rec.fetch });
    await expect(client.setCampaignStatus(renewals, "off")).rejects.toMatchObject({
      status: 409,
      code: "general.conflict",
    });
    expect(rec.sent.filter((r) => r.method === "PUT")).toHaveLength(4);
  });

  it("treats a 400 saying the version does not match as a conflict", () => {
    const e = (status: number, message: string) =>
      new GenesysError({ status, code: "bad.request", message, method: "PUT", path: "/p" });
    expect(isVersionConflict(e(400, "Campaign version 3 does not match the current version 4"))).toBe(true);
    expect(isVersionConflict(e(400, "The campaign name must not be empty."))).toBe(false);
    expect(isVersionConflict(e(409, "conflict"))).toBe(true);
  });
});
