/**
 * 5. Memory and start-up: 1,000 linked orgs with 20 campaigns each (20,000 campaigns). The app runs
 * in its own process (memory-probe.mjs, on the compiled app as serve runs it) so the simulator and
 * this driver do not count; see that file for what "cached" means at each stage. Start-up to ready:
 * a real `switchboard serve` on the same database, from spawn to the first 200 from /readyz.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedFromFixture } from "../src/cli/seed.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/core/kernel/logger.js";
import { startSimulator } from "../src/genesys-sim/index.js";
import { buildApp } from "../src/main.js";
import type { Benchmark } from "./support/bench-app.js";
import { generateFixture } from "./support/fixtures.js";
import { mb } from "./support/stats.js";

const ROOT = path.resolve(import.meta.dirname, "..");

/** One stage's memory, as memory-probe.mjs reports it (bytes). */
interface Memory {
  rss: number;
  heapUsed: number;
  /** Memory outside the V8 heap that JS objects own (buffers, WASM memories). */
  external: number;
  /** Linux: the private part of RSS (RssAnon); null elsewhere. */
  privateRss: number | null;
}

function runProbe(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // Compiled JavaScript, as serve runs: the probe imports dist/ (npm run build).
      ["--expose-gc", path.join(ROOT, "bench/memory-probe.mjs")],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`probe exited ${code}: ${err}`)),
    );
  });
}

/** Spawns `serve` and resolves with ms from spawn to the first /readyz 200 (and to its "serving on" line). */
async function startupToReady(env: Record<string, string>): Promise<{ listening: number; ready: number }> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "bin/switchboard.js"), "serve", "--port", "0", "--host", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  try {
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const found = /serving on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.stderr?.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.on("close", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    const listening = performance.now() - t0;
    for (let i = 0; i < 500; i++) {
      const res = await fetch(`${url}/readyz`).catch(() => undefined);
      if (res?.status === 200) return { listening, ready: performance.now() - t0 };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("serve never became ready");
  } finally {
    // Gone before the next start, so it does not share the CPU with it.
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.exitCode === null && child.signalCode === null && child.kill("SIGTERM")) await exited;
  }
}

export const memoryBenchmark: Benchmark = {
  name: "memory",
  title: "Memory: RSS with 1,000 linked orgs and 20,000 campaigns; start-up to ready",
  async run({ quick, log }) {
    const orgs = quick ? 200 : 1_000;
    const { fixture, slugs, chatUser } = generateFixture({ orgs, campaignsPerOrg: 20 });
    const dir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-memory-"));
    const sim = await startSimulator({ fixture });
    try {
      const masterKey = randomBytes(32);
      const databaseUrl = `file:${path.join(dir, "memory.db")}`;
      const seeding = performance.now();
      const seeder = await buildApp({
        config: loadConfig({}, { dataDir: dir }),
        databaseUrl,
        masterKey,
        logger: silentLogger,
        simulatorUrl: sim.url,
      });
      await seedFromFixture(seeder.services, fixture, "bench");
      await seeder.close();
      log(
        `${orgs} orgs × 20 campaigns linked and mapped in ${((performance.now() - seeding) / 1000).toFixed(1)} s (seeding, not measured)`,
      );

      const probe = JSON.parse(
        await runProbe({
          SWITCHBOARD_BENCH_PROBE: JSON.stringify({
            databaseUrl,
            masterKey: masterKey.toString("base64"),
            simulatorUrl: sim.url,
            dataDir: dir,
            slugs,
            chatUser,
          }),
        }),
      ) as {
        buildMs: number;
        bare: Memory;
        ready: Memory;
        warm: Memory;
        held: Memory;
        campaigns: number;
        /** The probe's highest RSS over its life (VmHWM), GC or not: what the machine must have. */
        peakRss: number;
        failures: number;
        firstFailure: string;
      };
      const row = (label: string, m: Memory) =>
        log(
          `${label.padEnd(46)} RSS ${mb(m.rss).padStart(9)}  (private ${m.privateRss === null ? "n/a" : mb(m.privateRss)})  JS heap ${mb(m.heapUsed).padStart(8)}  external ${mb(m.external).padStart(7)}`,
        );
      log(`app built (buildApp, database opened and migrations checked) in ${probe.buildMs.toFixed(0)} ms`);
      row("process before the app is built", probe.bare);
      row("app ready, nothing fetched", probe.ready);
      row(`every org used (${orgs} clients, tokens, grants)`, probe.warm);
      row(`also holding all ${probe.campaigns} campaigns`, probe.held);
      log(`peak RSS over the probe's life: ${mb(probe.peakRss)}`);
      const perOrgKb = (probe.warm.heapUsed - probe.ready.heapUsed) / orgs / 1024;
      const perCampaignB = (probe.held.heapUsed - probe.warm.heapUsed) / Math.max(1, probe.campaigns);
      log(
        `per org (warm): ${perOrgKb.toFixed(1)} KB of JS heap; per campaign held: ${perCampaignB.toFixed(0)} B`,
      );
      if (probe.failures) log(`${probe.failures} orgs failed to warm: ${probe.firstFailure}`);
      const serveEnv = {
        DATABASE_URL: databaseUrl,
        SWITCHBOARD_MASTER_KEY: masterKey.toString("base64"),
        SWITCHBOARD_DATA_DIR: dir,
        GENESYS_SIMULATOR_URL: sim.url,
        SLACK_BOT_TOKEN: "xoxb-bench",
        SLACK_SIGNING_SECRET: "bench",
        SLACK_API_URL: "http://127.0.0.1:9/api/",
        LOG_LEVEL: "error",
      };
      // Three starts, the median counted: one spawn on a shared machine varies by a few hundred ms.
      const starts: Array<{ listening: number; ready: number }> = [];
      for (let i = 0; i < 3; i++) starts.push(await startupToReady(serveEnv));
      starts.sort((a, b) => a.ready - b.ready);
      const startup = starts[1] ?? { listening: Number.NaN, ready: Number.NaN };
      log(
        `serve start-up (median of 3): listening after ${startup.listening.toFixed(0)} ms, /readyz 200 after ${startup.ready.toFixed(0)} ms (all: ${starts.map((s) => s.ready.toFixed(0)).join(", ")} ms)`,
      );
      return {
        targets: [
          {
            target: `peak RSS ≤ 200 MB (${orgs} orgs warm, ${probe.campaigns} campaigns held)`,
            measured: `${mb(probe.peakRss)} (after GC ${mb(probe.held.rss)})`,
            met: probe.peakRss <= 200 * 1024 * 1024,
          },
          {
            target: "start-up to /readyz ≤ 1 s (median of 3)",
            measured: `${startup.ready.toFixed(0)} ms`,
            met: startup.ready <= 1_000,
          },
        ],
      };
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
