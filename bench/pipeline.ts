/**
 * 1. Pipeline overhead: `status <org> "<campaign>"` end to end in-process (dispatcher → permission
 * gate → org client → simulator at zero latency → reply, with its audit row), versus the same HTTP
 * calls made directly with fetch. The direct baseline replays exactly what one warm command sent,
 * with the same token, in the same order and with the same parallelism (calls that overlapped in
 * the command overlap in the replay). The command runs as serve runs it, on node:http; the replay
 * is what a user would write, fetch.
 */
import { type BenchApp, type Benchmark, startBenchApp } from "./support/bench-app.js";
import { generateFixture } from "./support/fixtures.js";
import { describeSummary, ms, percentile, summarize } from "./support/stats.js";

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Recorded calls grouped into waves: a wave's calls were in flight together. */
type Waves = Call[][];

function recorder() {
  let recording: { calls: Call[]; events: Array<{ kind: "send" | "answer"; index: number }> } | undefined;
  const fetchFn: typeof fetch = async (input, init) => {
    const r = recording;
    let index = -1;
    if (r) {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      index = r.calls.length;
      r.calls.push({
        method: init?.method ?? "GET",
        url,
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body: typeof init?.body === "string" ? init.body : undefined,
      });
      r.events.push({ kind: "send", index });
    }
    const response = await fetch(input, init);
    if (r) {
      // The body is part of the call: the event is recorded once the client has read it.
      await response.clone().text();
      r.events.push({ kind: "answer", index });
    }
    return response;
  };
  return {
    fetch: fetchFn,
    start() {
      recording = { calls: [], events: [] };
    },
    stop(): Waves {
      const r = recording;
      recording = undefined;
      if (!r) return [];
      const waves: Waves = [];
      let current: Call[] = [];
      const open = new Set<number>();
      for (const e of r.events) {
        const call = r.calls[e.index];
        if (!call) continue;
        if (e.kind === "send") {
          // A send after everything before it was answered starts a new wave.
          if (open.size === 0 && current.length > 0) {
            waves.push(current);
            current = [];
          }
          open.add(e.index);
          current.push(call);
        } else open.delete(e.index);
      }
      if (current.length > 0) waves.push(current);
      return waves;
    },
  };
}

async function replay(waves: Waves): Promise<void> {
  for (const wave of waves) {
    await Promise.all(
      wave.map(async (c) => {
        const res = await fetch(c.url, { method: c.method, headers: c.headers, body: c.body });
        // The client parses every body; so does the baseline.
        const text = await res.text();
        if (text) JSON.parse(text);
      }),
    );
  }
}

export const pipelineBenchmark: Benchmark = {
  name: "pipeline",
  title: "Pipeline overhead: a command in-process vs the same HTTP calls with fetch (simulator at 0 ms)",
  async run({ quick, log }) {
    // Rate limits (Genesys' and the client's own) are out of this measurement: thousands of commands
    // in a few seconds would otherwise spend the run waiting for the next minute's budget.
    const { fixture, slugs, campaignNames, chatUser } = generateFixture({
      orgs: 1,
      campaignsPerOrg: 20,
      perTokenPerMinute: 10_000_000,
    });
    const env = { GENESYS_REQUESTS_PER_MINUTE: "10000000" };
    // The measured app talks to Genesys as serve does (node:http with keep-alive). Its calls are
    // recorded by a second app on the same simulator that sends through a recording fetch: a
    // transport only tests use, which would add undici's cost to every measured command.
    const bench: BenchApp = await startBenchApp({ fixture, env });
    const rec = recorder();
    const recording: BenchApp = await startBenchApp({ fixture, env, fetch: rec.fetch, simulator: bench.sim });
    try {
      const command = `status ${slugs[0]} "${campaignNames[0]}"`;
      const rounds = quick ? 4 : 10;
      const perRound = quick ? 100 : 300;
      log(`command: ${command}   (${rounds} alternating rounds × ${perRound} of each, after warm-up)`);
      for (let i = 0; i < 300; i++) await bench.run(command, chatUser);
      for (let i = 0; i < 20; i++) await recording.run(command, chatUser);
      rec.start();
      const first = await recording.run(command, chatUser);
      const waves = rec.stop();
      await recording.close();
      if (first.reply.tone === "error") throw new Error(`the command failed: ${first.text}`);
      const calls = waves.flat();
      log(
        `HTTP calls per command: ${calls.length} in ${waves.length} sequential steps: ${waves
          .map((w) =>
            w.map((c) => `${c.method} ${new URL(c.url).pathname.split("/").slice(4).join("/")}`).join(" ∥ "),
          )
          .join(" → ")}`,
      );
      for (let i = 0; i < 300; i++) await replay(waves);

      const pipeline: number[] = [];
      const direct: number[] = [];
      const fixed: number[] = [];
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < perRound; i++) {
          const t0 = performance.now();
          await bench.run(command, chatUser);
          pipeline.push(performance.now() - t0);
        }
        for (let i = 0; i < perRound; i++) {
          const t0 = performance.now();
          await replay(waves);
          direct.push(performance.now() - t0);
        }
        for (let i = 0; i < perRound / 10; i++) {
          const t0 = performance.now();
          await bench.run("whoami", chatUser);
          fixed.push(performance.now() - t0);
        }
      }
      const p = summarize(pipeline);
      const d = summarize(direct);
      const f = summarize(fixed);
      const ratio50 = p.p50 / d.p50;
      const ratio99 = p.p99 / d.p99;
      const overhead50 = p.p50 - d.p50;
      const overhead99 = p.p99 - d.p99;
      log(`in-process command : ${describeSummary(p)}`);
      log(`direct fetch       : ${describeSummary(d)}`);
      log(`ratio              : p50 ${ratio50.toFixed(2)}×   p99 ${ratio99.toFixed(2)}×`);
      log(`overhead           : p50 ${ms(overhead50)}   p99 ${ms(overhead99)}`);
      log(`for scale, whoami (no Genesys call, one audit row): ${describeSummary(f)}`);
      const over = pipeline.map((v) => v - percentile(direct, 50));
      log(`overhead over the direct p50, per command: ${describeSummary(summarize(over))}`);
      // How the ratio scales: the overhead is fixed per command, Genesys' latency is not.
      const LATENCY = 20;
      bench.sim.setFaults({ latencyMs: LATENCY });
      const slowPipeline: number[] = [];
      const slowDirect: number[] = [];
      for (let i = 0; i < (quick ? 30 : 100); i++) {
        let t0 = performance.now();
        await bench.run(command, chatUser);
        slowPipeline.push(performance.now() - t0);
        t0 = performance.now();
        await replay(waves);
        slowDirect.push(performance.now() - t0);
      }
      bench.sim.setFaults({ latencyMs: 0 });
      const sp = summarize(slowPipeline);
      const sd = summarize(slowDirect);
      log(
        `at ${LATENCY} ms per Genesys request: command p50 ${ms(sp.p50)}, direct p50 ${ms(sd.p50)}, ratio p50 ${(sp.p50 / sd.p50).toFixed(2)}× (overhead p50 ${ms(sp.p50 - sd.p50)})`,
      );
      return {
        targets: [
          { target: "ratio ≤ 1.25 (p50)", measured: `${ratio50.toFixed(2)}×`, met: ratio50 <= 1.25 },
          { target: "overhead p50 ≤ 1 ms", measured: ms(overhead50), met: overhead50 <= 1 },
          { target: "overhead p99 ≤ 5 ms", measured: ms(overhead99), met: overhead99 <= 5 },
        ],
      };
    } finally {
      await bench.close();
    }
  },
};
