/** ScheduleStore behaviour, run against SQLite and PostgreSQL: each due action is claimed once. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { NewScheduledAction } from "../../../src/core/ports/schedule-store.js";
import type { StoreHarness } from "./harness.js";

const T0 = new Date("2031-01-01T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function scheduled(org: string, dueAt: Date): NewScheduledAction {
  return {
    action: "resume",
    orgSlug: org,
    targets: [
      { campaignId: randomUUID(), campaignName: "Spring Promo", division: { id: "d1", name: "Sales" } },
    ],
    requester: "shell:sam",
    requesterName: "sam",
    reason: "list stale",
    platform: "shell",
    channel: "shell",
    dueAt,
  };
}

const lease = (now: Date) => ({ staleBefore: new Date(now.getTime() - 15 * 60_000), limit: 50 });

export function scheduleStoreContract(h: StoreHarness): void {
  it("keeps what was scheduled and lists open actions of an org soonest first", async () => {
    const org = `o${randomUUID().slice(0, 8)}`;
    const later = await h.store.schedules.create(scheduled(org, at(60_000)));
    const sooner = await h.store.schedules.create(scheduled(org, at(30_000)));
    expect((await h.store.schedules.listOpen(org)).map((s) => s.id)).toEqual([sooner.id, later.id]);
    expect(await h.store.schedules.get(later.id.toLowerCase())).toMatchObject({
      status: "pending",
      reason: "list stale",
      targets: [{ campaignName: "Spring Promo", division: { name: "Sales" } }],
    });
  });

  it("claims an action only once it is due, and exactly once among concurrent claimers on two clients", async () => {
    const org = `o${randomUUID().slice(0, 8)}`;
    const s = await h.store.schedules.create(scheduled(org, at(60_000)));
    expect(
      (await h.store.schedules.claimDue(at(59_000), "early", lease(at(59_000)))).map((x) => x.id),
    ).not.toContain(s.id);
    const other = await h.openAnother();
    const now = at(61_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? other : h.store).schedules.claimDue(now, `owner-${i}`, lease(now)),
      ),
    );
    const winners = results.flat().filter((x) => x.id === s.id);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ status: "claimed" });
  });

  it("takes over a claim whose owner died, and records the outcome only for the holder", async () => {
    const org = `o${randomUUID().slice(0, 8)}`;
    const s = await h.store.schedules.create(scheduled(org, at(0)));
    await h.store.schedules.claimDue(at(1_000), "dead", lease(at(1_000)));
    expect(
      (await h.store.schedules.claimDue(at(2_000), "alive", lease(at(2_000)))).map((x) => x.id),
    ).not.toContain(s.id);
    const later = at(30 * 60_000);
    expect((await h.store.schedules.claimDue(later, "alive", lease(later))).map((x) => x.id)).toContain(s.id);
    expect(await h.store.schedules.finish(s.id, "dead", "done", "resumed", later)).toBe(false);
    expect(await h.store.schedules.finish(s.id, "alive", "done", "resumed", later)).toBe(true);
    expect(await h.store.schedules.get(s.id)).toMatchObject({ status: "done", result: "resumed" });
  });

  it("cancels only what has not started, once", async () => {
    const org = `o${randomUUID().slice(0, 8)}`;
    const s = await h.store.schedules.create(scheduled(org, at(60_000)));
    const [x, y] = await Promise.all([
      h.store.schedules.cancel(s.id, "shell:sam", T0),
      h.store.schedules.cancel(s.id, "shell:admin", T0),
    ]);
    expect([x, y].filter((r) => r !== null)).toHaveLength(1);
    expect(
      (await h.store.schedules.claimDue(at(120_000), "late", lease(at(120_000)))).map((a) => a.id),
    ).not.toContain(s.id);
    const running = await h.store.schedules.create(scheduled(org, at(0)));
    await h.store.schedules.claimDue(at(1), "runner", lease(at(1)));
    expect(await h.store.schedules.cancel(running.id, "shell:sam", at(2))).toBeNull();
  });
}
