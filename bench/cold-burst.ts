/**
 * 2. Cold-cache burst: a freshly started app (no tokens yet) gets 500 commands at once across 20
 * orgs. Each org client fetches its token once, single-flight, however many commands wait for it:
 * the simulator should see 20 token requests, one per org.
 *
 * The simulator runs in its own process (support/remote-simulator.ts), as Genesys is not in ours:
 * in the app's process its ~2.5 ms of CPU per request pair was charged to the app's one event loop.
 * Side by side (2026-12-07 09:12, 5 alternating pairs, load average 4–6): app CPU for the burst,
 * median 4.74 s in-process (simulator included) → 2.95 s with the simulator out (which used 1.25 s
 * of its own); wall 3.80 → 3.64 s, bounded by the machine's two shared cores at that load.
 * With the burst's shared reads and GETs (branch burst, 09:45, main / simulator out / branch
 * alternating, load ≈ 5): wall 6.59 / 6.44 / 1.05 s, app CPU — / 3.68 / 0.97 s, API requests
 * 1,560 / 1,560 / 360 (BENCHMARKS.md §2).
 */
import { performance } from "node:perf_hooks";
import type { Benchmark } from "./support/bench-app.js";
import { startBenchApp } from "./support/bench-app.js";
import { generateFixture } from "./support/fixtures.js";
import { startRemoteSimulator } from "./support/remote-simulator.js";
import { describeSummary, summarize } from "./support/stats.js";

export const coldBurstBenchmark: Benchmark = {
  name: "cold-burst",
  title: "Cold-cache burst: 500 concurrent commands across 20 orgs, token requests made",
  async run({ quick, log }) {
    const orgs = 20;
    const commands = quick ? 200 : 500;
    const { fixture, slugs, campaignNames, chatUser } = generateFixture({ orgs, campaignsPerOrg: 25 });
    const simulator = await startRemoteSimulator(fixture);
    const bench = await startBenchApp({ fixture, simulator });
    try {
      await simulator.resetStats();
      const simCpuBefore = (await simulator.stats()).cpuMs;
      const latencies: number[] = [];
      const cpuBefore = process.cpuUsage();
      const eluBefore = performance.eventLoopUtilization();
      const t0 = performance.now();
      const replies = await Promise.all(
        Array.from({ length: commands }, async (_, i) => {
          const text = `status ${slugs[i % orgs]} "${campaignNames[i % campaignNames.length]}"`;
          const started = performance.now();
          const r = await bench.run(text, chatUser);
          latencies.push(performance.now() - started);
          return r;
        }),
      );
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpuBefore);
      const elu = performance.eventLoopUtilization(eluBefore);
      const failed = replies.filter((r) => r.reply.tone === "error");
      const stats = await simulator.stats();
      const perOrg = Object.values(stats.tokensByOrg);
      log(
        `${commands} × status over ${orgs} orgs, all at once on a cold cache: ${(wall / 1000).toFixed(2)} s wall`,
      );
      log(
        `CPU during the burst: app ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (all its threads), simulator process ${(stats.cpuMs - simCpuBefore).toFixed(0)} ms; app event loop busy ${(elu.utilization * 100).toFixed(0)} % of the wall`,
      );
      log(`command latency: ${describeSummary(summarize(latencies), 0)}`);
      log(
        `failed commands: ${failed.length}${failed[0] ? ` (first: ${failed[0].text.split("\n")[0]})` : ""}`,
      );
      log(
        `token requests: ${stats.tokenRequests} (per org: min ${Math.min(...perOrg)}, max ${Math.max(...perOrg)}); API requests: ${stats.apiRequests}; 429s: ${stats.rateLimited}`,
      );
      return {
        targets: [
          {
            target: `token requests = ${orgs}`,
            measured: String(stats.tokenRequests),
            met: stats.tokenRequests === orgs,
          },
          { target: "0 failed commands", measured: String(failed.length), met: failed.length === 0 },
          // The issue's target is for the full 500; --quick's 200 are held to the same wall time.
          {
            target: `wall ≤ 0.6 s (${commands} commands)`,
            measured: `${(wall / 1000).toFixed(2)} s`,
            met: wall <= 600,
          },
        ],
      };
    } finally {
      await bench.close();
      await simulator.close();
    }
  },
};
