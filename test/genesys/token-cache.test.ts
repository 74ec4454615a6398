import { describe, expect, it } from "vitest";
import { refreshSkewMs, TokenCache } from "../../src/genesys/token-cache.js";
import { FakeClock, settle } from "./support/fake-clock.js";

function counter(lifetimeSeconds = 3600) {
  let n = 0;
  const calls = { count: 0 };
  const fetchToken = async () => {
    calls.count++;
    await settle();
    n++;
    return { accessToken: `token-${n}`, expiresInSeconds: lifetimeSeconds };
  };
  return { calls, fetchToken };
}

describe("TokenCache", () => {
  it("makes one token request for many concurrent callers", async () => {
    const { calls, fetchToken } = counter();
    const cache = new TokenCache(fetchToken, new FakeClock());
    const tokens = await Promise.all(Array.from({ length: 500 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(["token-1"]));
    expect(calls.count).toBe(1);
    expect(cache.fetches).toBe(1);
  });

  it("refreshes before expiry: 10% of the lifetime, at most five minutes", async () => {
    expect(refreshSkewMs(600_000)).toBe(60_000);
    expect(refreshSkewMs(86_400_000)).toBe(300_000);
    const clock = new FakeClock();
    const cache = new TokenCache(counter(600).fetchToken, clock);
    expect(await cache.get()).toBe("token-1");
    await clock.advance(539_999);
    expect(await cache.get()).toBe("token-1");
    await clock.advance(1);
    expect(await cache.get()).toBe("token-2");
  });

  it("refreshes once when many callers report the same rejected token", async () => {
    const { calls, fetchToken } = counter();
    const cache = new TokenCache(fetchToken, new FakeClock());
    const stale = await cache.get();
    const fresh = await Promise.all(
      Array.from({ length: 50 }, () => {
        cache.invalidate(stale);
        return cache.get();
      }),
    );
    expect(new Set(fresh)).toEqual(new Set(["token-2"]));
    // A late 401 for the old token must not throw away the new one.
    cache.invalidate(stale);
    expect(await cache.get()).toBe("token-2");
    expect(calls.count).toBe(2);
  });

  it("shares a failure with every waiting caller and does not cache it", async () => {
    let fail = true;
    const cache = new TokenCache(async () => {
      await settle();
      if (fail) throw new Error("login down");
      return { accessToken: "ok-token", expiresInSeconds: 60 };
    }, new FakeClock());
    const results = await Promise.allSettled([cache.get(), cache.get(), cache.get()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(cache.fetches).toBe(1);
    fail = false;
    expect(await cache.get()).toBe("ok-token");
  });

  it("does not keep a token fetched before clear()", async () => {
    const { fetchToken } = counter();
    const cache = new TokenCache(fetchToken, new FakeClock());
    const pending = cache.get();
    cache.clear();
    expect(await pending).toBe("token-1");
    expect(await cache.get()).toBe("token-2");
  });
});
