/** `watch`, `unwatch`, `watches`: stored per channel in the real database, permission-checked, audited. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("watch", () => {
  it("stores a watch for this channel, audits it, and lists it", async () => {
    const { reply, text } = await h.run('watch acme "Spring Promo"', "sam");
    expect(reply.ok).toBe(true);
    expect(text).toContain('Watching "Spring Promo" in acme');
    const rows = await h.app.services.watches.list({ orgSlug: "acme" });
    expect(rows.map((r) => r.campaignName)).toEqual(["Spring Promo"]);
    const audit = await h.app.services.audit.list({ orgSlug: "acme", limit: 5 });
    expect(audit.find((e) => e.action === "watch")).toMatchObject({
      targetName: "Spring Promo",
      actor: "shell:sam",
    });
    expect((await h.run("watches", "sam")).text).toContain("Spring Promo");
  });

  it("is idempotent: watching again says so and stores nothing new", async () => {
    const { text } = await h.run('watch acme "Spring Promo"', "sam");
    expect(text).toContain("already watches");
    expect(await h.app.services.watches.list({ orgSlug: "acme" })).toHaveLength(1);
  });

  it("expands --all to the campaigns the caller may view, never the hidden division", async () => {
    await h.run("watch acme --all", "sam");
    const names = (await h.app.services.watches.list({ orgSlug: "acme" })).map((r) => r.campaignName);
    expect(names).toContain("Winter Sale");
    // The OAuth client cannot see the Vault division, so neither can a watch made through it.
    expect(names).not.toContain("Secret Vault Campaign");
  });

  it("refuses callers who may not view campaigns", async () => {
    const { reply } = await h.run('watch acme "Spring Promo"', "nobody");
    expect(reply.ok).toBe(false);
  });

  it("mute silences a watched campaign in this channel for a while, stored and audited", async () => {
    const muted = await h.run('mute acme "Spring Promo" 2h', "sam");
    expect(muted.text).toContain('Alerts for "Spring Promo" in acme are muted here until');
    const [watch] = (await h.app.services.watches.list({ orgSlug: "acme" })).filter(
      (w) => w.campaignName === "Spring Promo",
    );
    const key = {
      orgSlug: "acme",
      campaignId: watch?.campaignId ?? "",
      platform: "shell",
      channel: watch?.channel ?? "",
    };
    const until = await h.app.services.alerts.mutedUntil(key, new Date());
    expect((until?.getTime() ?? 0) - Date.now()).toBeGreaterThan(3_500_000);
    const audit = await h.app.services.audit.list({ orgSlug: "acme", limit: 5 });
    expect(audit.find((e) => e.action === "mute")).toMatchObject({
      targetName: "Spring Promo",
      actor: "shell:sam",
    });
    expect((await h.run('mute acme "Nope"', "sam")).text).toContain("does not watch");
    expect((await h.run('mute acme "Spring Promo" forever', "sam")).reply.ok).toBe(false);
  });

  it("unwatch removes what this channel watches, by name or selector, and audits it", async () => {
    const one = await h.run('unwatch acme "Spring Promo"', "sam");
    expect(one.text).toContain('No longer watching "Spring Promo"');
    await h.run("unwatch acme --all", "sam");
    expect(await h.app.services.watches.list({ orgSlug: "acme" })).toEqual([]);
    expect((await h.run("watches", "sam")).text).toContain("watches no campaign");
  });
});
