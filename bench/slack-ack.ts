/**
 * 3. Slack ack latency: Genesys (the simulator) answers every request after 2 s, and 50 signed
 * `/campaign` commands arrive at once over HTTP. Slack wants its 200 within 3 s; Switchboard acks
 * at once and does the work after, so the ack must not wait for Genesys. Also reported: how long
 * the real answer (posted to the response_url) took.
 */

import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { buildSlack, serveRoutes } from "../src/main.js";
import { startHttpServer } from "../src/server/http-server.js";
import { startSlackFake } from "../test/support/slack-fake.js";
import { commandBody, postSigned } from "../test/support/slack-sign.js";
import type { Benchmark } from "./support/bench-app.js";
import { startBenchApp } from "./support/bench-app.js";
import { generateFixture } from "./support/fixtures.js";
import { describeSummary, summarize } from "./support/stats.js";

const SECRET = "bench-signing-secret";
const USER = { team: "T1", id: "UBENCH", name: "bench" };

/** Posts `bodies` all at once from a child process (as Slack would, from elsewhere); per-request ms. */
function postBurst(url: string, bodies: string[]): Promise<Array<{ ms: number; status: number }>> {
  const script = path.join(import.meta.dirname, "support/burst-poster.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      env: {
        PATH: process.env.PATH ?? "",
        SWITCHBOARD_BENCH_BURST: JSON.stringify({ url, secret: SECRET, bodies }),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("close", (code) => {
      if (code === 0) resolve(JSON.parse(out) as Array<{ ms: number; status: number }>);
      else reject(new Error(`the poster exited ${code}`));
    });
  });
}

export const slackAckBenchmark: Benchmark = {
  name: "slack-ack",
  title: "Slack ack latency: 50 concurrent signed /campaign commands, simulator at 2 s latency",
  async run({ quick, log }) {
    const count = quick ? 20 : 50;
    const latencyMs = 2_000;
    const { fixture, slugs, campaignNames } = generateFixture({
      orgs: 1,
      campaignsPerOrg: 10,
      chatUser: `slack:${USER.team}:${USER.id}`,
    });
    const env = { SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SECRET };
    const slackConfig = loadConfig(env).slack;
    if (!slackConfig) throw new Error("no Slack configuration");
    const bench = await startBenchApp({ fixture, env });
    const fake = await startSlackFake();
    const slack = await buildSlack(bench.app, slackConfig, {
      slackApiUrl: fake.apiUrl,
      retries: 0,
      botId: "BBENCH",
      botUserId: "UBOT",
    });
    // Server side of each ack: from our route handler's call to the response's end (what the server
    // spends, without the poster process or the kernel), next to the poster's own measurement.
    let serverAcks: number[] = [];
    const routes = serveRoutes(bench.app, { slack, shuttingDown: () => false }).map((route) =>
      route.path !== "/slack/events"
        ? route
        : {
            ...route,
            handler: (req: IncomingMessage, res: ServerResponse) => {
              const started = performance.now();
              res.once("finish", () => serverAcks.push(performance.now() - started));
              route.handler(req, res);
            },
          },
    );
    const server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      routes,
      logger: bench.app.services.logger,
    });
    try {
      const commandBodyFor = (i: number, responseUrl: string) =>
        commandBody({
          team_id: USER.team,
          user_id: USER.id,
          user_name: USER.name,
          channel_id: "C1",
          channel_name: "ops",
          command: "/campaign",
          text: `status ${slugs[0]} "${campaignNames[i % campaignNames.length]}"`,
          response_url: responseUrl,
          trigger_id: `bench.${i}.${Date.now()}`,
          api_app_id: "A1",
        });
      const post = (i: number, responseUrl: string) =>
        postSigned(`${server.url}/slack/events`, SECRET, commandBodyFor(i, responseUrl));
      // Warm, as in a running server: Bolt's first request, the org's token, the caller's grants.
      for (let i = 0; i < 5; i++) {
        const url = fake.responseUrl();
        await post(1000 + i, url);
        await fake.waitForResponse(url, 10_000);
      }
      bench.sim.setFaults({ latencyMs });
      // One at a time first: what a single ack costs when nothing else is running.
      const alone: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await post(2000 + i, fake.responseUrl());
        alone.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
      // …and their work finished, so the burst below starts from a quiet process.
      while (slack.inFlight() > 0) await new Promise((r) => setTimeout(r, 50));
      const urls = Array.from({ length: count }, () => fake.responseUrl());
      const bodies = urls.map((responseUrl, i) => commandBodyFor(i, responseUrl));
      const answered: number[] = [];
      serverAcks = [];
      const t0 = performance.now();
      const results = await postBurst(`${server.url}/slack/events`, bodies);
      const acks = results.map((r) => r.ms);
      const notOk = results.filter((r) => r.status !== 200).length;
      await Promise.all(
        urls.map(async (url) => {
          const answer = await fake.waitForResponse(url, 60_000);
          answered.push(answer.at - (performance.timeOrigin + t0));
        }),
      );
      const wall = performance.now() - t0;
      const ack = summarize(acks);
      log(`simulator latency ${latencyMs} ms per request; ${count} commands posted at once`);
      log(`one ack at a time (for scale): ${describeSummary(summarize(alone), 1)}`);
      log(
        `ack (HTTP 200 to Slack), ${count} at once from another process: ${describeSummary(ack, 1)}; non-200: ${notOk}`,
      );
      log(
        `the same acks measured in the server (handler called → response ended): ${describeSummary(summarize(serverAcks), 1)}`,
      );
      log(
        `answer on the response_url, counted from launching the poster: ${describeSummary(summarize(answered), 0)}; all done in ${(wall / 1000).toFixed(1)} s`,
      );
      return {
        targets: [{ target: "ack p99 < 100 ms", measured: `${ack.p99.toFixed(1)} ms`, met: ack.p99 < 100 }],
      };
    } finally {
      bench.sim.setFaults({ latencyMs: 0 });
      await server.close(1_000);
      await slack.stop(10_000);
      await fake.close();
      await bench.close();
    }
  },
};
