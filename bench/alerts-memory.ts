/**
 * 8. Listener memory: 100 orgs × 10 watched campaigns (1,000), one notification listener per org
 * (channel, 20 topics, WebSocket) held by this process, measured as JS heap and RSS growth from
 * before `startAlerts` to all 100 connected. The simulator runs in the same process, so its side of
 * the 100 sockets and channels is counted too (an upper bound for Switchboard's share).
 */
import { startSimulator } from "../src/genesys-sim/index.js";
import type { Benchmark } from "./support/bench-app.js";
import { startBenchApp } from "./support/bench-app.js";
import { generateFixture } from "./support/fixtures.js";
import { mb } from "./support/stats.js";

const settle = async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  return process.memoryUsage();
};

export const alertsMemoryBenchmark: Benchmark = {
  name: "alerts-memory",
  title: "Listener memory: 1,000 watched campaigns across 100 orgs",
  async run({ quick, log }) {
    const orgs = quick ? 20 : 100;
    const perOrg = 10;
    const { fixture, slugs, campaignNames } = generateFixture({ orgs, campaignsPerOrg: perOrg });
    const simulator = await startSimulator({ fixture });
    const bench = await startBenchApp({ fixture, simulator });
    try {
      for (const slug of slugs) {
        for (const name of campaignNames) {
          const c = simulator.campaign(slug, name);
          await bench.app.store.watches.add({
            orgSlug: slug,
            campaignId: c.id,
            campaignName: name,
            platform: "slack",
            channel: "C1",
            createdBy: "slack:T1:UBENCH",
          });
        }
      }
      const before = await settle();
      const t0 = performance.now();
      const listeners = await bench.app.startAlerts();
      while (listeners.held < orgs || simulator.notifications.stats().sockets < orgs)
        await new Promise((r) => setTimeout(r, 50));
      const connectedMs = performance.now() - t0;
      // Let every listener's first re-read of its campaigns (the baseline) finish.
      await new Promise((r) => setTimeout(r, 2_000));
      await bench.app.alertEngine.idle();
      const after = await settle();
      const heap = after.heapUsed - before.heapUsed;
      const rss = after.rss - before.rss;
      log(
        `${orgs} orgs × ${perOrg} watched campaigns; all ${orgs} listeners connected in ${(connectedMs / 1000).toFixed(1)} s`,
      );
      log(
        `growth: JS heap ${mb(heap)} (${Math.round(heap / orgs / 1024)} KB per org), RSS ${mb(rss)}${(globalThis as { gc?: unknown }).gc ? "" : " (no --expose-gc: numbers include garbage)"}`,
      );
      return {
        targets: [
          { target: "reported (no target)", measured: `heap +${mb(heap)}, RSS +${mb(rss)}`, met: true },
        ],
      };
    } finally {
      await bench.close();
      await simulator.close();
    }
  },
};
