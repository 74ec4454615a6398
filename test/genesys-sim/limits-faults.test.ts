import { describe, expect, it } from "vitest";
import { api, CLIENTS, type ErrorBody, manualClock, requestToken, sim, tokenFor } from "./helpers.js";

describe("per-token rate limit", () => {
  it("answers 429 with Retry-After once the minute's budget is spent, then recovers", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    s.setLimits({ perTokenPerMinute: 3 });
    const token = await tokenFor(s, "acme");
    for (let i = 1; i <= 3; i++) {
      const a = await api(s, token, "acme", "/tokens/me");
      expect(a.status).toBe(200);
      expect(a.headers.get("inin-ratelimit-allowed")).toBe("3");
      expect(a.headers.get("inin-ratelimit-count")).toBe(String(i));
      expect(a.headers.get("inin-ratelimit-reset")).toBe(String(70 - i * 10));
      clock.advance(10_000);
    }
    clock.advance(15_500); // 45.5 s into the window
    const limited = await api<ErrorBody>(s, token, "acme", "/tokens/me");
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("too.many.requests");
    expect(limited.headers.get("retry-after")).toBe("15");
    expect(limited.headers.get("inin-ratelimit-count")).toBe("4");
    expect(limited.headers.get("inin-ratelimit-reset")).toBe("15");
    expect(s.stats().rateLimited).toBe(1);

    // Another token has its own budget.
    const other = await tokenFor(s, "acme");
    expect((await api(s, other, "acme", "/tokens/me")).status).toBe(200);

    clock.advance(15_000);
    const next = await api(s, token, "acme", "/tokens/me");
    expect(next.status).toBe(200);
    expect(next.headers.get("inin-ratelimit-count")).toBe("1");
  });

  it("Retry-After is at least one second", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    s.setLimits({ perTokenPerMinute: 1 });
    const token = await tokenFor(s, "globex");
    await api(s, token, "globex", "/tokens/me");
    clock.advance(59_999);
    const a = await api(s, token, "globex", "/tokens/me");
    expect(a.status).toBe(429);
    expect(a.headers.get("retry-after")).toBe("1");
  });
});

describe("faults", () => {
  it("latencyMs delays every response, the token endpoint too", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    s.setFaults({ latencyMs: 120 });
    let t0 = performance.now();
    expect((await api(s, token, "acme", "/tokens/me")).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    t0 = performance.now();
    await tokenFor(s, "acme");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
  });

  it("errorRate answers that share of API requests with errorStatus (default 503)", async () => {
    let roll = 0.5;
    const s = await sim({ random: () => roll });
    const token = await tokenFor(s, "acme");
    s.setFaults({ errorRate: 1 });
    const down = await api<ErrorBody>(s, token, "acme", "/outbound/campaigns");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 503, code: "service.unavailable" });
    expect(down.body.contextId).toBeTruthy();

    s.setFaults({ errorRate: 0.4 });
    expect((await api(s, token, "acme", "/outbound/campaigns")).status).toBe(200);
    roll = 0.39;
    s.setFaults({ errorStatus: 500 });
    expect((await api(s, token, "acme", "/outbound/campaigns")).status).toBe(500);
    s.setFaults({ errorRate: 0 });
    expect((await api(s, token, "acme", "/outbound/campaigns")).status).toBe(200);
    expect(s.stats().byStatus).toMatchObject({ "200": 3, "503": 1, "500": 1 });
  });

  it("tokenEndpointDown makes the token endpoint answer 503, existing tokens keep working", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    s.setFaults({ tokenEndpointDown: true });
    const a = await requestToken(s, "us_east_1", CLIENTS.acme.id, CLIENTS.acme.secret);
    expect(a.status).toBe(503);
    expect((await api(s, token, "acme", "/tokens/me")).status).toBe(200);
    s.setFaults({ tokenEndpointDown: false });
    expect((await requestToken(s, "us_east_1", CLIENTS.acme.id, CLIENTS.acme.secret)).status).toBe(200);
  });
});

describe("stats", () => {
  it("counts token and API requests; resetStats clears them", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    await api(s, token, "acme", "/tokens/me");
    await api(s, token, "acme", "/outbound/campaigns/nope");
    expect(s.stats()).toEqual({
      tokenRequests: 1,
      apiRequests: 2,
      rateLimited: 0,
      byStatus: { "200": 2, "404": 1 },
      tokensByOrg: { acme: 1 },
      apiByPath: { "/tokens/me": 1, "/outbound/campaigns/nope": 1 },
    });
    s.resetStats();
    expect(s.stats()).toEqual({
      tokenRequests: 0,
      apiRequests: 0,
      rateLimited: 0,
      byStatus: {},
      tokensByOrg: {},
      apiByPath: {},
    });
  });
});
