/**
 * An org whose OAuth client is revoked in Genesys while Switchboard is running with a valid token:
 * the next command gets a 401, refreshes the token once, is refused `invalid_client`, and says so
 * naming the org; `org test` then reports the org broken. Other orgs are unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultHarness, startFaultHarness } from "./support/fault-harness.js";

describe("credentials revoked mid-run", () => {
  let h: FaultHarness;
  beforeAll(async () => {
    h = await startFaultHarness();
  });
  afterAll(() => h.close());

  it("works before, then answers invalid_client naming the org after one refresh", async () => {
    expect((await h.run('status acme "Spring Promo"')).text).toContain("Status: on");
    const seen = h.wire.length;
    h.sim.revokeClient("acme-client");

    const { reply, text } = await h.run('pause acme "Spring Promo" --reason revoked');
    expect(reply.tone).toBe("error");
    expect(text).toContain("Genesys rejected acme's credentials");
    expect(text).toContain("invalid_client");
    // Genesys words a revoked client like a wrong secret, so the answer names both, not one.
    expect(text).toContain("wrong secret, or the client was disabled or deleted");
    expect(text).toContain("re-link");
    const sent = h.wire.slice(seen).filter((e) => e.kind === "send");
    // The 401 ends the command after one refresh: one API request, no retries of it.
    expect(sent.filter((e) => e.path.startsWith("/api/v2/"))).toHaveLength(1);
    // At home: the refresh, the diagnosis's own look and its probe; elsewhere, the diagnosis asks
    // each other region's login host once whether it knows the client. Bounded, never a loop.
    const tokenHosts = sent.filter((e) => e.path === "/oauth/token").map((e) => e.host);
    expect(tokenHosts.filter((host) => host === "login.mypurecloud.com").length).toBeLessThanOrEqual(3);
    const elsewhere = tokenHosts.filter((host) => host !== "login.mypurecloud.com");
    expect(new Set(elsewhere).size).toBe(elsewhere.length);
    expect(h.sim.campaign("acme", "Spring Promo").status).toBe("on");
    expect(h.writes()).toEqual([]);
  });

  it("shows the org broken in org test, and leaves other orgs working", async () => {
    const test = await h.run("org test acme", "admin");
    expect(test.text).toMatch(/invalid_client|rejected|revoked|not active/i);
    expect((await h.app.services.orgs.get("acme"))?.health).toBe("broken");
    expect((await h.run("status globex Renewals")).text).toContain("Status: on");
  });
});
