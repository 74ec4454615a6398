/**
 * 4. Bulk: pause 1,000 campaigns over 10 orgs while Genesys allows 300 requests per minute per
 * token and answers each request after 50 ms. Orgs run in parallel, so the job can go no faster
 * than its busiest org's requests at 300/min: that is the rate-limit bound the wall time is held
 * against. Also: failed items (target 0) and the 429s Genesys sent (the client's own limiter should
 * keep them at or near 0). Uses the bulk command (`pause --orgs … --all --yes`) when it exists;
 * otherwise single pauses, a few at a time per org, through the same dispatcher.
 */
import type { Benchmark } from "./support/bench-app.js";
import { startBenchApp } from "./support/bench-app.js";
import { generateFixture } from "./support/fixtures.js";

const LIMIT_PER_MINUTE = 300;
const LATENCY_MS = 50;

/**
 * The least time an org needing `requests` can take: Genesys admits `limit` per token per minute,
 * so all but the last window's share wait for the minute to turn; what is left is sent `concurrency`
 * at a time, each taking `latencyMs`.
 */
function minimalTimeMs(requests: number, limit: number, latencyMs: number, concurrency: number): number {
  const fullWindows = Math.floor((requests - 1) / limit);
  const remainder = requests - fullWindows * limit;
  return fullWindows * 60_000 + (remainder * latencyMs) / concurrency;
}

export const bulkBenchmark: Benchmark = {
  name: "bulk",
  title: "Bulk: 1,000 campaigns over 10 orgs at 300/min/token and 50 ms latency",
  async run({ quick, log }) {
    const orgs = 10;
    const perOrg = quick ? 20 : 100;
    const { fixture, slugs, campaignNames, chatUser } = generateFixture({
      orgs,
      campaignsPerOrg: perOrg,
      // Genesys takes a few seconds to stop a real campaign; at 0 every pause needs one status read,
      // so the request count per campaign is the same on every run.
      stoppingMs: 0,
      perTokenPerMinute: LIMIT_PER_MINUTE,
    });
    const bench = await startBenchApp({
      fixture,
      env: { SWITCHBOARD_POLL_INTERVAL_MS: "200", SWITCHBOARD_STOP_WAIT_SECONDS: "60" },
    });
    try {
      const pause = bench.app.dispatcher.commands.find((c) => c.name === "pause");
      const hasBulk = pause?.flags?.all !== undefined && pause.flags.orgs !== undefined;
      const concurrency = bench.app.services.settings.bulkConcurrency;
      bench.sim.setFaults({ latencyMs: LATENCY_MS });
      bench.sim.resetStats();
      log(
        `${orgs * perOrg} campaigns (${perOrg} per org); simulator ${LIMIT_PER_MINUTE}/min per token, ${LATENCY_MS} ms per request; client budget GENESYS_REQUESTS_PER_MINUTE (default 280/min), ${concurrency} campaigns at a time per org`,
      );
      log(
        hasBulk
          ? `driven by the bulk command: pause --orgs ${slugs[0]},…,${slugs[orgs - 1]} --all --yes`
          : "the bulk command is not available: single pauses, a few at a time per org, through the dispatcher",
      );
      const t0 = performance.now();
      let summaryLine = "";
      if (hasBulk) {
        const r = await bench.run(`pause --orgs ${slugs.join(",")} --all --yes --reason bench`, chatUser);
        summaryLine = r.text.split("\n").slice(0, 3).join(" | ");
      } else {
        await Promise.all(
          slugs.map(async (slug) => {
            const queue = [...campaignNames];
            await Promise.all(
              Array.from({ length: concurrency }, async () => {
                for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
                  await bench.run(`pause ${slug} "${name}" --reason bench`, chatUser);
                }
              }),
            );
          }),
        );
      }
      const wallMs = performance.now() - t0;
      const stats = bench.sim.stats();
      const db = bench.app.store.db;
      const succeeded = await db.auditEvent.count({ where: { action: "pause", outcome: "success" } });
      const failed = await db.auditEvent.count({ where: { action: "pause", outcome: "failure" } });
      let off = 0;
      for (const slug of slugs)
        for (const name of campaignNames) if (bench.sim.campaign(slug, name).status === "off") off++;
      // Every org does the same work, so the busiest org made about a tenth of the requests.
      const perOrgRequests = Math.ceil(stats.apiRequests / orgs);
      const bound = minimalTimeMs(perOrgRequests, LIMIT_PER_MINUTE, LATENCY_MS, concurrency);
      const windows = Math.ceil(perOrgRequests / LIMIT_PER_MINUTE);
      const ratio = wallMs / bound;
      if (summaryLine) log(`reply: ${summaryLine}`);
      log(`wall time: ${(wallMs / 1000).toFixed(1)} s`);
      log(
        `API requests: ${stats.apiRequests} (${perOrgRequests.toFixed(0)} per org, ${(stats.apiRequests / (orgs * perOrg)).toFixed(2)} per campaign); token requests: ${stats.tokenRequests}`,
      );
      log(
        `rate-limit bound: ${perOrgRequests} requests per org at ${LIMIT_PER_MINUTE}/min need ${windows} one-minute window${windows > 1 ? "s" : ""}: ${(bound / 1000).toFixed(1)} s at the earliest${windows === 1 ? " (not rate-bound: the latency at this concurrency is the bound)" : ""}`,
      );
      log(`wall / bound: ${ratio.toFixed(2)}×`);
      log(`items: ${succeeded} paused (audited success), ${failed} failed; campaigns off in Genesys: ${off}`);
      log(`429s from Genesys: ${stats.rateLimited}`);
      return {
        targets: [
          {
            target: "wall time within 10% of the rate-limit bound",
            measured: `${ratio.toFixed(2)}×`,
            met: ratio <= 1.1,
          },
          { target: "0 failed items", measured: String(failed), met: failed === 0 && off === orgs * perOrg },
          { target: "429s seen (reported)", measured: String(stats.rateLimited), met: true },
        ],
      };
    } finally {
      await bench.close();
    }
  },
};
