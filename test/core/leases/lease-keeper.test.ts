/**
 * LeaseKeeper over the real SQLite lease store, with a clock only the test moves: which replica
 * believes it holds which key, through renewals, deaths, refusals, store failures and shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_LEASE_TTL_MS,
  LeaseKeeper,
  listenerLeaseKey,
  newHolderId,
  type RepeatTimer,
} from "../../../src/core/leases/lease-keeper.js";
import type { LeaseStore } from "../../../src/core/ports/lease-store.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { FakeClock } from "../../genesys/support/fake-clock.js";
import { testCipher } from "../../store/contracts/harness.js";
import { leaseReplica, settle } from "../../support/lease-replica.js";
import { useTempDir } from "../../support/temp-dir.js";

const TTL = DEFAULT_LEASE_TTL_MS;
const EVERY = TTL / 4;
let run = 0;
/** Fresh keys per test, so tests sharing the database do not see each other's leases. */
const orgKeys = (...orgs: string[]) => orgs.map((org) => listenerLeaseKey(`${org}-${++run}`));

describe("LeaseKeeper on SQLite", () => {
  const tmp = useTempDir();
  const clock = new FakeClock(Date.parse("2030-01-01T00:00:00Z"));
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ url: tmp.sqliteUrl(), cipher: testCipher, clock });
  });
  afterAll(() => store.close());

  async function round(...replicas: { keeper: LeaseKeeper }[]) {
    for (const replica of replicas) await replica.keeper.tick();
    await settle();
  }

  it("defaults to a 20 s lease renewed every 5 s, so a dead holder's org moves within 25 s", () => {
    const keeper = new LeaseKeeper({ store: store.leases, holder: "a" });
    expect(keeper.ttlMs).toBe(20_000);
    expect(keeper.renewEveryMs).toBe(5_000);
    expect(keeper.ttlMs + keeper.renewEveryMs).toBeLessThanOrEqual(30_000);
    expect(
      () => new LeaseKeeper({ store: store.leases, holder: "a", ttlMs: 1_000, renewEveryMs: 1_000 }),
    ).toThrow(/below the ttl/);
  });

  it("names each process apart, even two with the same host and pid (containers run as pid 1)", () => {
    expect(newHolderId("web-1", 1)).toMatch(/^web-1\/1\/[0-9a-f]{8}$/);
    expect(newHolderId("web-1", 1)).not.toBe(newHolderId("web-1", 1));
  });

  it("takes every free key once, and a second replica gets none of them", async () => {
    const keys = orgKeys("acme", "globex", "initech");
    const a = leaseReplica(store.leases, "replica-a", clock, keys);
    const b = leaseReplica(store.leases, "replica-b", clock, keys);
    await round(a, b);
    expect(a.believed()).toEqual([...keys].sort());
    expect(b.believed()).toEqual([]);
    // Renewal rounds change nothing and call nobody back.
    for (let i = 0; i < 6; i++) {
      await clock.advance(EVERY);
      await round(a, b);
    }
    expect(a.events).toEqual(keys.map((key) => `+${key}`));
    expect(b.events).toEqual([]);
    expect(a.keeper.counts()).toEqual({ held: 3, acquired: 3, lost: 0 });
    expect(a.keeper.grants().map((grant) => grant.epoch)).toEqual([1, 1, 1]);
    for (const key of keys) expect((await store.leases.holderOf(key))?.holder).toBe("replica-a");
  });

  it("moves a dead replica's keys to the other after the ttl, not before, within ttl + one round", async () => {
    const keys = orgKeys("acme", "globex");
    const a = leaseReplica(store.leases, "replica-a", clock, keys);
    const b = leaseReplica(store.leases, "replica-b", clock, keys);
    await round(a, b);
    // replica-a dies: it stops renewing and never releases. replica-b keeps its 5 s rounds.
    const died = clock.ms;
    let movedAfter: number | undefined;
    while (movedAfter === undefined && clock.ms - died < 60_000) {
      await clock.advance(EVERY);
      await round(b);
      if (b.believed().length === keys.length) movedAfter = clock.ms - died;
    }
    expect(movedAfter).toBeGreaterThanOrEqual(TTL);
    expect(movedAfter).toBeLessThanOrEqual(TTL + EVERY);
    expect(b.keeper.grants().map((grant) => grant.epoch)).toEqual([2, 2]);
    expect(b.keeper.counts()).toEqual({ held: 2, acquired: 2, lost: 0 });
  });

  it("gives a key up locally when its own deadline passed unrenewed, before anyone else can hold it", async () => {
    const [key] = orgKeys("acme");
    const a = leaseReplica(store.leases, "replica-a", clock, [key as string]);
    await round(a);
    await clock.advance(TTL); // the process stalled past its lease
    expect(a.keeper.holds(key as string)).toBe(false);
    const b = leaseReplica(store.leases, "replica-b", clock, [key as string]);
    await round(b, a);
    expect(b.believed()).toEqual([key]);
    expect(a.believed()).toEqual([]);
    expect(a.events).toEqual([`+${key}`, `-${key}:expired`]);
  });

  it("calls onLost when a renewal is refused because another replica has the key", async () => {
    const [key] = orgKeys("acme");
    const k = key as string;
    const a = leaseReplica(store.leases, "replica-a", clock, [k]);
    await round(a);
    // An operator (or a bug) hands the lease to replica-b behind replica-a's back.
    await store.leases.release(k, "replica-a");
    expect(await store.leases.tryAcquire(k, "replica-b", TTL)).not.toBeNull();
    await clock.advance(EVERY);
    await round(a);
    expect(a.events).toEqual([`+${k}`, `-${k}:refused`]);
    expect(a.keeper.holds(k)).toBe(false);
    expect(a.keeper.counts()).toEqual({ held: 0, acquired: 1, lost: 1 });
  });

  it("calls onLost when the store fails a renewal, and takes the key back once the store answers", async () => {
    const [key] = orgKeys("acme");
    const k = key as string;
    const failing = new FailingLeases(store.leases);
    const a = leaseReplica(failing, "replica-a", clock, [k]);
    await round(a);
    failing.down = true;
    await clock.advance(EVERY);
    await round(a);
    expect(a.believed()).toEqual([]);
    expect(a.errors).toEqual([`renewing leases ${k}: database unreachable`]);
    failing.down = false;
    await clock.advance(EVERY);
    await round(a);
    expect(a.events).toEqual([`+${k}`, `-${k}:store-error`, `+${k}`]);
    expect(a.keeper.grants()[0]?.epoch).toBe(1); // nobody held it in between
  });

  it("follows the key set: a dropped key is released at once, an added one is taken", async () => {
    const [acme, globex] = orgKeys("acme", "globex") as [string, string];
    const a = leaseReplica(store.leases, "replica-a", clock, [acme]);
    const b = leaseReplica(store.leases, "replica-b", clock, [acme, globex]);
    await round(a, b);
    expect(a.believed()).toEqual([acme]);
    expect(b.believed()).toEqual([globex]);
    a.keeper.setKeys([]);
    await round(a, b);
    expect(a.events).toEqual([`+${acme}`, `-${acme}:unwanted`]);
    expect(b.believed()).toEqual([acme, globex].sort());
  });

  it("on stop, stops the work first, then releases every key so another replica takes it at once", async () => {
    const keys = orgKeys("acme", "globex");
    const order: string[] = [];
    const recording: LeaseStore = {
      tryAcquire: (...args) => store.leases.tryAcquire(...args),
      renew: (...args) => store.leases.renew(...args),
      renewAll: (...args) => store.leases.renewAll(...args),
      holderOf: (key) => store.leases.holderOf(key),
      release: async (key, holder) => {
        order.push(`release ${key}`);
        await store.leases.release(key, holder);
      },
    };
    const a = leaseReplica(recording, "replica-a", clock, keys, {
      onLost: (key) => void order.push(`lost ${key}`),
    });
    const b = leaseReplica(store.leases, "replica-b", clock, keys);
    await round(a, b);
    await a.keeper.stop();
    for (const key of keys)
      expect(order.indexOf(`lost ${key}`)).toBeLessThan(order.indexOf(`release ${key}`));
    await a.keeper.tick(); // a stopped keeper does nothing
    await round(b);
    expect(b.believed()).toEqual([...keys].sort());
    expect(a.keeper.counts()).toEqual({ held: 0, acquired: 2, lost: 2 });
  });

  it("keeps going when a callback throws, and reports it", async () => {
    const [key] = orgKeys("acme");
    const a = leaseReplica(store.leases, "replica-a", clock, [key as string], {
      onAcquired: () => {
        throw new Error("listener failed to start");
      },
    });
    await round(a);
    expect(a.keeper.holds(key as string)).toBe(true);
    expect(a.errors).toEqual([`onAcquired(${key}): listener failed to start`]);
  });

  it("runs rounds on its timer every renewEveryMs once started, and no more after stop", async () => {
    const [key] = orgKeys("acme");
    const timers: { ms: number; fire: () => void; cancelled: boolean }[] = [];
    const timer: RepeatTimer = (fire, ms) => {
      const entry = { ms, fire, cancelled: false };
      timers.push(entry);
      return () => {
        entry.cancelled = true;
      };
    };
    const a = leaseReplica(store.leases, "replica-a", clock, [key as string], { timer });
    a.keeper.start();
    await a.keeper.tick();
    await settle();
    expect(timers.map((t) => t.ms)).toEqual([EVERY]);
    expect(a.believed()).toEqual([key]);
    await a.keeper.stop();
    expect(timers[0]?.cancelled).toBe(true);
    expect(await store.leases.holderOf(key as string)).toBeNull();
  });
});

/** The real store, made to fail on demand the way an unreachable database does. */
class FailingLeases implements LeaseStore {
  down = false;
  constructor(private readonly inner: LeaseStore) {}
  tryAcquire(key: string, holder: string, ttlMs: number) {
    return this.#maybe(() => this.inner.tryAcquire(key, holder, ttlMs));
  }
  renew(key: string, holder: string, ttlMs: number) {
    return this.#maybe(() => this.inner.renew(key, holder, ttlMs));
  }
  renewAll(keys: readonly string[], holder: string, ttlMs: number) {
    return this.#maybe(() => this.inner.renewAll(keys, holder, ttlMs));
  }
  release(key: string, holder: string) {
    return this.#maybe(() => this.inner.release(key, holder));
  }
  holderOf(key: string) {
    return this.#maybe(() => this.inner.holderOf(key));
  }
  #maybe<T>(run: () => Promise<T>): Promise<T> {
    return this.down ? Promise.reject(new Error("database unreachable")) : run();
  }
}
