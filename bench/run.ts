/**
 * `npm run bench [-- name…] [-- --quick]`: runs the benchmarks (all, or those named) one after
 * another and prints their numbers, ratios and whether each target was met. Nothing is asserted:
 * results depend on the machine; BENCHMARKS.md records them with the machine they came from.
 */
import os from "node:os";
import { alertsBenchmark } from "./alerts.js";
import { alertsMemoryBenchmark } from "./alerts-memory.js";
import { bulkBenchmark } from "./bulk.js";
import { cliBenchmark } from "./cli.js";
import { coldBurstBenchmark } from "./cold-burst.js";
import { memoryBenchmark } from "./memory.js";
import { pipelineBenchmark } from "./pipeline.js";
import { slackAckBenchmark } from "./slack-ack.js";
import type { Benchmark, TargetCheck } from "./support/bench-app.js";

const ALL: Benchmark[] = [
  cliBenchmark,
  pipelineBenchmark,
  coldBurstBenchmark,
  slackAckBenchmark,
  bulkBenchmark,
  memoryBenchmark,
  alertsBenchmark,
  alertsMemoryBenchmark,
];

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes("--quick");
  const names = argv.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !ALL.some((b) => b.name === n));
  if (unknown.length) {
    process.stderr.write(
      `unknown benchmark ${unknown.join(", ")}; choose from: ${ALL.map((b) => b.name).join(", ")}\n`,
    );
    return 2;
  }
  const chosen = names.length ? ALL.filter((b) => names.includes(b.name)) : ALL;
  const cpus = os.cpus();
  const log = (line = "") => process.stdout.write(`${line}\n`);
  log(`Switchboard benchmarks — ${new Date().toISOString()}`);
  log(
    `machine: ${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, node ${process.version}${quick ? "; --quick (scaled down)" : ""}`,
  );
  const summary: Array<TargetCheck & { bench: string }> = [];
  for (const bench of chosen) {
    log();
    log(`== ${bench.name}: ${bench.title}`);
    const t0 = performance.now();
    try {
      const outcome = await bench.run({ quick, log: (line = "") => log(`   ${line}`) });
      for (const t of outcome.targets) summary.push({ ...t, bench: bench.name });
    } catch (e) {
      log(`   FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      summary.push({ bench: bench.name, target: "ran", measured: "error", met: false });
    }
    log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  log();
  log("== targets");
  for (const t of summary)
    log(`   ${t.met ? "met   " : "MISSED"}  ${t.bench}: ${t.target} — measured ${t.measured}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
