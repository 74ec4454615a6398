/**
 * Two serve replicas, each with its own Prisma client on one database, keeping listener leases for
 * three orgs: every org has exactly one listening replica, and when one replica dies or stops its
 * orgs move to the other. Rounds are driven by the test on a shared clock it moves (no waiting).
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { DEFAULT_LEASE_TTL_MS, listenerLeaseKey } from "../../../src/core/leases/lease-keeper.js";
import { PrismaLeaseStore, type Store } from "../../../src/store/index.js";
import { FakeClock } from "../../genesys/support/fake-clock.js";
import { type LeaseReplica, leaseReplica, settle } from "../../support/lease-replica.js";
import type { StoreHarness } from "./harness.js";

const TTL = DEFAULT_LEASE_TTL_MS;
const EVERY = TTL / 4;

export function leaseReplicasContract(h: StoreHarness): void {
  async function twoReplicas() {
    const clock = new FakeClock(Date.parse("2030-01-01T00:00:00Z"));
    const run = randomUUID().slice(0, 8);
    const keys = ["acme", "globex", "initech"].map((org) => listenerLeaseKey(`${org}-${run}`));
    // SQLite: both clients' writes share the file's queue, as openStore arranges for one process.
    const leasesOf = (store: Store) =>
      new PrismaLeaseStore(store.db, store.provider, { clock, lockKey: h.url });
    const a = leaseReplica(leasesOf(h.store), "replica-a", clock, keys);
    const b = leaseReplica(leasesOf(await h.openAnother()), "replica-b", clock, keys);
    return { clock, keys, a, b };
  }

  /** Both replicas' rounds at once, as two processes would run them. */
  async function together(...replicas: LeaseReplica[]) {
    await Promise.all(replicas.map((replica) => replica.keeper.tick()));
    await settle();
  }

  /** Every key believed held by exactly one replica, and the database agrees. */
  async function expectOneListenerPerOrg(keys: string[], replicas: LeaseReplica[]) {
    for (const key of keys) {
      const believers = replicas.filter((replica) => replica.believed().includes(key));
      expect(
        believers.map((replica) => replica.keeper.holder),
        key,
      ).toHaveLength(1);
      expect((await h.store.leases.holderOf(key))?.holder).toBe(believers[0]?.keeper.holder);
    }
  }

  it("gives each org exactly one listening replica, round after round", async () => {
    const { clock, keys, a, b } = await twoReplicas();
    for (let i = 0; i < 5; i++) {
      await together(a, b);
      await expectOneListenerPerOrg(keys, [a, b]);
      await clock.advance(EVERY);
    }
    expect(a.keeper.counts().held + b.keeper.counts().held).toBe(3);
    expect(a.keeper.counts().lost + b.keeper.counts().lost).toBe(0);
  });

  it("moves a killed replica's orgs to the other within ttl + one round; the dead one gives them up", async () => {
    const { clock, keys, a, b } = await twoReplicas();
    await together(a, b);
    const [victim, survivor] = a.believed().length > 0 ? [a, b] : [b, a];
    const victimKeys = victim.believed();
    expect(victimKeys.length).toBeGreaterThan(0);
    // Killed: the victim stops renewing and never releases.
    const killed = clock.ms;
    while (survivor.believed().length < keys.length && clock.ms - killed < 60_000) {
      await clock.advance(EVERY);
      await together(survivor);
      for (const key of victimKeys) {
        if (clock.ms - killed < TTL) expect(survivor.believed()).not.toContain(key);
      }
    }
    expect(clock.ms - killed).toBeLessThanOrEqual(TTL + EVERY);
    expect(survivor.believed()).toEqual([...keys].sort());
    // Were it only frozen, on waking it lets go of everything and takes nothing back.
    await together(victim, survivor);
    expect(victim.believed()).toEqual([]);
    // The keys are given up in whatever order the round settles them: the set is what matters.
    expect(victim.events.filter((event) => event.startsWith("-")).sort()).toEqual(
      victimKeys.map((key) => `-${key}:expired`).sort(),
    );
    await expectOneListenerPerOrg(keys, [a, b]);
  });

  it("moves a stopped replica's orgs to the other on its next round", async () => {
    const { keys, a, b } = await twoReplicas();
    await together(a, b);
    const [leaving, staying] = a.believed().length > 0 ? [a, b] : [b, a];
    await leaving.keeper.stop();
    await together(staying);
    expect(staying.believed()).toEqual([...keys].sort());
    await expectOneListenerPerOrg(keys, [a, b]);
  });
}
