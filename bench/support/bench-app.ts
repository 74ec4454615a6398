/**
 * The application as `serve` builds it, for benchmarks: composition root, a SQLite database in a
 * temporary directory, the simulator over loopback HTTP, the fixture seeded, logs silent.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shellInvocation } from "../../src/adapters/shell/invocation.js";
import { seedFromFixture } from "../../src/cli/seed.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/core/kernel/logger.js";
import { type Reply, replyToPlainText } from "../../src/core/kernel/reply.js";
import { staticPolicy } from "../../src/core/policy/policy-source.js";
import { policyFromFixtureSection } from "../../src/core/policy/validate-policy.js";
import { type Fixture, type Simulator, startSimulator } from "../../src/genesys-sim/index.js";
import { type App, buildApp } from "../../src/main.js";

export interface BenchApp<S extends { url: string } = Simulator> {
  app: App;
  sim: S;
  dir: string;
  databaseUrl: string;
  masterKey: Buffer;
  run(text: string, as: string): Promise<{ reply: Reply; text: string }>;
  close(): Promise<void>;
}

export async function startBenchApp<S extends { url: string } = Simulator>(options: {
  fixture: Fixture;
  env?: Record<string, string>;
  fetch?: typeof fetch;
  /** Use a simulator that is already running (in this process, or another: remote-simulator.ts). */
  simulator?: S;
}): Promise<BenchApp<S>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-"));
  const own = options.simulator ? undefined : await startSimulator({ fixture: options.fixture });
  // Without a simulator given, S is its default, Simulator: the cast only restates that.
  const sim = options.simulator ?? (own as unknown as S);
  const masterKey = randomBytes(32);
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const app = await buildApp({
    config: loadConfig({ ...options.env }, { dataDir: dir }),
    databaseUrl,
    masterKey,
    logger: silentLogger,
    simulatorUrl: sim.url,
    fetch: options.fetch,
    admins: options.fixture.switchboard?.admins ?? [],
    policy: staticPolicy(
      policyFromFixtureSection(options.fixture.switchboard?.policy ?? {}, "bench"),
      "bench",
    ),
  });
  await seedFromFixture(app.services, options.fixture, "bench");
  return {
    app,
    sim,
    dir,
    databaseUrl,
    masterKey,
    async run(text, as) {
      const reply = await app.dispatcher.dispatch(shellInvocation(text, as));
      return { reply, text: replyToPlainText(reply) };
    },
    async close() {
      await app.close();
      await own?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A benchmark's verdict on one target: printed, never asserted. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

interface BenchOutcome {
  targets: TargetCheck[];
}

interface BenchOptions {
  quick: boolean;
  log(line?: string): void;
}

export interface Benchmark {
  name: string;
  title: string;
  run(options: BenchOptions): Promise<BenchOutcome>;
}
