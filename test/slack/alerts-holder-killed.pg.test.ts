/**
 * Two `serve` replicas on PostgreSQL, and the one listening to an org dies: it stops renewing its
 * lease without releasing it and its WebSocket goes away, as after SIGKILL. The other replica takes
 * the org over once the (short) lease expires, re-reads the watched campaigns, and posts the alert
 * for a change made while nobody listened, once; the alert posted before the death is not repeated.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RepeatTimer } from "../../src/core/leases/lease-keeper.js";
import { describePg, useTestDatabase } from "../support/pg.js";
import { textOf } from "../support/slack-fake.js";
import { ann, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

async function waitFor(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Renewal rounds on an interval, until `kill()`: then no round runs again, and nothing is released. */
function killableTimer(): { timer: RepeatTimer; kill(): void } {
  let dead = false;
  return {
    timer: (run, ms) => {
      const id = setInterval(() => {
        if (!dead) run();
      }, ms);
      return () => clearInterval(id);
    },
    kill: () => {
      dead = true;
    },
  };
}

describePg("alerts when the listening replica is killed", () => {
  const database = useTestDatabase();
  let a: SlackHarness;
  let b: SlackHarness;
  beforeAll(async () => {
    a = await startSlackHarness({ databaseUrl: database.url });
    b = await startSlackHarness({ databaseUrl: database.url, replicaOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("moves the org to the other replica after the ttl and posts the next alert once", async () => {
    await a.command("watch north Golf", ann, { channel: "C1" });
    await a.command("watch north Hotel", ann, { channel: "C1" });
    await a.settled();
    const timers = { a: killableTimer(), b: killableTimer() };
    const lease = { ttlMs: 1_000, renewEveryMs: 200 };
    const backoff = { baseMs: 10, maxMs: 50 };
    const la = await a.h.app.startAlerts({ backoff, lease: { ...lease, timer: timers.a.timer } });
    const lb = await b.h.app.startAlerts({ backoff, lease: { ...lease, timer: timers.b.timer } });
    await waitFor("one listener", () => la.held + lb.held === 1);
    const posts = (campaign: string) =>
      a.fake.api("chat.postMessage").filter((c) => textOf(c).includes(`${campaign} (north) stopped dialing`));

    a.h.sim.campaignEvent("north", "Golf", { status: "off" });
    await waitFor("the Golf alert", () => posts("Golf").length === 1);
    await Promise.all([a.h.app.alertEngine.idle(), b.h.app.alertEngine.idle()]);

    const [holder, holderTimer, other, otherListeners] =
      la.held === 1 ? [la, timers.a, b, lb] : [lb, timers.b, a, la];
    // The kill: no more renewals (the lease row still names the dead replica), sockets gone.
    holderTimer.kill();
    await holder.stop();
    expect(holder.held).toBe(0);
    expect(otherListeners.held).toBe(0);

    // Changed while nobody listens: the new holder finds it when it re-reads the watched campaigns.
    a.h.sim.campaignEvent("north", "Hotel", { status: "off" });
    await waitFor("the takeover", () => otherListeners.held === 1);
    await waitFor("the Hotel alert", () => posts("Hotel").length >= 1);
    await other.h.app.alertEngine.idle();
    expect(posts("Hotel")).toHaveLength(1);
    expect(posts("Golf")).toHaveLength(1);
    const row = await a.h.app.store.db.lease.findUnique({ where: { key: "listener:north" } });
    expect(row?.epoch).toBe(2);
  });
});
