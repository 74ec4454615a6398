/**
 * The whole application, as the app harness builds it, with the knobs fault tests need on both
 * sides: the simulator's clock and randomness, and the app's clock, fetch, Genesys timeouts and
 * retries, and SQLite lock wait. Every request the app sends to Genesys and every answer is
 * recorded in one ordered log, so a test can say "nothing was sent before Retry-After passed".
 */
import { randomBytes } from "node:crypto";
import { shellInvocation } from "../../../src/adapters/shell/invocation.js";
import { seedFromFixture } from "../../../src/cli/seed.js";
import { loadConfig } from "../../../src/config.js";
import type { Clock } from "../../../src/core/kernel/clock.js";
import { silentLogger } from "../../../src/core/kernel/logger.js";
import { type Reply, replyToPlainText } from "../../../src/core/kernel/reply.js";
import { staticPolicy } from "../../../src/core/policy/policy-source.js";
import { policyFromFixtureSection } from "../../../src/core/policy/validate-policy.js";
import { loadFixtureFile, type Simulator, startSimulator } from "../../../src/genesys-sim/index.js";
import { type App, type AppOptions, buildApp } from "../../../src/main.js";
import { withoutRateLimitHeaders } from "../../genesys/support/recording-fetch.js";
import { SCENARIO } from "../../support/app-harness.js";
import { makeTempDir, type TempDir } from "../../support/temp-dir.js";

export interface WireEvent {
  kind: "send" | "answer";
  /** The app clock's time (ms) when it happened. */
  at: number;
  method: string;
  /** The Genesys host the simulator stood in for, e.g. `login.mypurecloud.com`. */
  host: string;
  /** Path after the simulator's host segment, e.g. `/api/v2/outbound/campaigns/…`. */
  path: string;
  /** Answers only. */
  status?: number;
  retryAfterSeconds?: number;
}

export interface FaultHarness {
  app: App;
  sim: Simulator;
  dir: TempDir;
  databaseUrl: string;
  /** Every request sent to the simulator and every answer, in the order they happened. */
  wire: WireEvent[];
  run(text: string, as?: string): Promise<{ reply: Reply; text: string }>;
  /** API writes (POST/PUT under /api/v2) sent so far: a campaign change attempt. */
  writes(): WireEvent[];
  close(): Promise<void>;
}

export interface FaultHarnessOptions {
  fixturePath?: string;
  databaseUrl?: string;
  /** Shared by the simulator and the app, so waits cost no real time but stay consistent. */
  clock?: Clock & { readonly ms?: number };
  simRandom?: () => number;
  genesysOptions?: AppOptions["genesysOptions"];
  sqliteBusyTimeoutMs?: number;
  env?: Record<string, string>;
  /** Drop `inin-ratelimit-*` from every answer, so the app learns the limit only from 429s. */
  hideRateLimitHeaders?: boolean;
}

export async function startFaultHarness(options: FaultHarnessOptions = {}): Promise<FaultHarness> {
  const fixture = loadFixtureFile(options.fixturePath ?? SCENARIO);
  const dir = makeTempDir("switchboard-faults-");
  const clock = options.clock;
  const now = () => clock?.now().getTime() ?? Date.now();
  const sim = await startSimulator({
    fixture,
    ...(clock ? { now } : {}),
    ...(options.simRandom ? { random: options.simRandom } : {}),
  });
  const wire: WireEvent[] = [];
  const base = options.hideRateLimitHeaders ? withoutRateLimitHeaders() : fetch;
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const [, host = "", ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    const method = init?.method ?? "GET";
    wire.push({ kind: "send", at: now(), method, host, path });
    const response = await base(input, init);
    const retryAfter = response.headers.get("retry-after");
    wire.push({
      kind: "answer",
      at: now(),
      method,
      host,
      path,
      status: response.status,
      ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}),
    });
    return response;
  };
  const databaseUrl = options.databaseUrl ?? dir.sqliteUrl("switchboard.db");
  const config = loadConfig(
    { SWITCHBOARD_POLL_INTERVAL_MS: "50", SWITCHBOARD_STOP_WAIT_SECONDS: "10", ...options.env },
    { dataDir: dir.path },
  );
  const app = await buildApp({
    config,
    databaseUrl,
    masterKey: randomBytes(32),
    logger: silentLogger,
    simulatorUrl: sim.url,
    clock,
    fetch: recording,
    // No real waiting on backoff unless a test asks for it: the clock is what proves the waits.
    genesysOptions: { retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options.genesysOptions },
    sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs,
    admins: fixture.switchboard?.admins ?? [],
    policy: staticPolicy(policyFromFixtureSection(fixture.switchboard?.policy ?? {}, "fixture"), "fixture"),
  });
  await seedFromFixture(app.services, fixture, "test");
  return {
    app,
    sim,
    dir,
    databaseUrl,
    wire,
    async run(text, as = "sam") {
      const reply = await app.dispatcher.dispatch(shellInvocation(text, as));
      return { reply, text: replyToPlainText(reply) };
    },
    writes: () =>
      wire.filter((e) => e.kind === "send" && e.method !== "GET" && e.path.startsWith("/api/v2/outbound")),
    async close() {
      await app.close();
      await sim.close();
      dir.remove();
    },
  };
}

/** mulberry32: a tiny seeded PRNG, so the simulator's fault pattern is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
