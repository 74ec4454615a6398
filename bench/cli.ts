/**
 * The one-shot CLI against what a user would write instead: `switchboard exec "list acme"` (warm: the
 * org's token already kept; cold: no token) vs a script on the official SDK doing login + list, all
 * against the same simulator, alternating, 7 runs each; wall, CPU and peak RSS per process (GNU time).
 * Then `--help`, `--version` and a usage error, beside a bare `node -e 0` for scale.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { demoFixture, startSimulator } from "../src/genesys-sim/index.js";
import type { Benchmark } from "./support/bench-app.js";
import { percentile } from "./support/stats.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "bin/switchboard.js");

interface Run {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

/** Runs node with `args` under GNU time; rejects on a non-zero exit. */
function measure(args: string[], env: Record<string, string>): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-time-"));
  const out = path.join(dir, "time");
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("/usr/bin/time", ["-o", out, "-f", "%U %S %M", process.execPath, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      const [user = 0, sys = 0, rssKb = 0] =
        readFileSync(out, "utf8").trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0 && !args.includes("--port"))
        reject(new Error(`${args.join(" ")} exited ${code}: ${err}`));
      else resolve({ wallMs, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024 });
    });
  });
}

const median = (xs: number[]) => percentile(xs, 50);
const describe = (runs: Run[]) =>
  `wall ${median(runs.map((r) => r.wallMs)).toFixed(0)} ms, CPU ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms, peak RSS ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB`;

export const cliBenchmark: Benchmark = {
  name: "cli",
  title: "switchboard exec vs the official SDK script; --help/--version/usage error",
  async run({ quick, log }) {
    const rounds = quick ? 3 : 7;
    const sim = await startSimulator({ fixture: demoFixture() });
    const data = mkdtempSync(path.join(os.tmpdir(), "sb-cli-bench-"));
    const env = { SWITCHBOARD_DATA_DIR: data, LOG_LEVEL: "warn" };
    const exec = ["exec", "--genesys-url", sim.url, "list acme"];
    const sdk = [
      path.join(ROOT, "bench/sdk-list-campaigns.cjs"),
      sim.url,
      "acme-switchboard",
      "acme-demo-secret",
    ];
    try {
      await measure([BIN, "exec", "--genesys-url", sim.url, "--reset", "list acme"], env); // set up the workspace
      const forgetTokens = () => {
        const db = new Database(path.join(data, "demo", "switchboard.db"));
        db.exec("DELETE FROM org_tokens");
        db.close();
      };
      const runs = { sdk: [] as Run[], warm: [] as Run[], cold: [] as Run[] };
      for (let i = 0; i < rounds; i++) {
        runs.sdk.push(await measure(sdk, {}));
        runs.warm.push(await measure([BIN, ...exec], env));
        forgetTokens();
        runs.cold.push(await measure([BIN, ...exec], env));
      }
      log(`SDK script (login + getOutboundCampaigns): ${describe(runs.sdk)}`);
      log(`switchboard exec, token kept (warm):       ${describe(runs.warm)}`);
      log(`switchboard exec, no token (cold):         ${describe(runs.cold)}`);
      const sdkWall = median(runs.sdk.map((r) => r.wallMs));
      const warm = median(runs.warm.map((r) => r.wallMs)) / sdkWall;
      const cold = median(runs.cold.map((r) => r.wallMs)) / sdkWall;
      const rss = Math.max(...runs.warm.map((r) => r.rssMb), ...runs.cold.map((r) => r.rssMb));
      log(`ratios to the SDK script (wall, median): warm ${warm.toFixed(2)}×, cold ${cold.toFixed(2)}×`);

      const quickOnes: Record<string, string[]> = {
        "node -e 0 (floor)": ["-e", "0"],
        "--help": [BIN, "--help"],
        "--version": [BIN, "--version"],
        "exec --help": [BIN, "exec", "--help"],
        "usage error (sim --port x)": [BIN, "sim", "--port", "x"],
      };
      const walls: Record<string, number> = {};
      for (const [label, args] of Object.entries(quickOnes)) {
        const r: Run[] = [];
        for (let i = 0; i < rounds; i++) r.push(await measure(args, env));
        walls[label] = median(r.map((x) => x.wallMs));
        log(`${label.padEnd(28)} ${describe(r)}`);
      }
      const slowest = Math.max(
        walls["--help"] ?? 0,
        walls["--version"] ?? 0,
        walls["usage error (sim --port x)"] ?? 0,
      );
      const floor = walls["node -e 0 (floor)"] ?? 0;
      return {
        targets: [
          { target: "exec warm ≤ 1.0× SDK script (wall)", measured: `${warm.toFixed(2)}×`, met: warm <= 1.0 },
          { target: "exec cold ≤ 1.5× SDK script (wall)", measured: `${cold.toFixed(2)}×`, met: cold <= 1.5 },
          { target: "exec peak RSS ≤ 100 MB", measured: `${rss.toFixed(0)} MB`, met: rss <= 100 },
          {
            target: "--help/--version/usage error ≤ 150 ms",
            measured: `${slowest.toFixed(0)} ms (node -e 0: ${floor.toFixed(0)} ms)`,
            met: slowest <= 150,
          },
        ],
      };
    } finally {
      await sim.close();
      rmSync(data, { recursive: true, force: true });
    }
  },
};
