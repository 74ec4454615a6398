/** DeliveryDedupe and SlackInstallationStore behaviour, run against SQLite and PostgreSQL. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { PrismaDeliveryDedupe } from "../../../src/store/index.js";
import type { StoreHarness } from "./harness.js";

const key = (label: string) => `test:${label}:${randomUUID()}`;

export function deliveryDedupeContract(h: StoreHarness): void {
  it("lets the first claim of a delivery through and refuses every later one", async () => {
    const k = key("once");
    expect(await h.store.dedupe.claim(k)).toBe(true);
    expect(await h.store.dedupe.claim(k)).toBe(false);
    expect(await h.store.dedupe.claim(key("other"))).toBe(true);
  });

  it("grants exactly one of many concurrent claims, across two processes' clients", async () => {
    const k = key("race");
    const other = await h.openAnother();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : h.store).dedupe.claim(k)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("forgets deliveries older than a day, so the table does not grow forever", async () => {
    let now = Date.parse("2030-01-01T00:00:00Z");
    const clock = { now: () => new Date(now), sleep: async () => {} };
    const dedupe = new PrismaDeliveryDedupe(h.store.db, { clock });
    const old = key("old");
    expect(await dedupe.claim(old)).toBe(true);
    now += 25 * 3_600_000;
    expect(await dedupe.claim(key("trigger-purge"))).toBe(true);
    expect(await h.store.db.deliveryDedupe.findUnique({ where: { key: old } })).toBeNull();
    expect(await dedupe.claim(old)).toBe(true);
  });

  it("keeps a Slack installation sealed and opens it by its key only", async () => {
    const team = `T${randomUUID().slice(0, 8)}`;
    const data = JSON.stringify({ team: { id: team }, bot: { token: "xoxb-sealed-token" } });
    await h.store.slackInstallations.save(`T:${team}`, data, { teamId: team, enterpriseId: null });
    expect(await h.store.slackInstallations.find(`T:${team}`)).toBe(data);
    const row = await h.store.db.slackInstallation.findUnique({ where: { key: `T:${team}` } });
    expect(JSON.stringify(row)).not.toContain("xoxb-sealed-token");
    // A sealed value moved under another workspace's key does not open.
    if (!row) throw new Error("the installation was not stored");
    await h.store.db.slackInstallation.create({ data: { ...row, key: "T:TSTOLEN" } });
    await expect(h.store.slackInstallations.find("T:TSTOLEN")).rejects.toThrow(/could not be decrypted/);
    expect(await h.store.slackInstallations.delete(`T:${team}`)).toBe(true);
    expect(await h.store.slackInstallations.find(`T:${team}`)).toBeNull();
    await h.store.slackInstallations.delete("T:TSTOLEN");
  });
}
