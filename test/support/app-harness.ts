/**
 * The whole application in-process, built the way the CLI builds it: the real simulator over HTTP,
 * a real SQLite (or PostgreSQL) database, the composition root, the fixture seeded. Tests talk to
 * it through the dispatcher, exactly as an adapter would.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { shellInvocation } from "../../src/adapters/shell/invocation.js";
import { seedFromFixture } from "../../src/cli/seed.js";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/core/kernel/clock.js";
import { silentLogger } from "../../src/core/kernel/logger.js";
import type { Reply } from "../../src/core/kernel/reply.js";
import { replyToPlainText } from "../../src/core/kernel/reply.js";
import { staticPolicy } from "../../src/core/policy/policy-source.js";
import { policyFromFixtureSection } from "../../src/core/policy/validate-policy.js";
import {
  type Fixture,
  loadFixtureFile,
  type Simulator,
  startSimulator,
} from "../../src/genesys-sim/index.js";
import { type App, buildApp } from "../../src/main.js";
import { makeTempDir, type TempDir } from "./temp-dir.js";

export const SCENARIO = path.resolve(import.meta.dirname, "../fixtures/scenario.yml");

export interface Harness {
  app: App;
  sim: Simulator;
  masterKey: Buffer;
  fixture: Fixture;
  dir: TempDir;
  /** Runs a chat command as a shell user; returns the reply and every progress update. */
  run(text: string, as?: string): Promise<{ reply: Reply; text: string; progress: Reply[] }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    fixturePath?: string;
    databaseUrl?: string;
    env?: Record<string, string>;
    clock?: Clock;
    /** A second replica: share another harness's simulator and master key (same database URL). */
    replicaOf?: Harness;
  } = {},
): Promise<Harness> {
  const fixture = loadFixtureFile(options.fixturePath ?? SCENARIO);
  const dir = makeTempDir("switchboard-app-");
  const sim = options.replicaOf?.sim ?? (await startSimulator({ fixture }));
  const masterKey = options.replicaOf?.masterKey ?? randomBytes(32);
  const config = loadConfig(
    { SWITCHBOARD_POLL_INTERVAL_MS: "50", SWITCHBOARD_STOP_WAIT_SECONDS: "10", ...options.env },
    { dataDir: dir.path },
  );
  const app = await buildApp({
    config,
    databaseUrl: options.databaseUrl ?? dir.sqliteUrl("switchboard.db"),
    masterKey,
    logger: silentLogger,
    simulatorUrl: sim.url,
    clock: options.clock,
    admins: fixture.switchboard?.admins ?? [],
    policy: staticPolicy(policyFromFixtureSection(fixture.switchboard?.policy ?? {}, "fixture"), "fixture"),
  });
  await seedFromFixture(app.services, fixture, "test");
  return {
    app,
    sim,
    masterKey,
    fixture,
    dir,
    async run(text, as = "sam") {
      const progress: Reply[] = [];
      const reply = await app.dispatcher.dispatch(shellInvocation(text, as), {
        progress: async (r) => void progress.push(r),
      });
      return { reply, text: replyToPlainText(reply), progress };
    },
    async close() {
      await app.close();
      if (!options.replicaOf) await sim.close();
      dir.remove();
    },
  };
}
