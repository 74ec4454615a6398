/** LeaseStore behaviour, run against SQLite and PostgreSQL. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { PrismaLeaseStore, type Store } from "../../../src/store/index.js";
import type { StoreHarness } from "./harness.js";

const TTL = 20_000;
const key = (label: string) => `listener:${label}-${randomUUID()}`;

/** A clock only the test moves. */
function testClock(start = Date.parse("2030-01-01T00:00:00Z")) {
  let now = start;
  return {
    now: () => new Date(now),
    sleep: async () => {},
    advance(ms: number) {
      now += ms;
    },
  };
}

export function leaseStoreContract(h: StoreHarness): void {
  const leasesOn = (store: Store, clock: ReturnType<typeof testClock>) =>
    new PrismaLeaseStore(store.db, store.provider, { clock });

  it("grants a free key to one holder and refuses it to the next while it lasts", async () => {
    const k = key("one");
    const a = await h.store.leases.tryAcquire(k, "replica-a", TTL);
    expect(a).toMatchObject({ key: k, holder: "replica-a", epoch: 1 });
    expect(await h.store.leases.tryAcquire(k, "replica-b", TTL)).toBeNull();
    expect(await h.store.leases.holderOf(k)).toMatchObject({ holder: "replica-a", epoch: 1 });
    // Acquiring again as the holder is a renewal: same epoch.
    expect(await h.store.leases.tryAcquire(k, "replica-a", TTL)).toMatchObject({ epoch: 1 });
  });

  it("extends the holder's lease on renew and keeps it past the first expiry", async () => {
    const clock = testClock();
    const leases = leasesOn(h.store, clock);
    const k = key("renew");
    const first = await leases.tryAcquire(k, "replica-a", TTL);
    clock.advance(TTL - 1_000);
    const renewed = await leases.renew(k, "replica-a", TTL);
    expect(renewed?.expiresAt.getTime()).toBe(clock.now().getTime() + TTL);
    expect(renewed?.epoch).toBe(first?.epoch);
    clock.advance(5_000); // past the first grant's expiry, inside the renewed one
    expect(await leases.tryAcquire(k, "replica-b", TTL)).toBeNull();
    expect((await leases.holderOf(k))?.holder).toBe("replica-a");
  });

  it("renews many keys at once, only those the holder still has", async () => {
    const clock = testClock();
    const leases = leasesOn(h.store, clock);
    const [mine, theirs, lapsed, never] = [key("mine"), key("theirs"), key("lapsed"), key("never")];
    await leases.tryAcquire(lapsed, "replica-a", 1_000);
    await leases.tryAcquire(mine, "replica-a", TTL);
    await leases.tryAcquire(theirs, "replica-b", TTL);
    clock.advance(1_000);
    const grants = await leases.renewAll([mine, theirs, lapsed, never], "replica-a", TTL);
    expect(grants.map((grant) => grant.key)).toEqual([mine]);
    expect(grants[0]?.expiresAt.getTime()).toBe(clock.now().getTime() + TTL);
    expect(await leases.renewAll([], "replica-a", TTL)).toEqual([]);
  });

  it("refuses a renew by anyone but the holder, and by the holder once it has expired", async () => {
    const clock = testClock();
    const leases = leasesOn(h.store, clock);
    const k = key("not-yours");
    expect(await leases.renew(k, "replica-a", TTL)).toBeNull(); // never held
    await leases.tryAcquire(k, "replica-a", TTL);
    expect(await leases.renew(k, "replica-b", TTL)).toBeNull();
    clock.advance(TTL);
    expect(await leases.renew(k, "replica-a", TTL)).toBeNull();
    expect(await leases.holderOf(k)).toBeNull();
  });

  it("lets another holder take an expired lease over, with a higher epoch", async () => {
    const clock = testClock();
    const leases = leasesOn(h.store, clock);
    const k = key("takeover");
    await leases.tryAcquire(k, "replica-a", TTL);
    clock.advance(TTL - 1);
    expect(await leases.tryAcquire(k, "replica-b", TTL)).toBeNull();
    clock.advance(1);
    const taken = await leases.tryAcquire(k, "replica-b", TTL);
    expect(taken).toMatchObject({ holder: "replica-b", epoch: 2 });
    expect(await leases.renew(k, "replica-a", TTL)).toBeNull();
    expect((await leases.holderOf(k))?.holder).toBe("replica-b");
  });

  it("frees the key on release by its holder, and ignores a release by anyone else", async () => {
    const k = key("release");
    await h.store.leases.tryAcquire(k, "replica-a", TTL);
    await h.store.leases.release(k, "replica-b");
    expect((await h.store.leases.holderOf(k))?.holder).toBe("replica-a");
    await h.store.leases.release(k, "replica-a");
    expect(await h.store.leases.holderOf(k)).toBeNull();
    expect(await h.store.leases.renew(k, "replica-a", TTL)).toBeNull();
    expect(await h.store.leases.tryAcquire(k, "replica-b", TTL)).toMatchObject({
      holder: "replica-b",
      epoch: 2,
    });
  });

  it("grants a free key to exactly one of many concurrent claims from two processes' clients", async () => {
    const other = await h.openAnother();
    const k = key("race");
    const grants = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other : h.store).leases.tryAcquire(k, `replica-${i}`, TTL),
      ),
    );
    const winners = grants.filter((grant) => grant !== null);
    expect(winners).toHaveLength(1);
    expect((await other.leases.holderOf(k))?.holder).toBe(winners[0]?.holder);
  });

  it("hands an expired key to exactly one of many concurrent takeovers", async () => {
    const clock = testClock();
    const other = await h.openAnother();
    const mine = leasesOn(h.store, clock);
    const theirs = leasesOn(other, clock);
    const k = key("race-expired");
    await mine.tryAcquire(k, "replica-dead", TTL);
    clock.advance(TTL);
    const grants = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? theirs : mine).tryAcquire(k, `replica-${i}`, TTL)),
    );
    const winners = grants.filter((grant) => grant !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.epoch).toBe(2);
  });

  it("rejects an empty key, an empty holder and a ttl that is not positive", async () => {
    await expect(h.store.leases.tryAcquire("", "replica-a", TTL)).rejects.toThrow(/key/);
    await expect(h.store.leases.tryAcquire(key("x"), "", TTL)).rejects.toThrow(/holder/);
    await expect(h.store.leases.renew(key("x"), "replica-a", 0)).rejects.toThrow(/ttl/);
  });
}
