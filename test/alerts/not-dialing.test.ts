/**
 * "On but not dialing for N minutes": a watched campaign that is `on` but placed no call for the
 * threshold is diagnosed and alerted once (real SQLite store, a recording poster); calls moving
 * again resolve the alert in place; with no cause found nothing is posted.
 */
import { describe, expect, it } from "vitest";
import { AlertEngine } from "../../src/core/alerts/alert-engine.js";
import { type AlertPoster, AlertPosterRegistry } from "../../src/core/alerts/alert-poster.js";
import { NotDialingMonitor } from "../../src/core/alerts/not-dialing-monitor.js";
import { replyToPlainText } from "../../src/core/kernel/reply.js";
import { useStore } from "../store/contracts/harness.js";
import { useTempDir } from "../support/temp-dir.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;
const MINUTE = 60_000;

describe("not dialing", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  const h = useStore(() => url);

  async function setup(org: string, cause: string | null) {
    let offset = 0;
    const clock = { now: () => new Date(Date.now() + offset), sleep: async () => {} };
    const sent: { kind: string; text: string }[] = [];
    const poster: AlertPoster = {
      async post(_t, r) {
        sent.push({ kind: "post", text: replyToPlainText(r) });
        return "ref-1";
      },
      async update(_t, _ref, r) {
        sent.push({ kind: "update", text: replyToPlainText(r) });
      },
      async thread(_t, _ref, r) {
        sent.push({ kind: "thread", text: replyToPlainText(r) });
      },
    };
    const posters = new AlertPosterRegistry();
    posters.register("slack", poster);
    const engine = new AlertEngine({
      alerts: h.store.alerts,
      watches: h.store.watches,
      audit: h.store.audit,
      posters,
      clock,
      logger: silent,
    });
    const monitor = new NotDialingMonitor({
      engine,
      thresholdMs: 10 * MINUTE,
      clock,
      diagnose: async () => cause,
    });
    await h.store.watches.add({
      orgSlug: org,
      campaignId: "c1",
      campaignName: "Spring Promo",
      platform: "slack",
      channel: "C1",
      createdBy: "slack:T1:UANN",
    });
    const campaign = { id: "c1", name: "Spring Promo", version: 3, status: "on" };
    monitor.campaign(org, campaign);
    monitor.progress(org, "c1", 5);
    return { engine, monitor, sent, later: (ms: number) => (offset += ms) };
  }

  it("alerts once after the threshold with the diagnosed cause, and resolves when calls move again", async () => {
    const { engine, monitor, sent, later } = await setup(
      "nd1",
      'No callable contacts left in list "Spring Leads"',
    );
    later(9 * MINUTE);
    await monitor.check();
    await engine.idle();
    expect(sent).toEqual([]);
    later(2 * MINUTE);
    await monitor.check();
    await monitor.check();
    await engine.idle();
    expect(sent.map((s) => s.kind)).toEqual(["post"]);
    expect(sent[0]?.text).toContain("Spring Promo (nd1) is on but not dialing");
    expect(sent[0]?.text).toContain('No callable contacts left in list "Spring Leads"');
    monitor.progress("nd1", "c1", 6);
    await engine.idle();
    expect(sent.find((s) => s.kind === "update")?.text).toContain("is dialing again");
  });

  it("posts nothing when the diagnosis finds no cause, or the campaign is not on", async () => {
    const { engine, monitor, sent, later } = await setup("nd2", null);
    later(11 * MINUTE);
    await monitor.check();
    monitor.campaign("nd2", { id: "c1", name: "Spring Promo", version: 4, status: "off" });
    later(11 * MINUTE);
    await monitor.check();
    await engine.idle();
    expect(sent).toEqual([]);
  });
});
