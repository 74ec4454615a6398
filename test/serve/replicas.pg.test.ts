/**
 * Two real `switchboard serve` processes on one PostgreSQL database behave as one: the same signed
 * Slack delivery reaching both (Slack's retry landing on the other replica, raced) runs once, and an
 * approval clicked on both executes once. Slack is a local stand-in both processes talk to
 * (SLACK_API_URL); Genesys is the simulator in this process, so its state is the proof.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedFromFixture } from "../../src/cli/seed.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/core/kernel/logger.js";
import type { AuditEntry } from "../../src/core/ports/audit-log.js";
import { loadFixtureFile, type Simulator, startSimulator } from "../../src/genesys-sim/index.js";
import { type App, buildApp } from "../../src/main.js";
import { describePg, useTestDatabase } from "../support/pg.js";
import { approvalIdOf, type SlackFake, startSlackFake, textOf } from "../support/slack-fake.js";
import { SLACK_FIXTURE } from "../support/slack-harness.js";
import { postSigned } from "../support/slack-sign.js";
import { useTempDir } from "../support/temp-dir.js";
import { killLeftovers, type ServeProcess, startServe } from "./support/serve-process.js";
import { buttonClick, type SlackUser, slashCommand } from "./support/slack-payloads.js";

const SECRET = "replica-signing-secret";
const ann: SlackUser = { team: "T1", id: "UANN", name: "ann" };
const ben: SlackUser = { team: "T1", id: "UBEN", name: "ben" };

describePg("two switchboard serve processes on one PostgreSQL", () => {
  const database = useTestDatabase();
  const tmp = useTempDir("switchboard-replicas-");
  let sim: Simulator;
  let fake: SlackFake;
  /** The same database seen from the test: seeds it, then reads what the replicas recorded. */
  let observer: App;
  let a: ServeProcess;
  let b: ServeProcess;

  beforeAll(async () => {
    const fixture = loadFixtureFile(SLACK_FIXTURE);
    sim = await startSimulator({ fixture });
    fake = await startSlackFake();
    const masterKey = randomBytes(32);
    observer = await buildApp({
      config: loadConfig({}, { dataDir: tmp.path }),
      databaseUrl: database.url,
      masterKey,
      logger: silentLogger,
      simulatorUrl: sim.url,
    });
    await seedFromFixture(observer.services, fixture, "test");
    const env = {
      DATABASE_URL: database.url,
      SWITCHBOARD_MASTER_KEY: masterKey.toString("base64"),
      SWITCHBOARD_DATA_DIR: tmp.file("data"),
      GENESYS_SIMULATOR_URL: sim.url,
      SWITCHBOARD_POLL_INTERVAL_MS: "50",
      SWITCHBOARD_STOP_WAIT_SECONDS: "10",
      SLACK_BOT_TOKEN: "xoxb-replica-token",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "warn",
    };
    [a, b] = await Promise.all([startServe(env, tmp.path), startServe(env, tmp.path)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    killLeftovers();
    await observer?.close();
    await fake?.close();
    await sim?.close();
  });

  const post = (replica: ServeProcess, raw: string, headers: Record<string, string> = {}) =>
    postSigned(`${replica.url}/slack/events`, SECRET, raw, { headers });

  async function rows(action: string, campaign: string): Promise<AuditEntry[]> {
    const all = await observer.services.audit.list({ orgSlug: "north", limit: 200 });
    return all.filter((r) => r.action === action && r.targetName === campaign);
  }

  /** The dispatcher's count of one command across both replicas, from their /metrics. */
  async function dispatched(command: string): Promise<number> {
    let total = 0;
    for (const replica of [a, b]) {
      const text = await (await fetch(`${replica.url}/metrics`)).text();
      const pattern = new RegExp(
        `^switchboard_commands_total\\{command="${command}",outcome="[a-z]+"\\} (\\d+)$`,
        "gm",
      );
      for (const m of text.matchAll(pattern)) total += Number(m[1]);
    }
    return total;
  }

  it("both replicas are ready on the shared database", async () => {
    for (const replica of [a, b]) {
      const ready = await fetch(`${replica.url}/readyz`);
      expect(ready.status).toBe(200);
    }
  });

  it("runs a slash command raced to both replicas once", async () => {
    const responseUrl = fake.responseUrl();
    const raw = slashCommand('pause north Golf --reason "replicas"', ann, responseUrl);
    const [first, retry] = await Promise.all([
      post(a, raw),
      post(b, raw, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }),
    ]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    await fake.waitFor((c) => textOf(c).includes("Paused Golf in north"), 20_000);

    expect(sim.campaign("north", "Golf").status).toBe("off");
    const pauses = await rows("pause", "Golf");
    expect(pauses.filter((r) => r.outcome === "intent")).toHaveLength(1);
    expect(pauses.filter((r) => r.outcome === "success")).toHaveLength(1);
    expect(await dispatched("pause")).toBe(1);
  });

  it("executes an approval once when the approve button reaches both replicas", async () => {
    await post(a, slashCommand('resume north Beta --reason "replicas"', ann, fake.responseUrl()));
    const request = await fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("asks to resume Beta"),
    );
    const id = approvalIdOf(request);
    expect(id).not.toBe("");

    const [onA, onB] = await Promise.all([
      post(a, buttonClick("approve", request, ben, fake.responseUrl())),
      post(b, buttonClick("approve", request, ben, fake.responseUrl())),
    ]);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    for (let i = 0; i < 200 && (await observer.services.approvals.get(id))?.status !== "executed"; i++)
      await new Promise((r) => setTimeout(r, 50));

    expect((await observer.services.approvals.get(id))?.status).toBe("executed");
    expect(sim.campaign("north", "Beta").status).toBe("on");
    const resumes = await rows("resume", "Beta");
    expect(resumes.filter((r) => r.outcome === "intent")).toHaveLength(1);
    expect(resumes.filter((r) => r.outcome === "success")).toHaveLength(1);
    expect(await observer.store.audit.verify()).toMatchObject({ ok: true });
  });

  it("both stop cleanly on SIGTERM", async () => {
    const codes = await Promise.all([a.stop(), b.stop()]);
    expect(codes).toEqual([0, 0]);
    expect(a.output() + b.output()).not.toContain("xoxb-replica-token");
  });
});
