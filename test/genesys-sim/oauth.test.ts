import { describe, expect, it } from "vitest";
import {
  api,
  CLIENTS,
  type ErrorBody,
  fixtureWith,
  manualClock,
  requestToken,
  sim,
  tokenFor,
} from "./helpers.js";

const acme = CLIENTS.acme;

/** What Genesys answers for every client that cannot authenticate (wrong secret, disabled, deleted). */
const AUTHENTICATION_FAILED = {
  error: "invalid_client",
  description: "authentication failed",
  error_description: "authentication failed",
};

describe("token endpoint", () => {
  it("issues a bearer token with the client's lifetime and counts it", async () => {
    const s = await sim();
    const a = await requestToken(s, acme.region, acme.id, acme.secret);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ token_type: "bearer", expires_in: 86400 });
    expect(typeof a.body.access_token).toBe("string");
    const g = await requestToken(s, "eu_west_1", CLIENTS.globex.id, CLIENTS.globex.secret);
    expect(g.body.expires_in).toBe(3600);
    expect(a.headers.get("inin-correlation-id")).toBeTruthy();
    expect(s.stats()).toMatchObject({ tokenRequests: 2, tokensByOrg: { acme: 1, globex: 1 } });
  });

  it("answers a wrong secret and an unknown client with the same invalid_client body", async () => {
    const s = await sim();
    const bad = await requestToken(s, acme.region, acme.id, "wrong");
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual(AUTHENTICATION_FAILED);
    const unknown = await requestToken(s, acme.region, "who-is-this", "x");
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(AUTHENTICATION_FAILED);
    expect(s.stats().tokenRequests).toBe(2);
    expect(s.stats().tokensByOrg).toEqual({});
  });

  it("does not know a client on another region's login host", async () => {
    const s = await sim();
    const a = await requestToken(s, "eu_west_1", acme.id, acme.secret);
    expect(a.status).toBe(401);
    expect(a.body).toEqual(AUTHENTICATION_FAILED);
  });

  it("refuses the password grant and a missing grant type", async () => {
    const s = await sim();
    const pw = await requestToken(
      s,
      acme.region,
      acme.id,
      acme.secret,
      "grant_type=password&username=u&password=p",
    );
    expect(pw.status).toBe(400);
    expect(pw.body.error).toBe("unsupported_grant_type");
    expect(String(pw.body.description)).toContain("password");
    const none = await requestToken(s, acme.region, acme.id, acme.secret, "");
    expect(none.status).toBe(400);
  });

  it("refuses a disabled client in the very words of a wrong secret", async () => {
    const s = await sim();
    const a = await requestToken(s, acme.region, "acme-legacy-dialer", "acme-legacy-secret");
    expect(a.body).toEqual(AUTHENTICATION_FAILED);
  });

  it("requires Basic authentication", async () => {
    const s = await sim();
    const res = await fetch(`${s.url}/login.mypurecloud.com/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_client");
  });
});

describe("tokens are bound to one org and one region", () => {
  it("rejects an acme token on the EU API host with bad.credentials", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const a = await api<ErrorBody>(s, token, "acme", "/outbound/campaigns", { region: "eu_west_1" });
    expect(a.status).toBe(401);
    expect(a.body.code).toBe("bad.credentials");
  });

  it("serves only the token's own org", async () => {
    const s = await sim();
    const acmeToken = await tokenFor(s, "acme");
    const me = await api<{ organization: { name: string } }>(s, acmeToken, "acme", "/tokens/me");
    expect(me.body.organization.name).toBe("Acme Corp");
    const globexToken = await tokenFor(s, "globex");
    const winter = s.campaign("globex", "Winter Warmers");
    // An acme campaign id does not exist from globex's point of view.
    const other = await api<ErrorBody>(
      s,
      globexToken,
      "globex",
      `/outbound/campaigns/${s.campaign("acme", "Spring Promo").id}`,
    );
    expect(other.status).toBe(404);
    const own = await api(s, globexToken, "globex", `/outbound/campaigns/${winter.id}`);
    expect(own.status).toBe(200);
  });

  it("answers authentication.required without a token or with an unknown one", async () => {
    const s = await sim();
    const none = await api<ErrorBody>(s, undefined, "acme", "/tokens/me");
    expect(none.status).toBe(401);
    expect(none.body.code).toBe("authentication.required");
    const junk = await api<ErrorBody>(s, "not-a-token", "acme", "/tokens/me");
    expect(junk.body.code).toBe("authentication.required");
  });
});

describe("token lifecycle", () => {
  it("expires tokens after tokenSeconds and on expireTokens()", async () => {
    const clock = manualClock();
    const s = await sim({
      now: clock.now,
      fixture: fixtureWith((f) => {
        const client = f.orgs[0]?.oauthClients[0];
        if (client) client.tokenSeconds = 60;
      }),
    });
    const token = await tokenFor(s, "acme");
    expect((await api(s, token, "acme", "/tokens/me")).status).toBe(200);
    clock.advance(60_000);
    const late = await api<ErrorBody>(s, token, "acme", "/tokens/me");
    expect(late.status).toBe(401);
    expect(late.body.code).toBe("credentials.expired");

    const fresh = await tokenFor(s, "acme");
    s.expireTokens();
    expect((await api<ErrorBody>(s, fresh, "acme", "/tokens/me")).body.code).toBe("credentials.expired");
    expect((await api(s, await tokenFor(s, "acme"), "acme", "/tokens/me")).status).toBe(200);
  });

  it("revokeClient refuses new tokens and invalidates issued ones", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    s.revokeClient(acme.id);
    const again = await requestToken(s, acme.region, acme.id, acme.secret);
    expect(again.body).toEqual(AUTHENTICATION_FAILED);
    const call = await api<ErrorBody>(s, token, "acme", "/tokens/me");
    expect(call.status).toBe(401);
    expect(() => s.revokeClient("no-such-client")).toThrow(/unknown OAuth client/);
    // Other orgs are unaffected.
    expect((await api(s, await tokenFor(s, "globex"), "globex", "/tokens/me")).status).toBe(200);
  });
});
