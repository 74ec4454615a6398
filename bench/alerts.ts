/**
 * 7. Alert latency: campaigns watched in a Slack channel are turned off one by one "in the Genesys
 * UI" (the simulator's campaign event); measured from the change to the alert's chat.postMessage at
 * the Slack stand-in, through the simulator's WebSocket, the listener, the engine (database cursor,
 * incident, post claim) and Bolt's Web API client. The simulator publishes changes every 10 ms here
 * (Genesys itself pushes as it changes).
 */
import { loadConfig } from "../src/config.js";
import { startSimulator } from "../src/genesys-sim/index.js";
import { buildSlack } from "../src/main.js";
import { startSlackFake } from "../test/support/slack-fake.js";
import type { Benchmark } from "./support/bench-app.js";
import { startBenchApp } from "./support/bench-app.js";
import { generateFixture } from "./support/fixtures.js";
import { describeSummary, summarize } from "./support/stats.js";

export const alertsBenchmark: Benchmark = {
  name: "alerts",
  title: "Alert latency: a campaign turned off in Genesys to the Slack post",
  async run({ quick, log }) {
    const count = quick ? 10 : 40;
    const chatUser = "bench";
    const { fixture, slugs, campaignNames } = generateFixture({ orgs: 1, campaignsPerOrg: count, chatUser });
    const slackUser = "slack:T1:UBENCH";
    const slug = slugs[0] ?? "";
    const env = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: "bench-signing-secret" };
    const slackConfig = loadConfig(env).slack;
    if (!slackConfig) throw new Error("no Slack configuration");
    const simulator = await startSimulator({ fixture, notifications: { pollMs: 10 } });
    const bench = await startBenchApp({ fixture, env, simulator });
    const fake = await startSlackFake();
    await buildSlack(bench.app, slackConfig, {
      slackApiUrl: fake.apiUrl,
      retries: 0,
      botId: "BB",
      botUserId: "UB",
    });
    try {
      for (const name of campaignNames) {
        if (simulator.campaign(slug, name).status !== "on")
          simulator.campaignEvent(slug, name, { status: "on" });
        const watched = await bench.run(`watch ${slug} "${name}"`, chatUser);
        if (!watched.reply.ok) throw new Error(`watch failed: ${watched.text}`);
      }
      // The watches were made by the shell user; alerts go to a Slack channel.
      await bench.app.store.db.campaignWatch.updateMany({
        data: { platform: "slack", channel: "C1", createdBy: slackUser },
      });
      const listeners = await bench.app.startAlerts();
      while (listeners.held < 1) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 500));
      const latencies: number[] = [];
      for (const name of campaignNames) {
        const t0 = performance.now();
        simulator.campaignEvent(slug, name, { status: "off" });
        const posted = await fake.waitForApi(
          "chat.postMessage",
          (c) => JSON.stringify(c.body).includes(`${name} (${slug}) stopped dialing`),
          10_000,
        );
        latencies.push(posted.at - (performance.timeOrigin + t0));
      }
      const s = summarize(latencies);
      log(`${count} campaigns watched in one org, turned off one at a time`);
      log(`change → chat.postMessage: ${describeSummary(s, 1)}`);
      return {
        targets: [
          { target: "alert latency p99 < 2 s", measured: `${s.p99.toFixed(1)} ms`, met: s.p99 < 2_000 },
        ],
      };
    } finally {
      await fake.close();
      await bench.close();
      await simulator.close();
    }
  },
};
