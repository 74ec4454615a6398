/** AlertStore behaviour (cursors, incidents, post claims, mutes), run against SQLite and PostgreSQL. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { StoreHarness } from "./harness.js";

const org = () => `org-${randomUUID().slice(0, 8)}`;

export function alertStoreContract(h: StoreHarness): void {
  it("records a baseline, moves forward once per version and ignores stale or replayed versions", async () => {
    const o = org();
    expect(await h.store.alerts.advance(o, "c1", 3, "on")).toEqual({ advanced: true, previous: null });
    expect(await h.store.alerts.advance(o, "c1", 4, "off")).toMatchObject({
      advanced: true,
      previous: { version: 3, status: "on" },
    });
    expect((await h.store.alerts.advance(o, "c1", 4, "off")).advanced).toBe(false);
    expect((await h.store.alerts.advance(o, "c1", 2, "on")).advanced).toBe(false);
  });

  it("lets exactly one of two processes advance a cursor to a version", async () => {
    const o = org();
    const other = await h.openAnother();
    await h.store.alerts.advance(o, "c1", 1, "on");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? other : h.store).alerts.advance(o, "c1", 2, "off")),
    );
    expect(results.filter((r) => r.advanced)).toHaveLength(1);
  });

  it("keeps at most one open incident per campaign and opens a new one after it is resolved", async () => {
    const o = org();
    const input = {
      orgSlug: o,
      campaignId: "c1",
      campaignName: "Renewals",
      kind: "stopped" as const,
      status: "off",
      version: 5,
      detail: { timeline: [{ status: "off", at: "2026-12-07T10:00:00Z" }] },
    };
    const other = await h.openAnother();
    const opened = await Promise.all([h.store.alerts.open(input), other.alerts.open(input)]);
    expect(opened.filter((r) => r.created)).toHaveLength(1);
    expect(opened[0]?.incident.id).toBe(opened[1]?.incident.id);
    const id = opened[0]?.incident.id ?? "";
    const updated = await h.store.alerts.update(id, { status: "invalid", kind: "error", lastVersion: 6 });
    expect(updated).toMatchObject({ status: "invalid", kind: "error", version: 5, lastVersion: 6 });
    expect(updated.detail.timeline).toHaveLength(1);
    const resolved = await h.store.alerts.update(id, { resolved: true, detail: { resolution: "back on" } });
    expect(resolved.resolvedAt).not.toBeNull();
    const next = await h.store.alerts.open({ ...input, version: 9 });
    expect(next.created).toBe(true);
    expect(next.incident.id).not.toBe(id);
    expect((await h.store.alerts.latest(o, "c1"))?.id).toBe(next.incident.id);
    expect(await h.store.alerts.latest(o, "c2")).toBeNull();
  });

  it("claims one post per incident and channel, and gives back a claim that never posted", async () => {
    const { incident } = await h.store.alerts.open({
      orgSlug: org(),
      campaignId: "c1",
      campaignName: "Renewals",
      kind: "complete",
      status: "complete",
      version: 1,
      detail: {},
    });
    const other = await h.openAnother();
    const claims = await Promise.all([
      h.store.alerts.claimPost(incident.id, "slack", "C1"),
      other.alerts.claimPost(incident.id, "slack", "C1"),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await h.store.alerts.claimPost(incident.id, "teams", "conv-1")).toBe(true);
    await h.store.alerts.releasePost(incident.id, "teams", "conv-1");
    expect(await h.store.alerts.claimPost(incident.id, "teams", "conv-1")).toBe(true);
    await h.store.alerts.setPostRef(incident.id, "slack", "C1", "C1:1700000000.000100");
    // A claim whose message exists is not given back: that would post twice.
    await h.store.alerts.releasePost(incident.id, "slack", "C1");
    expect(await h.store.alerts.claimPost(incident.id, "slack", "C1")).toBe(false);
    const posts = await h.store.alerts.posts(incident.id);
    expect(posts.map((p) => [p.platform, p.messageRef]).sort()).toEqual([
      ["slack", "C1:1700000000.000100"],
      ["teams", null],
    ]);
  });

  it("mutes a campaign in one channel until a time", async () => {
    const o = org();
    const key = { orgSlug: o, campaignId: "c1", platform: "slack", channel: "C1" };
    const now = new Date("2030-01-01T10:00:00Z");
    expect(await h.store.alerts.mutedUntil(key, now)).toBeNull();
    const until = new Date("2030-01-01T11:00:00Z");
    await h.store.alerts.mute({ ...key, until, createdBy: "U1" });
    expect(await h.store.alerts.mutedUntil(key, now)).toEqual(until);
    expect(await h.store.alerts.mutedUntil({ ...key, channel: "C2" }, now)).toBeNull();
    expect(await h.store.alerts.mutedUntil(key, new Date("2030-01-01T11:00:01Z"))).toBeNull();
  });
}
