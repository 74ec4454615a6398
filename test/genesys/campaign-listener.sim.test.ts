/** The campaign listener against the real simulator over WebSocket: events, and nothing lost across reconnects. */
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/kernel/logger.js";
import { type CampaignEventMessage, CampaignListener } from "../../src/genesys/campaign-listener.js";
import { createOrgClient } from "../../src/genesys/org-client.js";
import { demoFixture, startSimulator } from "../../src/genesys-sim/index.js";

const running: { stop(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

async function setup(heartbeatMs = 30_000) {
  const sim = await startSimulator({ fixture: demoFixture(), notifications: { pollMs: 10, heartbeatMs } });
  running.push({ stop: () => sim.close() });
  const fx = demoFixture().orgs.find((o) => o.slug === "acme");
  if (!fx) throw new Error("no acme");
  const client = createOrgClient({
    org: { slug: "acme", genesysOrgId: fx.id, region: fx.region },
    credentials: { clientId: "acme-switchboard", clientSecret: "acme-demo-secret" },
    simulatorUrl: sim.url,
  });
  const spring = sim.campaign("acme", "Spring Promo").id;
  const events: CampaignEventMessage[] = [];
  const connects: string[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  const until = async (ok: () => boolean) => {
    while (!ok()) await new Promise<void>((r) => waiters.push(r));
  };
  return { sim, client, spring, events, connects, wake, until };
}

function listenerFor(s: Awaited<ReturnType<typeof setup>>, heartbeatTimeoutMs = 90_000) {
  const listener = new CampaignListener({
    orgSlug: "acme",
    api: s.client.notifications,
    campaignIds: () => [s.spring],
    onEvent: (e) => {
      s.events.push(e);
      s.wake();
    },
    onConnected: (reason) => {
      s.connects.push(reason);
      s.wake();
    },
    logger: silentLogger,
    heartbeatTimeoutMs,
    backoff: { baseMs: 5, maxMs: 20 },
  });
  running.push(listener);
  return listener;
}

const statusEvents = (s: Awaited<ReturnType<typeof setup>>, status: string) =>
  s.events.filter((e) => e.kind === "campaign" && e.body.campaignStatus === status);

describe("campaign listener", () => {
  it("receives a campaign turned off outside the API, with its progress", async () => {
    const s = await setup();
    await listenerFor(s).start();
    s.sim.campaignEvent("acme", "Spring Promo", { status: "off" });
    await s.until(() => statusEvents(s, "off").length === 1 && s.events.some((e) => e.kind === "progress"));
    expect(statusEvents(s, "off")[0]?.campaignId).toBe(s.spring);
  });

  it("moves to a new channel on socket_closing and still gets later events", async () => {
    const s = await setup();
    const listener = listenerFor(s);
    await listener.start();
    s.sim.notifications.socketClosing("acme", 60_000);
    await s.until(() => s.connects.includes("socket_closing"));
    s.sim.campaignEvent("acme", "Spring Promo", {
      status: "forced_off",
      errors: [{ error: "line.unavailable" }],
    });
    await s.until(() => statusEvents(s, "forced_off").length === 1);
    expect(listener.counters.reconnects).toBe(1);
  });

  it("reconnects after a killed socket and re-reads, so a change made while down is not lost", async () => {
    const s = await setup();
    await listenerFor(s).start();
    s.sim.notifications.killSockets("acme");
    // The change happens while the listener is down: onConnected runs after the reconnect so the
    // caller re-reads the campaign.
    s.sim.campaignEvent("acme", "Spring Promo", { status: "off" });
    await s.until(() => s.connects.length === 2);
    expect(s.connects[1]).toMatch(/closed/);
  });

  it("reconnects when heartbeats stop", async () => {
    const s = await setup(60_000);
    const listener = listenerFor(s, 50);
    await listener.start();
    await s.until(() => s.connects.includes("heartbeat lost"));
    expect(listener.counters.reconnects).toBeGreaterThanOrEqual(1);
  });

  it("reconnects with a fresh token when Genesys closes the socket on token expiry", async () => {
    const s = await setup();
    await listenerFor(s).start();
    s.sim.expireTokens();
    await s.until(() => s.connects.length === 2);
    s.sim.campaignEvent("acme", "Spring Promo", { status: "off" });
    await s.until(() => statusEvents(s, "off").length === 1);
  });
});
